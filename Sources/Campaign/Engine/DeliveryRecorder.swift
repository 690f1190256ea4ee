// DeliveryRecorder: the journal side of a delivery attempt, run on the worker threads: gate, intent, outcome.
import Foundation
import Synchronization

/// A rendered message on its way to the transport.
struct PendingMessage: Sendable {
    var recipient: Recipient
    var key: String
    /// The key as the journal stores it (`key`, or its keyed hash with `journal.hash_addresses`).
    var journalKey: String
    var message: RenderedMessage
    var attempt: Int
}

/// What the delivery workers record while they send, shared by all of them (every `var` state is `Locked`).
///
/// The first journal error is kept in `failure` and stops every worker from starting another transaction
/// (a journal that cannot record must not let mail go out, invariant 1); the runner rethrows it.
final class DeliveryRecorder: Sendable {
    private let writer: JournalWriter
    private let suppression: SuppressionGuard
    private let observer: any RunObserver
    private let safetyGuard: SafetyGuard?
    private let stop: StopSignal
    private let retryPolicy: RetryPolicy
    private let autoSuppress: Bool

    private let failure = Locked<(any Error)?>(nil)
    /// `failure != nil`, readable without the lock (checked several times per message by every worker).
    private let failed = Atomic<Bool>(false)
    /// Records written by the workers, by state name.
    let recorded = Locked<[String: Int]>([:])
    /// Deferred with no retry left in this run.
    let deferredForNextRun = Locked(0)
    /// Deferred and to be retried in this run, with the monotonic time when they are due.
    let retries = Locked<[(pending: PendingMessage, due: Double)]>([])
    /// "No such user" refusals, for the suppression list after the run.
    let hardBounces = Locked<[(key: String, status: String)]>([])

    init(
        writer: JournalWriter, suppression: SuppressionGuard, observer: any RunObserver, safetyGuard: SafetyGuard?,
        stop: StopSignal, retryPolicy: RetryPolicy, autoSuppress: Bool
    ) {
        self.writer = writer
        self.suppression = suppression
        self.observer = observer
        self.safetyGuard = safetyGuard
        self.stop = stop
        self.retryPolicy = retryPolicy
        self.autoSuppress = autoSuppress
    }

    static func monotonicNow() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    /// Whether a worker may start another transaction: no journal error, no tripped guard, no stop signal.
    /// Transactions already started finish and are recorded.
    func shouldContinue() -> Bool {
        !failed.load(ordering: .acquiring) && safetyGuard?.tripped == nil && stop.requested == 0
    }

    /// The first journal error a worker met; sending stops at it.
    var error: (any Error)? {
        guard failed.load(ordering: .acquiring) else { return nil }
        return failure.withLock { $0 }
    }

    private func fail(_ error: any Error) {
        failure.withLock { if $0 == nil { $0 = error } }
        failed.store(true, ordering: .releasing)
    }

    private func count(_ state: JournalState) {
        recorded.withLock { $0[state.rawValue, default: 0] += 1 }
    }

    /// Right before the transaction starts: the suppression lists are checked again (invariant 2: an address
    /// suppressed while the run goes is honoured from the next transaction on), then the intent is appended
    /// and its fsync started. Nil when the message must not go: withdrawn (its "suppressed" record stands) or
    /// the journal failed.
    func begin(_ pending: PendingMessage) -> JournalWriter.IntentTicket? {
        do {
            let domain = pending.message.recipient.domain
            if let source = try suppression.match(key: pending.key, domain: domain) {
                let reply = "suppressed during the run by \(source.file):\(source.line)"
                try writer.append(JournalRecord(
                    key: pending.journalKey, state: .suppressed, line: pending.recipient.line, reply: reply))
                count(.suppressed)
                observer.record(RunEvent(.skip, key: pending.key, domain: domain, state: .suppressed, reply: reply))
                return nil
            }
            let ticket = try writer.beginIntent(JournalRecord(
                key: pending.journalKey, state: .attempting, line: pending.recipient.line,
                messageID: pending.message.messageID, attempt: pending.attempt))
            observer.record(RunEvent(.intent, key: pending.key, domain: domain, state: .attempting, attempt: pending.attempt))
            return ticket
        } catch {
            fail(error)
            return nil
        }
    }

    /// Right before the point of no return: waits until the intent is durable (invariant 1). Concurrent intents
    /// share one fsync (group commit), so a crash leaves at most the messages in flight uncertain.
    func commit(_ ticket: JournalWriter.IntentTicket) -> Bool {
        do {
            try writer.waitUntilDurable(ticket)
            return true
        } catch {
            fail(error)
            return false
        }
    }

