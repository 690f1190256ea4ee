// EnhancedStatusCode: the "class.subject.detail" code at the start of a reply's text (RFC 3463, RFC 2034).

/// An enhanced mail system status code such as 5.1.1 (RFC 3463 §2).
public struct EnhancedStatusCode: Hashable, Sendable, CustomStringConvertible {
    /// 2 (success), 4 (persistent transient failure) or 5 (permanent failure).
    public let statusClass: Int
    /// The subject, e.g. 1 for addressing status (RFC 3463 §3).
    public let subject: Int
    /// The detail within the subject.
    public let detail: Int

    /// Parses the code at the start of `text` (RFC 2034 §4: "status-code SP text"); nil when there is none.
    public init?(prefixOf text: Substring) {
        // Parsed over the UTF-8 bytes (no grapheme breaking: it runs for every reply). RFC 3463 §2: class
        // "2"/"4"/"5", subject 1*3digit, detail 1*3digit, then a space or the end.
        var numbers: [Int] = []
        var value = 0
        var digits = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: " ") { break }
            if byte == UInt8(ascii: ".") {
                guard digits > 0, numbers.count < 2 else { return nil }
                numbers.append(value)
                value = 0
                digits = 0
                continue
            }
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte), digits < 3 else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
            if numbers.isEmpty && digits > 1 { return nil }  // the class is one digit
        }
        guard numbers.count == 2, digits > 0, [2, 4, 5].contains(numbers[0]) else { return nil }
        statusClass = numbers[0]
        subject = numbers[1]
        detail = value
    }

    public var description: String { "\(statusClass).\(subject).\(detail)" }
}
