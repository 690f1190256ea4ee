// ReplyText: relay replies normalised so that the same refusal for different recipients counts as one.

/// Normalises reply texts for counting and display.
enum ReplyText {
    /// Longest normalised text kept; longer replies are cut with an ellipsis.
    static let maximumLength = 160

    /// `text` without a leading copy of its code and enhanced code, with addresses replaced by `<address>`
    /// (relays quote the recipient: `<bob@example.com>: user unknown`), whitespace collapsed, and cut short.
    static func normalise(_ text: String, code: Int?, enhanced: String?) -> String {
        var words = text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        // Errors thrown by the SMTP client print "… 550 5.1.1 …"; the reply alone starts with the text.
        if let code, words.first == String(code) { words.removeFirst() }
        if let enhanced, words.first == enhanced { words.removeFirst() }
        // "<bob@example.com>:" becomes "<address>:", a bare "bob@example.com" becomes "address".
        let normalised = AddressMask.replaceAddresses(in: words.joined(separator: " ")) { _ in "address" }
        return normalised.count > maximumLength ? String(normalised.prefix(maximumLength - 1)) + "…" : normalised
    }
}
