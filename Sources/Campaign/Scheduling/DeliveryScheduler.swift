// DeliveryScheduler: the throttles the delivery engine consults before each transaction (global, relay, domain).
import Synchronization

/// Decides when a transaction to a recipient domain through a relay may start.
///
/// Limits, all token buckets over a ``MonotonicClock`` (see ``TokenBucket`` for burst and start-up rules):
/// - `[throttle] rate`: every transaction;
/// - each relay's `rate` (keys are whatever the engine names relays by, e.g. `RelayEndpoint.name`);
/// - `[throttle.domains]`: a rate and/or `max_connections` (concurrent transactions) per entry. An entry covers
///   its domain and the domains below it, case-insensitively; the most specific entry wins and all the domains
///   it covers share its limits (see ``DomainMatcher``). Domains without an entry are not limited.
///
/// A transaction takes a token from every bucket that applies, or from none: ``tryStart(domain:relay:)``
/// checks them all under one lock.
///
/// Adaptive: ``note(replyCode:enhanced:domain:relay:)`` with a slow-down reply (421, 4.7.x, 4.4.5; see
/// ``FailureClassifier/isThrottleSignal(replyCode:enhanced:)``) halves the named domain's and/or relay's rate
/// for ``cooldown`` seconds (5 minutes by default); then the configured rate returns in one step. A key with no
/// rate of its own gets half the global rate, or failing that half its transactions in flight (at least one),
/// for the cooldown (see ``AdaptiveLimit``). Reports less than 10 s apart count as one reduction.
///
/// `Sendable`: all state is in one `Locked`; every method is safe to call from any worker.
public final class DeliveryScheduler: Sendable {
    /// Default cooldown after a slow-down reply: 5 minutes.
    public static let defaultCooldown = 300.0

    /// Rates are multiplied by this on a slow-down reply.
    public let slowDownFactor: Double
    /// Seconds a slow-down lasts.
    public let cooldown: Double

    private struct State {
        var global: TokenBucketState?
        var domains: [String: AdaptiveLimit] = [:]
        var relays: [String: AdaptiveLimit] = [:]
        var domainInFlight: [String: Int] = [:]
        var relayInFlight: [String: Int] = [:]
        var outstanding: Set<UInt64> = []
        var nextID: UInt64 = 0
    }

    private let clock: any MonotonicClock
    private let matcher: DomainMatcher
    private let state: Locked<State>

    /// A scheduler for a campaign's `[throttle]` table and its relays' rates.
    ///
    /// - Parameters:
    ///   - throttle: the global rate and `[throttle.domains]` (its `maxConnections` is the engine's pool size and
    ///     is not enforced here).
    ///   - relayRates: each relay's `rate`, by the name the engine will pass as `relay`.
    ///   - slowDownFactor: multiplier applied by a slow-down reply (0.5: halve).
    ///   - cooldown: seconds a slow-down lasts.
    ///   - clock: the time source; a ``ManualClock`` in tests.
    public init(
        throttle: ThrottleSettings, relayRates: [String: RateLimit] = [:], slowDownFactor: Double = 0.5,
        cooldown: Double = DeliveryScheduler.defaultCooldown, clock: any MonotonicClock = SystemClock()
    ) {
        self.clock = clock
        self.slowDownFactor = slowDownFactor
        self.cooldown = cooldown
        matcher = DomainMatcher(throttle.domains)
        let now = clock.now()
        func bucket(_ rate: RateLimit?) -> TokenBucketState? {
            rate.map {
                TokenBucketState(
                    rate: $0.perSecond, capacity: TokenBucket.defaultBurst(for: $0), initialTokens: 1, now: now)
            }
        }
        var initial = State(global: bucket(throttle.rate))
        for (key, entry) in matcher.all {
            initial.domains[key] = AdaptiveLimit(bucket: bucket(entry.rate), maxConcurrent: entry.maxConnections)
        }
        for (relay, rate) in relayRates {
            initial.relays[relay] = AdaptiveLimit(bucket: bucket(rate), maxConcurrent: nil)
        }
        state = Locked(initial)
    }

    // MARK: - Admission

    /// Asks whether a transaction to `domain` through `relay` may start now, and takes its tokens if so.
    ///
    /// - Parameters:
    ///   - domain: the recipient's domain (an address is accepted too: the part after the last `@` is used).
    ///   - relay: the relay's name, or nil for a transport without relays (the outbox).
    /// - Returns: `.proceed` with a permit to hand to ``finish(_:)``; `.wait` with the seconds until the tightest
    ///   rate limit has a token; `.saturated` when a concurrency limit is full.
    public func tryStart(domain: String, relay: String?) -> SchedulingDecision {
        let now = clock.now()
        let domainKey = matcher.key(for: domain)
        return state.withLock { state in
            Self.advance(&state.domains, key: domainKey, now: now)
            if let relay { Self.advance(&state.relays, key: relay, now: now) }
            if let cap = state.domains[domainKey]?.concurrencyCap, state.domainInFlight[domainKey, default: 0] >= cap {
                return .saturated(.domainConcurrency)
            }
            if let relay, let cap = state.relays[relay]?.concurrencyCap, state.relayInFlight[relay, default: 0] >= cap {
                return .saturated(.relayConcurrency)
            }
            var longest = (seconds: 0.0, reason: SchedulingDecision.Reason.globalRate)
            func consider(_ seconds: Double, _ reason: SchedulingDecision.Reason) {
                if seconds > longest.seconds { longest = (seconds, reason) }
            }
            consider(state.global?.timeUntilAvailable(now: now) ?? 0, .globalRate)
            if let relay { consider(state.relays[relay]?.timeUntilAvailable(now: now) ?? 0, .relayRate) }
            consider(state.domains[domainKey]?.timeUntilAvailable(now: now) ?? 0, .domainRate)
            if longest.seconds > 0 { return .wait(seconds: longest.seconds, reason: longest.reason) }

            _ = state.global?.tryTake(now: now)
            if let relay {
                state.relays[relay]?.take(now: now)
                state.relayInFlight[relay, default: 0] += 1
            }
            state.domains[domainKey]?.take(now: now)
            state.domainInFlight[domainKey, default: 0] += 1
            state.nextID += 1
            state.outstanding.insert(state.nextID)
            return .proceed(DeliveryPermit(id: state.nextID, domainKey: domainKey, relay: relay))
        }
    }

