// JournalGroupCommit: many sender threads append records; one writer thread writes and fsyncs them in batches.
import Foundation
import Synchronization

/// The concurrency core of `JournalWriter` (DESIGN.md invariant 1: "records are group-committed, one fsync
/// covers many").
///
/// Appenders copy their encoded line into `pending` under the monitor and go on: outcomes (`append`), and
/// intents (`appendRequestingCommit`), which ask for a commit and later wait until one covers them
/// (`waitUntilDurable`, each on a semaphore of its own); `sync` waits for everything. A single writer thread
/// owns the file: it takes the whole pending buffer, writes it and calls `fdatasync` *outside* the lock, so
/// appenders keep filling the next batch meanwhile. It commits at once when a thread is blocked waiting (an
/// intent not yet durable, `sync`), when `commitRecords` records are pending, or when `commitInterval` has
/// passed since the first pending record; and `intentDelay` after the first intent appended since the last
/// commit began.
///
/// Why an intent may wait a little: the engine appends intents well before it needs them (while earlier
/// messages are still on the wire), so committing each batch the moment its first intent arrives would spend
/// an fsync on one or two of them. Each fsync costs the machine more than its wait (on a virtual disk, exits
/// to the hypervisor and a journal commit of the file system), and with several connections it was the most
/// expensive thing edm did per message. `intentDelay` is half the typical time between an intent's append and
/// the moment its sender needs it (`slackEstimate`), less one fsync (`syncEstimate`): batches grow when there
/// is time to spare and the commit still ends before it is needed; with one fast connection it stays at zero.
/// A sender that arrives early anyway does not wait for the delay: its wait makes the commit start at once.
///
/// Records get sequence numbers; a waiter is done when `durable` (the last sequence number a finished fsync
/// covered) reaches its own, so an intent joins whichever commit starts after it was appended.
///
/// A failed write or fsync is sticky: `failure` is set, the writer thread stops, and every later call throws
/// it, so the engine stops sending at once. Records still pending are not written (their outcomes will read
/// as `uncertain` on resume, which never causes a second message).
///
/// `@unchecked Sendable`: every `var` below is read and written only with `monitor` locked.
final class JournalGroupCommit: @unchecked Sendable {
    struct Settings {
        var commitRecords: Int
        var commitInterval: UInt64  // nanoseconds
        /// Outcome appenders wait (backpressure) while this many records are pending.
        var maximumPendingRecords: Int
    }

    private let monitor = JournalMonitor()
    private let sink: any JournalSink
    private let settings: Settings

    /// One thread waiting in `waitUntilDurable`.
    private final class DurabilityWaiter: @unchecked Sendable {
        // @unchecked: `result` is written by the writer thread before it signals `semaphore`, and read by the
        // waiter only after its wait returns.
        let sequence: UInt64
        let semaphore = DispatchSemaphore(value: 0)
        /// nil: durable; otherwise why it never will be.
        var result: JournalError?
        init(sequence: UInt64) { self.sequence = sequence }
    }

    /// An appended intent: its sequence number and when it was appended (for the slack estimate).
    struct Ticket: Sendable {
        let sequence: UInt64
        let appendedAt: UInt64
    }

    private var waiters: [DurabilityWaiter] = []
    /// Outcome appenders held back by backpressure (so a commit wakes them only when there are some).
    private var blockedAppenders = 0
    private var pending: [UInt8] = []
    private var spare: [UInt8] = []
    private var pendingRecords = 0
    private var firstPendingAt: UInt64 = 0
    private var appended: UInt64 = 0
    private var durable: UInt64 = 0
    /// The last sequence number a blocked thread waits for: commit now.
    private var urgent: UInt64 = 0
    /// When the first intent since the last commit began was appended; 0 when none is pending.
    private var firstIntentAt: UInt64 = 0
    /// Typical nanoseconds between an intent's append and its `waitUntilDurable` (a moving average).
    private var slackEstimate: UInt64 = 0
    /// Typical nanoseconds one write + fdatasync takes (a moving average). Written by the writer thread only;
    /// atomic because the engine reads it too, to size how far ahead it writes intents.
    private let syncEstimate = Atomic<UInt64>(0)
    private var failure: JournalError?
    private var closing = false
    /// The writer thread is writing and syncing a batch (outside the lock).
    private var committing = false
    private var writerFinished = false
    private var sinkClosed = false
    private var counters = JournalWriter.Statistics()

