// CampaignRunner: the send loop: policy gate, resume from the journal, intents before delivery, outcomes after.
import EdmCrypto
import Foundation
import Mail
import Synchronization

/// Options of one `edm send` run.
public struct SendOptions: Sendable {
    /// Resend recipients whose earlier attempt is uncertain (same Message-ID, so receivers can deduplicate).
    public var resendUncertain = false
    /// Resume although the recipient list, templates or campaign file changed since the journal began.
    public var allowChangedInputs = false
    /// Attempt at most this many messages in this run.
    public var limit: Int?
    /// Stop starting new messages after this many seconds (monotonic clock).
    public var maxDuration: Double?
    /// Messages rendered ahead of the delivery workers (the bound of the queue between them).
    public var batchSize = 64
    /// `--shard K/N`: only recipients whose key hashes to shard K of N, with a journal of their own.
    public var shard: Shard?
    /// `journal.hash_addresses`: the resolved key; the journal then stores HMAC-SHA256(key, recipient key) in hex
    /// instead of the address (resume works the same; the journal no longer reveals who was mailed).
    public var journalHashKey: [UInt8]?

    public init() {}
}

/// What one run did.
public struct SendSummary: Sendable {
    /// Records written this run, by journal state name.
    public var recorded: [String: Int] = [:]
    /// Recipients already final in the journal (accepted, failed, …) and so left alone.
    public var alreadyDone = 0
    /// Uncertain recipients not resent (see --resend-uncertain).
    public var uncertainSkipped = 0
    /// Deferred recipients not yet due, or deferred in this run: the next run retries them.
    public var deferredRemaining = 0
    /// Why the run stopped early: "signal", "limit", "max-duration", "safety guard", or nil when it went
    /// through the list.
    public var stoppedEarly: String?
    /// The safety guard that stopped the run (exit 3), if one did.
    public var guardTrip: GuardTrip?
    /// The signal that stopped it, if any.
    public var signal: Int32 = 0
    /// Recipients added to the suppression list because the relay said they do not exist.
    public var autoSuppressed = 0
    /// A torn last journal line was found and cut away (a previous run was killed mid-write).
    public var repairedTornTail = false
    public var seconds = 0.0
    /// What the journal did this run: records, fsyncs, and how often a sender had to wait for one (a disk
    /// slower than the relays shows here first).
    public var journal = JournalWriter.Statistics()
}

/// Runs a prepared campaign through a transport with the journal's guarantees (DESIGN.md invariant 1).
public final class CampaignRunner {
    private let prepared: PreparedCampaign
    private let transport: any MessageTransport
    private let options: SendOptions
    private let stop: StopSignal
    private let edmVersion: String
    private let observer: any RunObserver
    private let safetyGuard: SafetyGuard?
    private let start: RunStart

    /// - Parameters:
    ///   - observer: told of every record, skip and intent (progress, logs, metrics, statistics); called from
    ///     worker threads.
    ///   - safetyGuard: polled before each message; once tripped no new message starts (exit 3 for the CLI).
    ///   - start: what the observers are told when the run begins.
    public init(
        prepared: PreparedCampaign, transport: any MessageTransport, options: SendOptions, stop: StopSignal,
        edmVersion: String, observer: any RunObserver = RunObservers([]), safetyGuard: SafetyGuard? = nil,
        start: RunStart? = nil
    ) {
        self.prepared = prepared
        self.transport = transport
        self.options = options
        self.stop = stop
        self.edmVersion = edmVersion
        self.safetyGuard = safetyGuard
        self.start = start ?? RunStart(campaignID: prepared.campaign.id, deliverable: nil, relays: [])
        self.observer = safetyGuard.map { RunObservers([observer, $0]) } ?? observer
    }

