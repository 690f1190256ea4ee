// Reply: one complete, possibly multi-line SMTP reply (RFC 5321 §4.2.1), with its text safe to print.

/// A complete SMTP reply. Every line carried the same code (RFC 5321 §4.2.1). The text is stored escaped for
/// display (`String.escapedForDisplay`), so a hostile server cannot put terminal escapes into logs or errors.
public struct Reply: Sendable, Equatable, CustomStringConvertible {
    public var code: ReplyCode
    /// The text of each line after the code and separator, escaped for display.
    public var lines: [String]

    public init(code: ReplyCode, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    /// RFC 3463 status from the first line, when present and consistent with the reply code's class.
    public var enhancedStatus: EnhancedStatusCode? {
        guard let first = lines.first, let status = EnhancedStatusCode(prefixOf: Substring(first)),
              status.statusClass == code.rawValue / 100
        else { return nil }
        return status
    }

    /// All lines joined by spaces.
    public var text: String { lines.joined(separator: " ") }

    /// The reply as a server would print it on one line, e.g. "550 5.1.1 no such user".
    public var description: String { lines.isEmpty ? code.description : "\(code) \(text)" }

    /// True for 421, the one reply after which the server closes the connection (RFC 5321 §3.8).
    public var closesConnection: Bool { code == .serviceClosing }
}