    init(sink: any JournalSink, settings: Settings) {
        self.sink = sink
        self.settings = settings
        let thread = Thread { [self] in self.runWriter() }
        thread.name = "edm-journal"
        thread.start()
    }

    var statistics: JournalWriter.Statistics {
        monitor.lock()
        defer { monitor.unlock() }
        return counters
    }

    /// Typical nanoseconds a commit (write + fdatasync) takes; 0 before the first one.
    var typicalCommitTime: UInt64 { syncEstimate.load(ordering: .relaxed) }

    /// How long the first intent of the next batch would wait for others to join it, in nanoseconds.
    var currentIntentDelay: UInt64 {
        monitor.lock()
        defer { monitor.unlock() }
        return intentDelay
    }

    // MARK: - Appenders

    /// Adds one encoded line to the next commit and returns (after waiting while too many are pending).
    func append(_ line: [UInt8]) throws(JournalError) {
        monitor.lock()
        defer { monitor.unlock() }
        try checkOpen()
        while pendingRecords >= settings.maximumPendingRecords {
            monitor.signal(.work)
            blockedAppenders += 1
            monitor.wait(.progress)
            blockedAppenders -= 1
            try checkOpen()
        }
        if pendingRecords == 0 {
            firstPendingAt = JournalMonitor.now()
            // The writer thread starts the commit-interval timer; when it is writing, it looks at the pending
            // records afterwards anyway (saves a wake-up per outcome at full speed).
            if !committing { monitor.signal(.work) }
        }
        pending.append(contentsOf: line)
        pendingRecords += 1
        appended += 1
        counters.records += 1
        if pendingRecords >= settings.commitRecords { monitor.signal(.work) }
    }

    /// Adds one encoded line, asks the writer thread to commit it soon (within `intentDelay`), and returns
    /// without waiting: the caller does other work while the fsync runs, then calls `waitUntilDurable`.
    func appendRequestingCommit(_ line: [UInt8]) throws(JournalError) -> Ticket {
        let now = JournalMonitor.now()
        monitor.lock()
        defer { monitor.unlock() }
        try checkOpen()
        if pendingRecords == 0 { firstPendingAt = now }
        pending.append(contentsOf: line)
        pendingRecords += 1
        appended += 1
        counters.records += 1
        counters.intents += 1
        if firstIntentAt == 0 {
            firstIntentAt = now
            // While a commit runs the writer thread looks at the pending records afterwards anyway.
            if !committing { monitor.signal(.work) }
        }
        return Ticket(sequence: appended, appendedAt: now)
    }

    /// Returns once the record with sequence number `sequence` is durable.
    ///
    /// An intent waiter sleeps on a semaphore of its own, which the writer thread signals once a commit covers
    /// it: waking every waiter through the shared condition would have them all fight for the mutex at once,
    /// and at full speed that contention cost more than the fsync.
    func waitUntilDurable(_ ticket: Ticket) throws(JournalError) {
        let sequence = ticket.sequence
        let now = JournalMonitor.now()
        monitor.lock()
        // The slack is never negative: both times come from the monotonic clock.
        slackEstimate = MovingAverage.adding(now &- min(now, ticket.appendedAt), to: slackEstimate, weight: 16)
        if durable >= sequence {
            monitor.unlock()
            return
        }
        if let failure {
            monitor.unlock()
            throw failure
        }
        if writerFinished {
            monitor.unlock()
            throw JournalError(.closed, path: sink.path)
        }
        urgent = max(urgent, sequence)
        counters.intentWaits += 1
        monitor.signal(.work)
        let waiter = DurabilityWaiter(sequence: sequence)
        waiters.append(waiter)
        monitor.unlock()
        waiter.semaphore.wait()
        // `result` was set before the signal, and the semaphore orders the two.
        if let error = waiter.result { throw error }
    }

