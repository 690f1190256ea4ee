// Disposition: where a message or recipient stands after a transaction.

/// The outcome of a transaction for the message as a whole or for one recipient.
public enum Disposition: Sendable, Equatable {
    /// The server took responsibility (2yz to the final dot, and to RCPT for a recipient).
    case accepted
    /// A 4yz reply (or a connection failure before the final dot): try again later.
    case transient
    /// A 5yz reply: do not retry.
    case permanent
    /// The connection was lost after the final dot and before its reply: the server may or may not have
    /// the message. Not resent unless the user asks (no recipient is mailed twice).
    case uncertain
}
