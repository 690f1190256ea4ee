// RunEvent: one thing a send run recorded (an intent, an outcome, a skip), as observers see it.
import Foundation

/// What the runner tells its observers about one recipient. Addresses are unmasked here; consumers that
/// write them anywhere mask them with `AddressMask` when `privacy.mask_addresses` is set.
public struct RunEvent: Sendable {
    public enum Kind: String, Sendable {
        /// The intent is durable; the message is about to pass its point of no return (journal `attempting`).
        case intent
        /// A delivery attempt ended (accepted, deferred, failed, uncertain).
        case outcome
        /// The policy gate or the last-moment suppression check left the recipient out, or a state needed no
        /// attempt (expired, a message that could not be built).
        case skip
    }

    public var kind: Kind
    /// The recipient key (the normalised address; `invalid:<line>:<text>` for rows without one).
    public var key: String
    /// The recipient's domain, or "" when the row has no valid address.
    public var domain: String
    /// The journal state recorded.
    public var state: JournalState
    public var relay: String?
    public var code: Int?
    public var enhancedStatus: String?
    /// Reply text or the reason for a skip, escaped for display.
    public var reply: String?
    public var attempt: Int?
    /// Seconds the SMTP transaction took, when the transport measured it.
    public var duration: Double?
    public var time: Date

    public init(
        _ kind: Kind, key: String, domain: String, state: JournalState, relay: String? = nil, code: Int? = nil,
        enhancedStatus: String? = nil, reply: String? = nil, attempt: Int? = nil, duration: Double? = nil,
        time: Date = Date()
    ) {
        self.kind = kind
        self.key = key
        self.domain = domain
        self.state = state
        self.relay = relay
        self.code = code
        self.enhancedStatus = enhancedStatus
        self.reply = reply
        self.attempt = attempt
        self.duration = duration
        self.time = time
    }
}

/// What is known when a run starts.
public struct RunStart: Sendable {
    public var campaignID: String
    /// Deliverable recipients in the list, when they were counted before the run (confirm_above, max_recipients).
    public var deliverable: Int?
    /// Relay names (host or "outbox").
    public var relays: [String]
    public var time: Date

    public init(campaignID: String, deliverable: Int?, relays: [String], time: Date = Date()) {
        self.campaignID = campaignID
        self.deliverable = deliverable
        self.relays = relays
        self.time = time
    }
}