    /// Records what the transport reported; schedules an in-run retry for a deferral with attempts left.
    func record(_ outcome: DeliveryOutcome, for pending: PendingMessage) {
        var due: Date?
        let state: JournalState
        switch outcome.kind {
        case .accepted: state = .accepted
        case .failed:
            state = .failed
            // "No such user" (5.1.1, 5.1.10, 5.1.2, 5.1.6) goes to the suppression list after the run.
            if autoSuppress, let code = outcome.code,
               FailureClassifier.isNoSuchUser(replyCode: code, enhanced: outcome.enhancedStatus) {
                hardBounces.withLock { $0.append((pending.key, "\(code) \(outcome.enhancedStatus ?? "")")) }
            }
        case .uncertain: state = .uncertain
        case .deferred:
            // Transient failures are retried within the run (RFC 5321 §4.5.4.1) after a growing, jittered delay,
            // up to retry.max_attempts; whatever is still deferred at the end waits in the journal for the next run.
            state = .deferred
            let backoff = retryPolicy.delay(afterAttempt: pending.attempt)
            due = Date().addingTimeInterval(backoff)
            if retryPolicy.shouldRetryInRun(attempt: pending.attempt) {
                var again = pending
                again.attempt += 1
                let when = Self.monotonicNow() + backoff
                retries.withLock { $0.append((again, when)) }
            } else {
                deferredForNextRun.withLock { $0 += 1 }
            }
        }
        journal(state, outcome, for: pending, due: due)
    }

    /// Appends the outcome record, counts it and tells the observers.
    private func journal(_ state: JournalState, _ outcome: DeliveryOutcome, for pending: PendingMessage, due: Date?) {
        do {
            try writer.append(JournalRecord(
                key: pending.journalKey, state: state, line: pending.recipient.line,
                messageID: pending.message.messageID, attempt: pending.attempt, relay: outcome.relay,
                code: outcome.code, enhancedStatus: outcome.enhancedStatus, reply: outcome.reply, due: due))
            count(state)
            observer.record(RunEvent(
                .outcome, key: pending.key, domain: pending.message.recipient.domain, state: state,
                relay: outcome.relay, code: outcome.code, enhancedStatus: outcome.enhancedStatus,
                reply: outcome.reply, attempt: pending.attempt, duration: outcome.duration))
        } catch {
            fail(error)
        }
    }

    /// Records a message whose intent was appended but whose final dot was never sent (the run stopped first:
    /// its transaction never began, or was abandoned before the dot): `deferred`, due at once, so the next run
    /// sends it like any other.
    func recordNotStarted(_ pending: PendingMessage) {
        deferredForNextRun.withLock { $0 += 1 }
        // Due a second ago: the journal index rounds due times up to whole seconds (never early), and this one
        // must be due for a rerun started within the same second.
        journal(
            .deferred, DeliveryOutcome(.deferred, reply: "not sent: the run stopped before its final dot"),
            for: pending, due: Date(timeIntervalSinceNow: -1))
    }

    /// Removes and returns the retries due by `now` (asked before every new message: cheap when none are).
    func takeDueRetries(now: Double) -> [PendingMessage] {
        retries.withLock { queue in
            guard queue.contains(where: { $0.due <= now }) else { return [] }
            let ready = queue.filter { $0.due <= now }.map(\.pending)
            queue.removeAll { $0.due <= now }
            return ready
        }
    }

    /// The earliest due time of the waiting retries, nil when none wait.
    var nextRetryDue: Double? { retries.withLock { $0.min { $0.due < $1.due }?.due } }
}

/// One message's hooks for the transport: `begin` appends the intent, `commit` waits for it.
///
/// `@unchecked Sendable`: its state is written by `begin` and read by `commit` and the runner, all on the one
/// worker thread that delivers this message (an early `begin` runs on that worker too, while it delivers the
/// message before).
final class DeliveryAttempt: DeliveryHooks, @unchecked Sendable {
    let pending: PendingMessage
    private let recorder: DeliveryRecorder
    private var ticket: JournalWriter.IntentTicket?
    /// The message as it goes out: `pending.message` once `prepare` has run (signed, with DKIM). Retries
    /// start again from `pending`, so a message is never signed twice.
    private(set) var message: RenderedMessage
    /// Why `prepare` failed: the message cannot go out and the recipient is recorded `failed`.
    private(set) var preparationError: (any Error)?

    init(_ pending: PendingMessage, recorder: DeliveryRecorder) {
        self.pending = pending
        self.recorder = recorder
        message = pending.message
    }

    /// Makes `message` from `pending.message`. Called once, on the worker's thread, as soon as the worker
    /// takes the attempt (`DeliveryPipeline`'s `prepare`), before it is offered to the transport as upcoming.
    func prepare(_ finish: (RenderedMessage) throws -> RenderedMessage) {
        do {
            message = try finish(pending.message)
        } catch {
            preparationError = error
        }
    }

    func shouldContinue() -> Bool { recorder.shouldContinue() }

    /// `begin` was called: the intent is recorded (or the message withdrawn), so the transport must be told
    /// about this message even when the run is stopping (it then abandons the transaction before its dot).
    private(set) var hasBegun = false
    /// `begin` refused: the message was withdrawn or the journal failed; its outcome is not recorded.
    var withdrawn: Bool { hasBegun && ticket == nil }

    func begin() -> Bool {
        if !hasBegun {
            hasBegun = true
            ticket = recorder.begin(pending)
        }
        return ticket != nil
    }

    func commit() -> Bool {
        guard let ticket else { return false }
        return recorder.commit(ticket)
    }
}
