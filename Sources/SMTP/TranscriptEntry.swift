// TranscriptEntry: one line of an SMTP dialogue as recorded for `--trace`, secrets already redacted.

/// One recorded line. Server text is escaped for display; AUTH payloads read `<redacted>`.
public struct TranscriptEntry: Sendable, Equatable, CustomStringConvertible {
    public enum Direction: Sendable, Equatable {
        /// Sent by the client ("C:").
        case client
        /// Received from the server ("S:").
        case server
        /// A remark by the client about the session ("*"), e.g. TLS established.
        case note
    }

    public var direction: Direction
    public var text: String

    public init(_ direction: Direction, _ text: String) {
        self.direction = direction
        self.text = text
    }

    public var description: String {
        switch direction {
        case .client: "C: \(text)"
        case .server: "S: \(text)"
        case .note: "* \(text)"
        }
    }
}
