// ReplyCode: a three-digit SMTP reply code and its severity (RFC 5321 §4.2).

/// A three-digit SMTP reply code (RFC 5321 §4.2).
public struct ReplyCode: Hashable, Sendable, CustomStringConvertible {
    /// The first digit's meaning (RFC 5321 §4.2.1).
    public enum Severity: Sendable, Equatable {
        case positiveCompletion
        case positiveIntermediate
        case transientNegative
        case permanentNegative
    }

    public let rawValue: Int

    /// Returns nil unless the code is 200...599 (the only first digits RFC 5321 §4.2.1 defines for replies).
    public init?(_ rawValue: Int) {
        guard (200...599).contains(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    private init(known rawValue: Int) { self.rawValue = rawValue }

    public var severity: Severity {
        switch rawValue / 100 {
        case 2: .positiveCompletion
        case 3: .positiveIntermediate
        case 4: .transientNegative
        default: .permanentNegative  // init guarantees 5
        }
    }

    public var description: String { String(rawValue) }

    public static let serviceReady = ReplyCode(known: 220)
    public static let closing = ReplyCode(known: 221)
    public static let authenticationSucceeded = ReplyCode(known: 235)
    public static let ok = ReplyCode(known: 250)
    public static let serverChallenge = ReplyCode(known: 334)
    public static let startMailInput = ReplyCode(known: 354)
    public static let serviceClosing = ReplyCode(known: 421)
}
