// RelayHealth: which relays may take traffic, with exponential cooldowns and weighted round-robin picking.
import Synchronization

/// Tracks each relay's health and spreads connections over the healthy ones by weight.
///
/// A relay is a circuit breaker:
/// - **healthy**: usable.
/// - **cooling down** after a failure (connection refused, TLS failure, 421): unusable until the cooldown
///   ends. The n-th consecutive failure sets a cooldown of `baseCooldown × 2^(n−1)`, at most `maxCooldown`.
///   Failures reported while a relay is already cooling down come from attempts started before, so they
///   neither lengthen the cooldown nor count again.
/// - **half-open** once the cooldown has passed: one probe is allowed. ``pickRelay(weights:)`` hands the relay out
///   once and then holds it back until ``recordSuccess(_:)`` (healthy again, count reset) or
///   ``recordFailure(_:)`` (the next, doubled cooldown). A probe with no report for `probeTimeout` seconds is
///   taken as lost and another probe is allowed.
///
/// Relays are known by name (e.g. `RelayEndpoint.name`); one never reported on is healthy.
///
/// `Sendable`: all state is behind a `Locked` (pthread) mutex.
public final class RelayHealth: Sendable {
    /// A relay's condition at one moment.
    public enum Status: Sendable, Equatable {
        case healthy
        /// Unusable until the monotonic time `until`.
        case coolingDown(until: Double)
        /// The cooldown has passed; the next pick is a probe.
        case probeAllowed
        /// A probe is in flight; unusable until it is reported.
        case probing
    }

    private struct Record {
        var failures = 0
        var cooldownUntil: Double?
        var probeStarted: Double?
        var currentWeight = 0
    }

    private struct State {
        var records: [String: Record] = [:]
        var everSucceeded = false
    }

    /// Cooldown after the first failure, in seconds.
    public let baseCooldown: Double
    /// Longest cooldown, in seconds.
    public let maxCooldown: Double
    /// Seconds after which an unreported probe is taken as lost.
    public let probeTimeout: Double
    private let clock: any MonotonicClock
    private let state = Locked(State())

    /// - Parameters:
    ///   - baseCooldown: seconds of the first cooldown (default 10).
    ///   - maxCooldown: cap on the cooldown (default 10 minutes).
    ///   - probeTimeout: seconds before an unreported probe is replaced (default 2 minutes).
    ///   - clock: the time source; a ``ManualClock`` in tests.
    public init(
        baseCooldown: Double = 10, maxCooldown: Double = 600, probeTimeout: Double = 120,
        clock: any MonotonicClock = SystemClock()
    ) {
        self.baseCooldown = max(0, baseCooldown)
        self.maxCooldown = max(self.baseCooldown, maxCooldown)
        self.probeTimeout = max(0, probeTimeout)
        self.clock = clock
    }

    /// The relay's status now.
    public func status(of relay: String) -> Status {
        let now = clock.now()
        return state.withLock { status(of: $0.records[relay], now: now) }
    }

    /// True when a connection to `relay` may be opened now (healthy, or its probe is due).
    public func isUsable(_ relay: String) -> Bool {
        switch status(of: relay) {
        case .healthy, .probeAllowed: true
        case .coolingDown, .probing: false
        }
    }

    /// Consecutive failures since the relay was last healthy.
    public func consecutiveFailures(of relay: String) -> Int {
        state.withLock { $0.records[relay]?.failures ?? 0 }
    }

    /// True once any relay has reported a success (so "no relay usable" is exit 75, not 69).
    public var hasEverSucceeded: Bool { state.withLock { $0.everSucceeded } }

    /// Records a connection-level failure: connection refused, TLS failure or a 421.
    ///
    /// - Returns: the cooldown started, in seconds, or 0 when the relay was already cooling down.
    @discardableResult
    public func recordFailure(_ relay: String) -> Double {
        let now = clock.now()
        return state.withLock { state in
            var record = state.records[relay] ?? Record()
            if case .coolingDown = status(of: record, now: now) { return 0 }
            record.failures += 1
            let exponent = Double(min(record.failures - 1, 62))
            let cooldown = min(maxCooldown, baseCooldown * pow2(exponent))
            record.cooldownUntil = now + cooldown
            record.probeStarted = nil
            state.records[relay] = record
            return cooldown
        }
    }

    /// Records a success (a completed connection or transaction): the relay is healthy again.
    public func recordSuccess(_ relay: String) {
        state.withLock { state in
            state.everSucceeded = true
            var record = state.records[relay] ?? Record()
            record.failures = 0
            record.cooldownUntil = nil
            record.probeStarted = nil
            state.records[relay] = record
        }
    }

    /// Picks a usable relay by smooth weighted round-robin (nginx's algorithm): deterministic, and over any run
    /// of picks each usable relay's share matches its weight, interleaved (weights 3:1 give A A B A, A A B A …).
    /// Relays with a weight below 1 are skipped; ties go to the name that sorts first. Picking a relay whose
    /// probe is due starts the probe.
    ///
    /// - Parameter weights: each candidate relay's weight, by name.
    /// - Returns: the relay to use, or nil when none is usable.
    public func pickRelay(weights: [String: Int]) -> String? {
        let now = clock.now()
        return state.withLock { state in
            var total = 0
            var best: String?
            var bestWeight = Int.min
            for name in weights.keys.sorted() {
                guard let weight = weights[name], weight > 0 else { continue }
                let record = state.records[name] ?? Record()
                switch status(of: record, now: now) {
                case .healthy, .probeAllowed: break
                case .coolingDown, .probing: continue
                }
                let current = record.currentWeight &+ weight
                state.records[name, default: Record()].currentWeight = current
                total &+= weight
                if current > bestWeight {
                    best = name
                    bestWeight = current
                }
            }
            guard let best else { return nil }
            state.records[best, default: Record()].currentWeight &-= total
            if status(of: state.records[best], now: now) == .probeAllowed {
                state.records[best]?.probeStarted = now
            }
            return best
        }
    }

    /// Seconds until one of `relays` is usable: 0 when one is now, nil when `relays` is empty. A relay whose
    /// probe is in flight counts as usable after `probeTimeout`.
    public func timeUntilUsable(_ relays: [String]) -> Double? {
        let now = clock.now()
        return state.withLock { state in
            relays.map { relay -> Double in
                switch status(of: state.records[relay], now: now) {
                case .healthy, .probeAllowed: 0
                case .coolingDown(let until): max(0, until - now)
                case .probing: max(0, (state.records[relay]?.probeStarted ?? now) + probeTimeout - now)
                }
            }.min()
        }
    }

    private func status(of record: Record?, now: Double) -> Status {
        guard let record, let until = record.cooldownUntil else { return .healthy }
        if now < until { return .coolingDown(until: until) }
        if let started = record.probeStarted, now - started < probeTimeout { return .probing }
        return .probeAllowed
    }

    private func pow2(_ exponent: Double) -> Double {
        Double(sign: .plus, exponent: Int(exponent), significand: 1)
    }
}
