// DeliveryOutcome: what a transport says happened to one message; data for the journal, never thrown.

/// The result of one delivery attempt (STYLE.md E.3: per-recipient outcomes are data).
public struct DeliveryOutcome: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The relay (or outbox) took responsibility for the message.
        case accepted
        /// A transient failure (4yz, or the connection lost before the final dot): retry later.
        case deferred
        /// A permanent failure (5yz).
        case failed
        /// The connection was lost after the final dot and before the reply: the message may have been
        /// delivered. Never resent unless the user asks (DESIGN.md invariant 1).
        case uncertain
    }

    public var kind: Kind
    /// Relay host, or "outbox".
    public var relay: String?
    public var code: Int?
    public var enhancedStatus: String?
    /// Reply text, escaped for display.
    public var reply: String?
    /// Seconds the transaction took (MAIL FROM to the last reply), when the transport measured it.
    public var duration: Double?

    public init(
        _ kind: Kind, relay: String? = nil, code: Int? = nil, enhancedStatus: String? = nil, reply: String? = nil,
        duration: Double? = nil
    ) {
        self.kind = kind
        self.relay = relay
        self.code = code
        self.enhancedStatus = enhancedStatus
        self.reply = reply
        self.duration = duration
    }
}
