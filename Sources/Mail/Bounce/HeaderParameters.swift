// HeaderParameters: a structured value with parameters, e.g. Content-Type (RFC 2045 §5.1, RFC 2231 §3-4).

/// `type/subtype; name=value; name="quoted value"`, with the main value and parameter names lower-cased.
public struct HeaderParameters: Sendable, Equatable {
    /// The value before the first `;`, lower-cased and trimmed (e.g. `multipart/report`).
    public var value: String
    /// Parameters by lower-cased name; quoted strings unquoted, RFC 2231 continuations joined.
    public var parameters: [String: String]

    public init(_ text: String) {
        // Split at `;` outside quoted strings, keeping the quotes: the spaces inside a quoted string are part
        // of the value (RFC 2045 §5.1) and must survive the trimming below (found by fuzzing a filename
        // ending in a space; docs/fuzzing.md).
        var parts: [String] = []
        var current = ""
        var inQuotes = false
        var escaped = false
        for character in text {
            current.append(character)
            if escaped { escaped = false; continue }
            if inQuotes, character == "\\" { escaped = true; continue }
            if character == "\"" { inQuotes.toggle(); continue }
            if character == ";", !inQuotes { current.removeLast(); parts.append(current); current = "" }
        }
        parts.append(current)
        value = Self.unquoted((parts.first ?? "").trimmingASCIISpace()).lowercased()
        var parameters: [String: String] = [:]
        var continued: [String: [(Int, String)]] = [:]
        for part in parts.dropFirst() {
            guard let equals = part.firstIndex(of: "=") else { continue }
            var name = part[..<equals].trimmingASCIISpace().lowercased()
            var parameterValue = Self.unquoted(part[part.index(after: equals)...].trimmingASCIISpace())
            if name.hasSuffix("*") {
                // RFC 2231 §4: charset'language'percent-encoded; only the text matters here.
                name.removeLast()
                let pieces = parameterValue.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                if pieces.count == 3 { parameterValue = String(pieces[2]) }
                parameterValue = parameterValue.removingPercentEscapes()
            }
            // RFC 2231 §3: name*0, name*1, ... continuations.
            if let star = name.firstIndex(of: "*"), let number = Int(name[name.index(after: star)...]) {
                continued[String(name[..<star]), default: []].append((number, parameterValue))
            } else {
                parameters[name] = parameterValue
            }
        }
        for (name, pieces) in continued where parameters[name] == nil {
            parameters[name] = pieces.sorted { $0.0 < $1.0 }.map(\.1).joined()
        }
        self.parameters = parameters
    }

    /// The text with quoted strings' quotes removed and their backslash escapes undone (RFC 5322 §3.2.4).
    private static func unquoted(_ text: String) -> String {
        guard text.contains("\"") else { return text }
        var out = ""
        var inQuotes = false
        var escaped = false
        for character in text {
            if escaped { out.append(character); escaped = false; continue }
            if inQuotes, character == "\\" { escaped = true; continue }
            if character == "\"" { inQuotes.toggle(); continue }
            out.append(character)
        }
        return out
    }
}

extension String {
    /// `%XX` escapes decoded as UTF-8 (RFC 2231 §4 values); invalid escapes are kept.
    func removingPercentEscapes() -> String {
        guard contains("%") else { return self }
        let bytes = Array(utf8)
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x25, index + 2 < bytes.count,
               let value = UInt8(String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) {
                out.append(value)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
