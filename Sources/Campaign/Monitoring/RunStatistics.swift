// RunStatistics: this run's counts (by state, domain, relay, reply class, failure reply), kept as events arrive.
import Foundation
import Synchronization

/// Aggregates a run's events for the progress line, the end-of-run summary, the metrics file and the notify
/// hook. Thread-safe (one `Locked`); memory grows with the number of distinct domains, relays and normalised
/// failure replies (the last capped at `maxFailureKinds`), never with the number of recipients.
public final class RunStatistics: RunObserver {
    /// Counts for one recipient domain or relay.
    public struct Counts: Sendable, Equatable {
        public var accepted = 0
        public var deferred = 0
        public var failed = 0
        /// Uncertain outcomes and skips (suppressed, invalid, …).
        public var other = 0
        public var total: Int { accepted + deferred + failed + other }

        public init(accepted: Int = 0, deferred: Int = 0, failed: Int = 0, other: Int = 0) {
            self.accepted = accepted
            self.deferred = deferred
            self.failed = failed
            self.other = other
        }

        mutating func add(_ state: JournalState) {
            switch state {
            case .accepted: accepted += 1
            case .deferred: deferred += 1
            case .failed: failed += 1
            default: other += 1
            }
        }
    }

    /// A moment's view of the run.
    public struct Snapshot: Sendable {
        public var campaignID = ""
        /// Records this run wrote, by journal state name (intents not counted).
        public var byState: [String: Int] = [:]
        public var byDomain: [String: Counts] = [:]
        public var byRelay: [String: Counts] = [:]
        /// Outcomes by reply class: "2xx", "4xx", "5xx", and "none" (no reply: the connection failed).
        public var replyClasses: [String: Int] = [:]
        /// Deferred and failed outcomes by normalised reply (`FailureReply.normalise`).
        public var failures: [String: Int] = [:]
        /// Delivery attempts that ended (outcome events).
        public var attempts = 0
        /// Deliverable rows counted before the run, if they were.
        public var deliverableTotal: Int?
        /// Deliverable rows the run has read so far (sent, resumed or left alone).
        public var deliverableRead = 0
        /// Relays named at the start, and those whose last attempt could not connect.
        public var relays: [String] = []
        public var relaysDown: Set<String> = []
        public var started = Date()
        public var lastSuccess: Date?
        /// Seconds since the start.
        public var elapsed: Double { max(0, Date().timeIntervalSince(started)) }

        public func count(_ state: JournalState) -> Int { byState[state.rawValue, default: 0] }

        /// Attempts per second since the start.
        public var rate: Double {
            let seconds = elapsed
            return seconds > 0 ? Double(attempts) / seconds : 0
        }

        /// Seconds left at `now`, estimated from how fast deliverable rows have been read; nil when unknown.
        public func estimatedSecondsLeft(now: Date = Date()) -> Double? {
            let seconds = now.timeIntervalSince(started)
            guard let total = deliverableTotal, deliverableRead > 0, seconds > 1 else { return nil }
            let perSecond = Double(deliverableRead) / seconds
            return Double(max(0, total - deliverableRead)) / perSecond
        }

        /// Relays up (their last attempt connected, or never tried) out of all.
        public var relaysUp: Int { relays.filter { !relaysDown.contains($0) }.count }

        /// The `limit` domains with most events, most first (ties by name).
        public func topDomains(_ limit: Int) -> [(domain: String, counts: Counts)] {
            byDomain.sorted { $0.value.total != $1.value.total ? $0.value.total > $1.value.total : $0.key < $1.key }
                .prefix(limit).map { ($0.key, $0.value) }
        }

        /// The `limit` most frequent failure replies, most first.
        public func topFailures(_ limit: Int) -> [(reply: String, count: Int)] {
            failures.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .prefix(limit).map { ($0.key, $0.value) }
        }
    }

    /// Distinct failure replies kept; later new ones are counted under "other".
    public static let maxFailureKinds = 500
    private let state = Locked(Snapshot())

    public init() {}

    public var snapshot: Snapshot { state.withLock { $0 } }

    /// The snapshot without the per-domain, per-relay and failure tables, for the progress line: taken ten
    /// times a second, it must not make the next event copy a table of every domain (copy-on-write).
    public var headline: Snapshot {
        state.withLock { current in
            var copy = current
            copy.byDomain = [:]
            copy.byRelay = [:]
            copy.failures = [:]
            return copy
        }
    }

    public func runStarted(_ start: RunStart) {
        state.withLock {
            $0.campaignID = start.campaignID
            $0.started = start.time
            $0.deliverableTotal = start.deliverable
            $0.relays = start.relays
        }
    }

    public func rowRead(deliverable: Bool) {
        guard deliverable else { return }
        state.withLock { $0.deliverableRead += 1 }
    }

    public func record(_ event: RunEvent) {
        guard event.kind != .intent else { return }
        let failure = event.kind == .outcome && (event.state == .deferred || event.state == .failed)
            ? FailureReply.normalise(code: event.code, enhanced: event.enhancedStatus, text: event.reply) : nil
        state.withLock { snapshot in
            snapshot.byState[event.state.rawValue, default: 0] += 1
            if !event.domain.isEmpty { snapshot.byDomain[event.domain, default: Counts()].add(event.state) }
            guard event.kind == .outcome else { return }
            snapshot.attempts += 1
            if let relay = event.relay { snapshot.byRelay[relay, default: Counts()].add(event.state) }
            let replyClass = event.code.map { "\($0 / 100)xx" } ?? "none"
            snapshot.replyClasses[replyClass, default: 0] += 1
            if event.state == .accepted { snapshot.lastSuccess = event.time }
            if FailureReply.isConnectionFailure(event) {
                // No relay named: every relay was unreachable or cooling down.
                if let relay = event.relay { snapshot.relaysDown.insert(relay) } else { snapshot.relaysDown = Set(snapshot.relays) }
            } else if let relay = event.relay {
                snapshot.relaysDown.remove(relay)
            }
            if let failure {
                if snapshot.failures[failure] != nil || snapshot.failures.count < Self.maxFailureKinds {
                    snapshot.failures[failure, default: 0] += 1
                } else {
                    snapshot.failures["other", default: 0] += 1
                }
            }
        }
    }
}
