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
        let token = text.prefix { $0 != " " }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        // RFC 3463 §2: class "2"/"4"/"5", subject 1*3digit, detail 1*3digit.
        guard parts.count == 3, parts.allSatisfy({ (1...3).contains($0.count) && $0.allSatisfy(\.isASCIIDigit) }),
              let statusClass = Int(parts[0]), let subject = Int(parts[1]), let detail = Int(parts[2]),
              [2, 4, 5].contains(statusClass), parts[0].count == 1
        else { return nil }
        self.statusClass = statusClass
        self.subject = subject
        self.detail = detail
    }

    public var description: String { "\(statusClass).\(subject).\(detail)" }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
