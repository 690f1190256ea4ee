// FailureReply: how failure replies are grouped (summary, notify, metrics) and what counts as a connection failure.

/// Groups failure replies that differ only in queue ids, addresses and numbers.
public enum FailureReply {
    /// Characters of reply text kept after normalising.
    public static let maxTextLength = 80

    /// "550 5.1.1 no such user": code, enhanced code, then the text with addresses replaced by `<address>`,
    /// runs of digits by `#`, whitespace collapsed and cut to `maxTextLength`.
    public static func normalise(code: Int?, enhanced: String?, text: String?) -> String {
        var words: [String] = []
        if let code { words.append(String(code)) }
        if let enhanced { words.append(enhanced) }
        var cleaned = ""
        for token in (text ?? "").split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            var word = String(token)
            if word.contains("@") {
                word = "<address>"
            } else {
                word = collapseDigits(word)
            }
            // Leading code and enhanced code repeated in the text are dropped.
            if cleaned.isEmpty, word == words.first || word == enhanced { continue }
            cleaned += cleaned.isEmpty ? word : " " + word
        }
        if cleaned.count > maxTextLength { cleaned = String(cleaned.prefix(maxTextLength)) + "…" }
        if !cleaned.isEmpty { words.append(cleaned) }
        return words.isEmpty ? "no reply" : words.joined(separator: " ")
    }

    private static func collapseDigits(_ word: String) -> String {
        var out = ""
        var inDigits = false
        for character in word {
            if character.isASCII, character.isNumber {
                if !inDigits { out.append("#") }
                inDigits = true
            } else {
                out.append(character)
                inDigits = false
            }
        }
        // Short words keep their digits (a port, "4.2.2"); longer runs are queue ids, sizes, times.
        return word.count <= 5 ? word : out
    }

    /// True for an outcome with no SMTP reply at all: the relay could not be reached or the connection broke
    /// before the message was sent (`SMTPTransport` defers these without a code).
    public static func isConnectionFailure(_ event: RunEvent) -> Bool {
        event.kind == .outcome && event.state == .deferred && event.code == nil
    }
}
