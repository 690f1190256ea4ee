// MessageTransport: where the runner hands rendered messages; outbox folder or SMTP relay pool.

/// Delivers batches of messages. A transport never throws per message: every message gets an outcome.
public protocol MessageTransport: Sendable {
    /// Delivers `messages` (possibly concurrently), reporting each outcome as soon as it is known, so the
    /// journal records it at once (a crash then leaves only messages truly in flight uncertain).
    /// - Parameters:
    ///   - shouldContinue: checked before each message; false stops starting new ones (a journal failure or a
    ///     stop signal). Messages not started get no outcome.
    ///   - beforeCommit: called with the message's index right before the point of no return (SMTP: the final
    ///     dot; outbox: the rename into new/), so the journal can make the intent durable there (DESIGN.md
    ///     invariant 1). Returning false abandons the message (the server discards it): it is then deferred.
    ///   - outcome: called once per started message with its index in `messages`; may be called from several
    ///     threads at once.
    func deliver(
        _ messages: [RenderedMessage], shouldContinue: @Sendable () -> Bool,
        beforeCommit: @Sendable (Int) -> Bool, outcome: @Sendable (Int, DeliveryOutcome) -> Void)
}

extension OutboxTransport: MessageTransport {
    public func deliver(
        _ messages: [RenderedMessage], shouldContinue: @Sendable () -> Bool,
        beforeCommit: @Sendable (Int) -> Bool, outcome: @Sendable (Int, DeliveryOutcome) -> Void
    ) {
        for (index, message) in messages.enumerated() {
            guard shouldContinue() else { return }
            guard beforeCommit(index) else {
                outcome(index, DeliveryOutcome(.deferred, relay: "outbox", reply: "abandoned: the journal could not record it"))
                continue
            }
            outcome(index, deliver(message))
        }
    }
}
