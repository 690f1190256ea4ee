// JournalState: what a journal record says happened to one recipient, and which states are final on resume.

/// The `state` of a recipient record, spelled in the journal exactly as the raw value.
///
/// DESIGN.md invariant 1: on resume `accepted`, `failed`, `suppressed`, `invalid` and `expired` are final;
/// `duplicate` and `no-consent` are final for this input; `deferred` is retried when due; an `attempting`
/// with no later record is `uncertain` and is not resent unless the user asks.
public enum JournalState: String, Sendable, CaseIterable {
    case attempting
    case accepted
    case deferred
    case failed
    case suppressed
    case invalid
    case duplicate
    case noConsent = "no-consent"
    case uncertain
    case expired

    /// True when a recipient in this state is never attempted again for this input.
    public var isFinal: Bool {
        switch self {
        case .accepted, .failed, .suppressed, .invalid, .expired, .duplicate, .noConsent: true
        case .attempting, .deferred, .uncertain: false
        }
    }

    /// One byte per recipient in `JournalIndex` (the position in `allCases`).
    var code: UInt8 {
        switch self {
        case .attempting: 0
        case .accepted: 1
        case .deferred: 2
        case .failed: 3
        case .suppressed: 4
        case .invalid: 5
        case .duplicate: 6
        case .noConsent: 7
        case .uncertain: 8
        case .expired: 9
        }
    }

    init?(code: UInt8) {
        switch code {
        case 0: self = .attempting
        case 1: self = .accepted
        case 2: self = .deferred
        case 3: self = .failed
        case 4: self = .suppressed
        case 5: self = .invalid
        case 6: self = .duplicate
        case 7: self = .noConsent
        case 8: self = .uncertain
        case 9: self = .expired
        default: return nil
        }
    }
}
