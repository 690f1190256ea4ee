// DKIMTagList: the tag=value list syntax of DKIM signatures and key records (RFC 6376 §3.2).

/// A parsed `tag=value; tag=value` list, in order, with whitespace around tags and values removed.
struct DKIMTagList {
    /// The tags in the order written.
    private(set) var tags: [(name: String, value: String)] = []

    /// Parses `text`.
    ///
    /// RFC 6376 §3.2: tags are separated by `;` (a trailing one is allowed), names are case-sensitive, whitespace
    /// around names and values is ignored, and a tag appearing twice makes the whole list invalid.
    /// - Throws: `DKIMError.Kind.malformedRecord` naming the problem.
    init(_ text: String) throws(DKIMError) {
        var seen: Set<String> = []
        let specs = text.split(separator: ";", omittingEmptySubsequences: false)
        for (index, spec) in specs.enumerated() {
            let trimmed = Self.trimmed(spec)
            if trimmed.isEmpty {
                // Only the empty spec after a trailing ";" is allowed by the grammar.
                guard index == specs.count - 1 else { throw DKIMError(.malformedRecord("empty tag between ';'")) }
                continue
            }
            guard let equals = trimmed.firstIndex(of: "=") else {
                throw DKIMError(.malformedRecord("'\(trimmed)' is not tag=value"))
            }
            let name = Self.trimmed(trimmed[..<equals])
            let value = Self.trimmed(trimmed[trimmed.index(after: equals)...])
            guard Self.isTagName(name) else { throw DKIMError(.malformedRecord("'\(name)' is not a tag name")) }
            guard seen.insert(name).inserted else { throw DKIMError(.malformedRecord("tag '\(name)' appears twice")) }
            tags.append((name, value))
        }
    }

    /// The value of tag `name`, if present.
    subscript(name: String) -> String? {
        tags.first { $0.name == name }?.value
    }

    /// RFC 6376 §3.2 tag-name: ALPHA followed by letters, digits and underscores.
    private static func isTagName(_ name: String) -> Bool {
        func isLetter(_ byte: UInt8) -> Bool { (0x61...0x7A).contains(byte | 0x20) }  // a-z after folding case
        guard let first = name.utf8.first, isLetter(first) else { return false }
        return name.utf8.allSatisfy { isLetter($0) || (0x30...0x39).contains($0) || $0 == UInt8(ascii: "_") }
    }

    /// `text` without FWS at either end (RFC 6376 §3.2 allows it around tags and values).
    private static func trimmed(_ text: Substring) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r\n" || $0 == "\n" || $0 == "\r" }
        guard let start = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(text[start...last])
    }
}
