// TransactionResult: the typed outcome of one MAIL…DATA transaction, per message and per recipient.

/// What happened to one message. Refusals are data, not thrown errors (STYLE E.3): the engine records
/// each recipient's outcome in the journal.
public struct TransactionResult: Sendable, Equatable {
    /// The message as a whole.
    public var disposition: Disposition
    /// The reply that decided it: the final dot's, or the refusal of MAIL or DATA.
    public var reply: Reply?
    /// Why the message was not accepted; nil when it was.
    public var error: SMTPError?
    /// One entry per envelope recipient, in order.
    public var recipients: [RecipientResult]

    public init(disposition: Disposition, reply: Reply?, error: SMTPError?, recipients: [RecipientResult]) {
        self.disposition = disposition
        self.reply = reply
        self.error = error
        self.recipients = recipients
    }
}
