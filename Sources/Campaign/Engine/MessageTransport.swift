// MessageTransport: where the runner hands rendered messages; outbox folder or SMTP relay pool.

/// What a transport asks the runner while it delivers one message. Called on the worker's thread.
public protocol DeliveryHooks: Sendable {
    /// False stops waiting for a throttle permit: the run is stopping, the message is not started.
    func shouldContinue() -> Bool
    /// Called once a connection and a throttle permit are in hand, right before the transaction starts: the
    /// runner checks the suppression lists again and appends the intent, whose fsync then runs while the
    /// transaction gets under way. False withdraws the message: nothing of it is sent. Calling it again
    /// returns the first answer and records nothing more.
    func begin() -> Bool
    /// Called right before the point of no return (SMTP: the final dot; outbox: the rename into new/); blocks
    /// until the intent is durable (DESIGN.md invariant 1). False abandons the message: the server discards it.
    func commit() -> Bool
}

/// The message a worker will deliver next, offered while it delivers the current one: an SMTP transport may
/// start its transaction early, with the current message's final dot (RFC 2920), calling its `begin` then.
public struct UpcomingMessage: Sendable {
    /// How many messages a worker takes on beyond the one it delivers, and the most it offers as the upcoming
    /// one and those `following` (`beginAhead` decides how many of them, by the connection's pace).
    ///
    /// A transport that starts messages early begins the ones offered (intent appended) while the current
    /// one goes out, so each intent has that many transactions' time to reach the disk and their fsyncs are
    /// shared (measured with 4 connections to smtp-sink: at 2, a quarter of the messages still waited for
    /// their fsync; at 4, under a tenth, and one fsync covered about five intents instead of three). The
    /// price: after a crash a connection can leave the ones offered plus one with an intent and no outcome,
    /// reported uncertain (docs/journal.md).
    public static let lookahead = 4

    /// How many messages to begin ahead, the upcoming one included (1...`lookahead`), on a connection that
    /// takes `period` nanoseconds per message when a journal commit takes `commit` nanoseconds: enough that
    /// an intent has about eight commits' time before its dot (one under way, the hold, its own, and a margin
    /// for the slow ones: fewer cost a few percent at loopback speed), and no more, since each message begun
    /// ahead is one more recipient left uncertain if edm is killed.
    /// A relay across a network (milliseconds per message) gets one; smtp-sink on loopback (a fraction of a
    /// millisecond) all four. Unknown yet (0): all of them.
    public static func beginAhead(period: UInt64, commit: UInt64) -> Int {
        guard period > 0, commit > 0 else { return lookahead }
        let needed = (8 * commit + period - 1) / period
        return Int(min(max(needed, 1), UInt64(lookahead)))
    }

    public var message: RenderedMessage
    public var hooks: any DeliveryHooks
    /// The hooks of the messages after it on the same worker, in order, if known: a transport that starts
    /// messages early may begin them too, so their intents are on disk long before their turn.
    public var following: [any DeliveryHooks]

    public init(message: RenderedMessage, hooks: any DeliveryHooks, following: [any DeliveryHooks] = []) {
        self.message = message
        self.hooks = hooks
        self.following = following
    }
}

/// Delivers messages one at a time per worker; the runner runs `concurrency` workers, each on a thread of
/// its own, and streams messages to them through a bounded queue. A transport never throws per message:
/// every started message gets an outcome.
public protocol MessageTransport: Sendable {
    /// How many messages may be in delivery at once (SMTP: connections; outbox: 1).
    var concurrency: Int { get }
    /// Delivers `message` as worker `worker` (0..<concurrency). A worker's calls never overlap, so a
    /// transport may keep per-worker state (a connection) without locking.
    /// - Parameter upcoming: the message this worker delivers next, if it is already known. A transport that
    ///   starts it early calls its `hooks.begin` and keeps what it started for the `deliver` call that follows.
    /// - Returns: the outcome; nil when the message was not sent: `hooks.shouldContinue` turned false while it
    ///   waited (or, for one started early, before its final dot), or `hooks.begin` withdrew it.
    func deliver(
        _ message: RenderedMessage, worker: Int, hooks: any DeliveryHooks, upcoming: UpcomingMessage?
    ) -> DeliveryOutcome?
    /// Ends the workers' connections after the last message (QUIT).
    func close()
}

extension MessageTransport {
    /// Delivers `messages` concurrently outside any journal (`edm send --test`); the outcomes in order, nil for
    /// a message that was not started.
    public func deliverAll(_ messages: [RenderedMessage]) -> [DeliveryOutcome?] {
        let outcomes = Locked<[DeliveryOutcome?]>(Array(repeating: nil, count: messages.count))
        let next = Locked(0)
        BlockingWorkers.run(count: min(concurrency, messages.count)) { worker in
            while true {
                let index = next.withLock { value -> Int in
                    defer { value += 1 }
                    return value
                }
                guard index < messages.count else { return }
                let outcome = deliver(messages[index], worker: worker, hooks: UnjournaledHooks(), upcoming: nil)
                outcomes.withLock { $0[index] = outcome }
            }
        }
        close()
        return outcomes.withLock { $0 }
    }
}

/// Hooks for messages outside the journal: nothing to check or make durable.
private struct UnjournaledHooks: DeliveryHooks {
    func shouldContinue() -> Bool { true }
    func begin() -> Bool { true }
    func commit() -> Bool { true }
}

extension OutboxTransport: MessageTransport {
    public var concurrency: Int { 1 }

    public func deliver(
        _ message: RenderedMessage, worker: Int, hooks: any DeliveryHooks, upcoming: UpcomingMessage?
    ) -> DeliveryOutcome? {
        guard hooks.shouldContinue(), hooks.begin() else { return nil }
        guard hooks.commit() else {
            return DeliveryOutcome(.deferred, relay: "outbox", reply: "abandoned: the journal could not record it")
        }
        return deliver(message)
    }

    public func close() {}
}
