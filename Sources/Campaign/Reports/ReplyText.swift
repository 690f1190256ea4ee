// ReplyText: relay replies normalised so that the same refusal for different recipients counts as one.

/// Normalises reply texts for counting and display.
enum ReplyText {
    /// Longest normalised text kept; longer replies are cut with an ellipsis.
    static let maximumLength = 160

    /// `text` without a leading copy of its code and enhanced code, with addresses replaced by `<address>`
    /// (relays quote the recipient: `<bob@example.com>: user unknown`), identifiers replaced by `…` (queue
    /// and session ids: `id 4F3A1C2B9`), whitespace collapsed, and cut short.
    static func normalise(_ text: String, code: Int?, enhanced: String?) -> String {
        var words = text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        // Errors thrown by the SMTP client print "… 550 5.1.1 …"; the reply alone starts with the text.
        if let code, words.first == String(code) { words.removeFirst() }
        if let enhanced, words.first == enhanced { words.removeFirst() }
        // "<bob@example.com>:" becomes "<address>:", a bare "bob@example.com" becomes "address".
        let normalised = words.map { word in
            let replaced = replacingAddress(word)
            return replaced == word && isIdentifier(word) ? "…" : replaced
        }.joined(separator: " ")
        return normalised.count > maximumLength ? String(normalised.prefix(maximumLength - 1)) + "…" : normalised
    }

    /// `word` with an address in it replaced by `address`, keeping the punctuation around it (`<…>:`, `(…),`).
    static func replacingAddress(_ word: String) -> String {
        guard word.contains("@"), word.count > 1 else { return word }
        let leading = word.prefix { wrapping.contains($0) }
        let rest = word.dropFirst(leading.count)
        let trailing = String(rest.reversed().prefix { wrapping.contains($0) }.reversed())
        let core = rest.dropLast(trailing.count)
        return core.contains("@") ? leading + "address" + trailing : word
    }

    private static let wrapping: Set<Character> = ["<", ">", "(", ")", "[", "]", "\"", "'", ":", ";", ",", "."]

    /// A word that is an identifier rather than language: five digits in a row (`100020`), or at least eight
    /// characters of which four or more are digits (`d9443c01a7336-2a2d2f`). Codes such as `5.7.26`, counts
    /// such as `300 seconds` and words such as `RFC5321` stay.
    static func isIdentifier(_ word: String) -> Bool {
        var digits = 0
        var run = 0
        for scalar in word.unicodeScalars {
            if ("0"..."9").contains(scalar) {
                digits += 1
                run += 1
                if run >= 5 { return true }
            } else {
                run = 0
            }
        }
        return word.unicodeScalars.count >= 8 && digits >= 4
    }
}