    /// Adds "no such user" recipients to the campaign's first suppression list (or the global one) with reason,
    /// date and campaign, so no later campaign mails them (`suppression.auto_add_hard_bounces`).
    private func addHardBounces(_ bounces: [(key: String, status: String)]) throws -> Int {
        let campaign = prepared.campaign
        guard !bounces.isEmpty, let target = campaign.suppression.files.first ?? campaign.suppression.globalFile
        else { return 0 }
        let today = ISO8601DateFormatter().string(from: Date())
        return try AtomicFile.withFolderLock(target, shown: target, role: "suppression list") {
            var file = try SuppressionFile(
                path: target, shown: target, caseSensitiveLocalPart: campaign.recipients.caseSensitiveLocalPart,
                createIfMissing: true)
            var added = 0
            for bounce in bounces {
                let entry = SuppressionEntry(
                    kind: .address, value: bounce.key, reason: "hard bounce \(bounce.status) campaign \(campaign.id)",
                    date: today)
                guard file.listed(entry, hmacKey: nil).isEmpty else { continue }
                file.append(entry)
                added += 1
            }
            if added > 0 { try file.write() }
            return added
        }
    }

    /// Sends every recipient not already done.
    /// - Throws: `JournalError` (lock held: exit 4; corrupt or unwritable journal: 74), `CampaignFailure`
    ///   (changed inputs: 65), errors from reading the list.
    public func run() throws -> SendSummary {
        let campaign = prepared.campaign
        let startTime = DispatchTime.now().uptimeNanoseconds
        let inputs = try InputFingerprints.inputs(for: campaign)
        let journal = try Journal.open(
            path: options.shard.map { $0.journalPath(for: campaign.journal.path) } ?? campaign.journal.path,
            header: JournalHeader(campaign: campaign.id, edmVersion: edmVersion, inputs: inputs),
            options: JournalWriter.Options(
                commitRecords: campaign.journal.commitRecords,
                commitInterval: .milliseconds(Int(campaign.journal.commitInterval.seconds * 1000))))
        defer { try? journal.close() }
        if !journal.isNew, let header = journal.header, !options.allowChangedInputs {
            let changed = header.inputs.changes(from: inputs)
            if !changed.isEmpty {
                throw CampaignFailure(category: .badData, diagnostics: [Diagnostic(
                    .error, file: campaign.file, line: 0, column: 0,
                    message: "the \(changed.joined(separator: ", ")) changed since this campaign's journal began; "
                        + "resuming could mail the wrong people. Restore them, or pass --allow-changed-inputs "
                        + "(new rows are sent, vanished rows reported)")])
            }
        }
        var summary = SendSummary()
        observer.runStarted(start)
        summary.repairedTornTail = journal.index.tornTail != nil
        let index = journal.index
        let writer = journal.writer
        let date = RFC5322Date.format(Date(), timeZone: .current)
        var attempted = 0
        let hashKey = options.journalHashKey
        func journalKey(_ key: String) -> String {
            guard let hashKey else { return key }
            return Hex.encode(HMACSHA256.authenticate(Array(key.utf8), key: hashKey))
        }

        // Records made outside a delivery attempt (gate skips, expiry, a message that cannot be built).
        // `key` is the journal's key; observers see the row's own key (`rowKey`: address, or the invalid form).
        func record(
            _ state: JournalState, key: String, rowKey: String, recipient: Recipient, reply: String? = nil
        ) throws {
            try writer.append(JournalRecord(key: key, state: state, line: recipient.line, reply: reply))
            summary.recorded[state.rawValue, default: 0] += 1
            observer.record(RunEvent(
                .skip, key: rowKey, domain: recipient.address?.domain ?? "", state: state, reply: reply))
        }

        // This thread reads and renders; the transport's workers (one per connection) deliver, pulling from a
        // bounded queue, so every connection stays busy while the next messages are rendered and memory stays
        // flat in the list's length. The workers record intents and outcomes themselves (`DeliveryRecorder`).
        let recorder = DeliveryRecorder(
            writer: writer, suppression: prepared.suppression, observer: observer, safetyGuard: safetyGuard,
            stop: stop, retryPolicy: RetryPolicy(settings: campaign.retry),
            autoSuppress: campaign.suppression.autoAddHardBounces)
        let transport = transport
        let renderer = prepared.renderer
        let paces = (0..<transport.concurrency).map { _ in WorkerPace() }
        let pipeline = DeliveryPipeline<DeliveryAttempt>(
            workers: transport.concurrency, capacity: max(options.batchSize, 4 * transport.concurrency),
            lookahead: UpcomingMessage.lookahead, name: "edm-delivery",
            // DKIM signing on the workers' threads: it costs far more than rendering (docs/performance.md).
            prepare: { attempt in attempt.prepare(renderer.signed) }
        ) { worker, attempt, upcoming in
            // Stopping: what is still queued is not started (it has no record, so the next run sends it). One
            // already begun (started early with the message before) goes to the transport, which abandons it.
            guard attempt.hasBegun || attempt.shouldContinue() else { return }
            if let error = attempt.preparationError {
                recorder.record(
                    DeliveryOutcome(.failed, reply: "cannot build the message: \(error)"), for: attempt.pending)
                return
            }
            // Offered early only up to the first message that could not be prepared (that one is recorded
            // failed in its own turn, never started), and only as many as the disk needs at this
            // connection's pace (each begun ahead is uncertain if edm is killed).
            let pace = paces[worker]
            pace.tick(DispatchTime.now().uptimeNanoseconds)
            let ahead = UpcomingMessage.beginAhead(period: pace.period, commit: writer.typicalCommitTime)
            let ready = upcoming.prefix { $0.preparationError == nil }.prefix(ahead)
            let outcome = transport.deliver(
                attempt.message, worker: worker, hooks: attempt,
                upcoming: ready.first.map {
                    UpcomingMessage(message: $0.message, hooks: $0, following: Array(ready.dropFirst()))
                })
            guard !attempt.withdrawn else { return }  // its "suppressed" record (or the journal error) stands
            if let outcome {
                recorder.record(outcome, for: attempt.pending)
            } else if attempt.hasBegun {
                // Its intent is in the journal (begun early, while the message before went out) but its final
                // dot never left (the run stopped first): say so, or the next run would take it for uncertain.
                recorder.recordNotStarted(attempt.pending)
            }
        }
        var pipelineFinished = false
        func finishPipeline() {
            guard !pipelineFinished else { return }
            pipelineFinished = true
            pipeline.finish()
            transport.close()
        }
        defer { finishPipeline() }
        /// Hands `pending` to the workers; throws the first journal error the workers met.
        func submit(_ pending: PendingMessage) throws {
            if let error = recorder.error { throw error }
            pipeline.submit(DeliveryAttempt(pending, recorder: recorder))
        }
        /// Retries that came due meanwhile go before the next new message.
        func submitDueRetries() throws {
            for pending in recorder.takeDueRetries(now: DeliveryRecorder.monotonicNow()) { try submit(pending) }
        }

        func shouldStop() -> Bool {
            if let trip = safetyGuard?.tripped {
                summary.stoppedEarly = "safety guard"
                summary.guardTrip = trip
                return true
            }
            if stop.requested != 0 {
                summary.stoppedEarly = "signal"
                summary.signal = stop.requested
                return true
            }
            if let limit = options.limit, attempted >= limit {
                summary.stoppedEarly = "limit"
                return true
            }
            if let maxDuration = options.maxDuration,
               Double(DispatchTime.now().uptimeNanoseconds - startTime) / 1e9 >= maxDuration {
                summary.stoppedEarly = "max-duration"
                return true
            }
            return false
        }

        while !shouldStop(), let decision = try prepared.next() {
            if let shard = options.shard, !shard.contains(decision.shardKey) { continue }
            switch decision {
            case .skip(let recipient, let reason):
                observer.rowRead(deliverable: false)
                // Rows without a valid address have no recipient key; they are keyed by line and text. A duplicate
                // row gets a key of its own: under the recipient's key its final "duplicate" record would stand
                // for the first row, which is still to be sent, and a crash before that send would lose it.
                let rowKey = recipient.key ?? "invalid:\(recipient.line):\(recipient.rawEmail)"
                let key = journalKey(reason.isDuplicate ? "duplicate:\(recipient.line):\(rowKey)" : rowKey)
                if let entry = index[key], entry.isFinal { continue }
                let state: JournalState = switch reason {
                case .invalid: .invalid
                case .duplicate: .duplicate
                case .noConsent: .noConsent
                // The journal has no "blocked" state: a blocklisted row is suppressed, with the reason in reply.
                case .suppressed, .blocked: .suppressed
                }
                try record(state, key: key, rowKey: rowKey, recipient: recipient, reply: reason.explanation)
            case .deliver(let recipient, let address, let key):
                observer.rowRead(deliverable: true)
                var attempt = 1
                let storedKey = journalKey(key)
                if let entry = index[storedKey] {
                    if entry.isFinal {
                        summary.alreadyDone += 1
                        continue
                    }
                    switch entry.state {
                    case .uncertain, .attempting:
                        guard options.resendUncertain else {
                            summary.uncertainSkipped += 1
                            continue
                        }
                    case .deferred:
                        if Date().timeIntervalSince(entry.firstSeen) > campaign.retry.maxAge.seconds {
                            try record(.expired, key: storedKey, rowKey: key, recipient: recipient)
                            continue
                        }
                        if let due = entry.due, due > Date() {
                            summary.deferredRemaining += 1
                            continue
                        }
                    default:
                        break
                    }
                    attempt = (entry.attempt ?? 0) + 1
                }
                let message: RenderedMessage
                do {
                    // Signed later, on a delivery worker's thread (`DeliveryAttempt.prepare`).
                    message = try prepared.renderer.render(
                        recipient, address: address, key: key, date: date, sign: false)
                } catch {
                    try record(
                        .failed, key: storedKey, rowKey: key, recipient: recipient,
                        reply: "cannot build the message: \(error)")
                    continue
                }
                try submitDueRetries()
                try submit(PendingMessage(
                    recipient: recipient, key: key, journalKey: storedKey, message: message, attempt: attempt))
                attempted += 1
            }
        }
        // Retries due later in this run: wait for them (bounded by --max-duration and signals). A message in
        // flight may still be deferred and so add a retry.
        while !shouldStop(), recorder.error == nil {
            try submitDueRetries()
            let next = recorder.nextRetryDue
            if next == nil && pipeline.inFlight == 0 { break }
            let wait = (next ?? .infinity) - DeliveryRecorder.monotonicNow()
            pipeline.waitForProgress(seconds: min(max(wait, 0.001), 0.5))
        }
        finishPipeline()
        for (state, count) in recorder.recorded.withLock({ $0 }) { summary.recorded[state, default: 0] += count }
        summary.deferredRemaining += recorder.deferredForNextRun.withLock { $0 }
        if let error = recorder.error { throw error }
        // Retries that never got their turn (stopped early) stay deferred in the journal for the next run.
        summary.deferredRemaining += recorder.retries.withLock { $0.count }
        try writer.sync()
        summary.journal = writer.statistics
        summary.autoSuppressed = try addHardBounces(recorder.hardBounces.withLock { $0 })
        summary.seconds = Double(DispatchTime.now().uptimeNanoseconds - startTime) / 1e9
        // A guard that tripped on the last outcomes, after the loop's final check, still stops the run.
        if summary.guardTrip == nil, let trip = safetyGuard?.tripped {
            summary.guardTrip = trip
            summary.stoppedEarly = "safety guard"
        }
        observer.runFinished(summary)
        return summary
    }
}