    /// Ends the transaction `permit` was issued for, freeing its concurrency slots. Safe to call twice.
    public func finish(_ permit: DeliveryPermit) {
        state.withLock { state in
            guard state.outstanding.remove(permit.id) != nil else { return }
            Self.release(&state.domainInFlight, key: permit.domainKey)
            if let relay = permit.relay { Self.release(&state.relayInFlight, key: relay) }
        }
    }

    // MARK: - Adaptive slow-down

    /// Reports a reply; a slow-down reply (421, 4.7.x, 4.4.5) slows the domain and/or relay it is blamed on.
    ///
    /// - Parameters:
    ///   - replyCode: the reply's three-digit code.
    ///   - enhanced: its RFC 3463 status, if any ("4.7.1").
    ///   - domain: the recipient domain to slow down, when the reply is about it (e.g. a RCPT reply relayed
    ///     from the destination); nil to leave domains alone.
    ///   - relay: the relay to slow down, when the relay itself is pushing back; nil to leave relays alone.
    /// - Returns: true when the reply was a slow-down signal and something was slowed.
    @discardableResult
    public func note(replyCode: Int, enhanced: String?, domain: String?, relay: String?) -> Bool {
        guard FailureClassifier.isThrottleSignal(replyCode: replyCode, enhanced: enhanced),
              domain != nil || relay != nil
        else { return false }
        let now = clock.now()
        let domainKey = domain.map { matcher.key(for: $0) }
        state.withLock { state in
            let fallback = state.global?.configuredRate
            if let domainKey {
                var limit = state.domains[domainKey] ?? AdaptiveLimit(bucket: nil, maxConcurrent: nil)
                limit.slowDown(
                    factor: slowDownFactor, cooldown: cooldown, now: now, fallbackRate: fallback,
                    inFlight: state.domainInFlight[domainKey, default: 0])
                state.domains[domainKey] = limit
            }
            if let relay {
                var limit = state.relays[relay] ?? AdaptiveLimit(bucket: nil, maxConcurrent: nil)
                limit.slowDown(
                    factor: slowDownFactor, cooldown: cooldown, now: now, fallbackRate: fallback,
                    inFlight: state.relayInFlight[relay, default: 0])
                state.relays[relay] = limit
            }
        }
        return true
    }

    // MARK: - Introspection (status, progress, tests)

    /// The rate in force for `domain` (per second), or nil when no rate limits it.
    public func currentRate(domain: String) -> Double? {
        let now = clock.now()
        let key = matcher.key(for: domain)
        return state.withLock { state in
            Self.advance(&state.domains, key: key, now: now)
            return state.domains[key]?.bucket?.rate
        }
    }

    /// The rate in force for `relay` (per second), or nil when no rate limits it.
    public func currentRate(relay: String) -> Double? {
        let now = clock.now()
        return state.withLock { state in
            Self.advance(&state.relays, key: relay, now: now)
            return state.relays[relay]?.bucket?.rate
        }
    }

    /// The concurrent-transaction limit in force for `domain`, or nil when there is none.
    public func concurrencyLimit(domain: String) -> Int? {
        let now = clock.now()
        let key = matcher.key(for: domain)
        return state.withLock { state in
            Self.advance(&state.domains, key: key, now: now)
            return state.domains[key]?.concurrencyCap
        }
    }

    /// Transactions in flight that count against `domain`'s entry (or the domain itself when it has none).
    public func inFlight(domain: String) -> Int {
        let key = matcher.key(for: domain)
        return state.withLock { $0.domainInFlight[key, default: 0] }
    }

    /// Transactions in flight through `relay`.
    public func inFlight(relay: String) -> Int {
        state.withLock { $0.relayInFlight[relay, default: 0] }
    }

    // MARK: - Helpers

    private static func advance(_ limits: inout [String: AdaptiveLimit], key: String, now: Double) {
        guard limits[key] != nil else { return }
        limits[key]?.advance(to: now)
        if limits[key]?.isVacuous == true { limits[key] = nil }
    }

    private static func release(_ counts: inout [String: Int], key: String) {
        let remaining = counts[key, default: 0] - 1
        counts[key] = remaining > 0 ? remaining : nil
    }
}
