// RecipientResult: what one transaction did for one recipient.

/// The final outcome for one recipient: its RCPT reply when RCPT refused it, otherwise the transaction's.
public struct RecipientResult: Sendable, Equatable {
    public var address: String
    public var disposition: Disposition
    /// The reply that decided it (nil when no reply did, e.g. an uncertain transaction).
    public var reply: Reply?

    public init(address: String, disposition: Disposition, reply: Reply?) {
        self.address = address
        self.disposition = disposition
        self.reply = reply
    }
}
