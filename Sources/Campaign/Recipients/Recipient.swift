// Recipient: one row of the recipient list with its parsed address and what the policy gate decided.
import Mail

/// What the recipient checks decided about a row, before any suppression or sending.
public enum RecipientVerdict: Sendable, Equatable {
    /// To be mailed.
    case ok
    /// The address cannot be mailed; `code` is stable (e.g. "missing-at"), `message` is for people.
    case invalid(code: String, message: String)
    /// The same normalised address appeared first on `firstLine`; the first row wins.
    case duplicate(firstLine: Int)
    /// Consent is required and the consent column does not say yes.
    case noConsent

    /// The short name used in summaries, JSON and the journal.
    public var name: String {
        switch self {
        case .ok: "ok"
        case .invalid: "invalid"
        case .duplicate: "duplicate"
        case .noConsent: "no-consent"
        }
    }
}

/// One recipient row.
public struct Recipient: Sendable {
    /// Physical line of the CSV file where the row starts.
    public var line: Int
    /// The row's fields in header order.
    public var fields: [String]
    /// The address as written in the file.
    public var rawEmail: String
    /// The parsed address, when valid.
    public var address: EmailAddress?
    /// The normalised key used for dedupe and suppression (docs/campaign.md "recipients").
    public var key: String?
    /// The display name from `recipients.name_column`, if any.
    public var displayName: String?
    public var verdict: RecipientVerdict
}