    /// Returns once everything appended so far is durable.
    func sync() throws(JournalError) {
        monitor.lock()
        defer { monitor.unlock() }
        if let failure { throw failure }
        try waitForCommit(covering: appended)
    }

    /// Commits what is pending, stops the writer thread and closes the file.
    ///
    /// Idempotent.
    func close() throws(JournalError) {
        monitor.lock()
        closing = true
        monitor.signal(.work)
        while !writerFinished { monitor.wait(.progress) }
        let closeSink = !sinkClosed
        sinkClosed = true
        let failure = self.failure
        monitor.unlock()
        if closeSink { sink.close() }
        if let failure { throw failure }
    }

    /// Lock held.
    private func checkOpen() throws(JournalError) {
        if let failure { throw failure }
        if closing { throw JournalError(.closed, path: sink.path) }
    }

    /// Lock held.
    ///
    /// A record already covered returns at once, even if a later commit failed.
    private func waitForCommit(covering sequence: UInt64) throws(JournalError) {
        if durable >= sequence { return }
        urgent = max(urgent, sequence)
        monitor.signal(.work)
        while durable < sequence {
            if let failure { throw failure }
            if writerFinished { throw JournalError(.closed, path: sink.path) }
            monitor.wait(.progress)
        }
    }

    // MARK: - Writer thread

    private func runWriter() {
        monitor.lock()
        while failure == nil {
            if pendingRecords > 0 {
                var deadline = firstPendingAt &+ settings.commitInterval
                if firstIntentAt != 0 { deadline = min(deadline, firstIntentAt &+ intentDelay) }
                if urgent > durable || pendingRecords >= settings.commitRecords || closing
                    || JournalMonitor.now() >= deadline
                {
                    commitPending()
                } else {
                    monitor.wait(.work, until: deadline)
                }
                continue
            }
            if closing { break }
            monitor.wait(.work)
        }
        writerFinished = true
        releaseWaiters()
        monitor.broadcast(.progress)
        monitor.unlock()
    }

    /// Lock held. How long the first intent of a batch waits for more to join it (see the type's comment).
    private var intentDelay: UInt64 {
        let spare = slackEstimate / 2
        let sync = syncEstimate.load(ordering: .relaxed)
        guard spare > sync else { return 0 }
        return min(spare - sync, settings.commitInterval)
    }

    /// Lock held on entry and exit; released while writing and syncing.
    private func commitPending() {
        var batch: [UInt8] = []
        swap(&batch, &pending)
        swap(&pending, &spare)  // appenders fill last batch's buffer, already allocated
        let covered = appended
        pendingRecords = 0
        firstIntentAt = 0
        committing = true
        if blockedAppenders > 0 { monitor.broadcast(.progress) }  // room again for appenders held back
        monitor.unlock()

        var error: JournalError?
        let started = JournalMonitor.now()
        do throws(JournalError) {
            try JournalFiles.withBytes(batch) { bytes throws(JournalError) in try sink.write(bytes) }
            try sink.synchronize()
        } catch let caught {
            error = caught
        }
        let took = JournalMonitor.now() &- started
        syncEstimate.store(
            MovingAverage.adding(took, to: syncEstimate.load(ordering: .relaxed), weight: 8), ordering: .relaxed)

        monitor.lock()
        committing = false
        if let error {
            failure = error
        } else {
            durable = covered
            counters.commits += 1
            counters.bytesWritten += batch.count
        }
        batch.removeAll(keepingCapacity: true)
        spare = batch
        releaseWaiters()
        monitor.broadcast(.progress)
    }

    /// Lock held. Wakes the intent waiters the last commit covered, or all of them once it failed or the writer
    /// stopped.
    private func releaseWaiters() {
        guard !waiters.isEmpty else { return }
        let ending = failure != nil || writerFinished
        var remaining: [DurabilityWaiter] = []
        for waiter in waiters {
            if waiter.sequence <= durable {
                waiter.semaphore.signal()
            } else if ending {
                waiter.result = failure ?? JournalError(.closed, path: sink.path)
                waiter.semaphore.signal()
            } else {
                remaining.append(waiter)
            }
        }
        waiters = remaining
    }
}
