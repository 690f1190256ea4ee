// TokenBucketState: token-bucket arithmetic with an adaptive rate, driven by explicit clock readings.

/// The value behind ``TokenBucket`` and each limit in ``DeliveryScheduler``: tokens refill continuously at
/// `rate` per second up to `capacity`; a transaction takes one.
///
/// Pure and lock-free: every method takes the current monotonic time, so one owner (a `Locked`) can check
/// several buckets and take from all of them or none.
///
/// Adaptive rate: ``reduce(factor:cooldown:now:)`` multiplies the rate by `factor` (the capacity follows, at
/// least one token) until the cooldown ends; then the configured rate and capacity return in one step. Reports
/// arriving within ``compoundingInterval`` of the previous reduction only extend the cooldown: several
/// connections in flight usually see the same overload, and halving once per connection would throttle to the
/// floor at once. The rate never drops below ``minimumFraction`` of the configured rate.
struct TokenBucketState: Sendable {
    /// Reductions closer together than this (seconds) count as one.
    static let compoundingInterval = 10.0
    /// The floor of an adaptive reduction, as a fraction of the configured rate.
    static let minimumFraction = 1.0 / 64
    /// Tolerance for floating-point refills: 0.9999999999 tokens count as one.
    static let epsilon = 1e-9

    let configuredRate: Double
    let configuredCapacity: Double
    private(set) var rate: Double
    private(set) var capacity: Double
    private(set) var tokens: Double
    private(set) var updated: Double
    /// When the current reduction ends; nil at the configured rate.
    private(set) var cooldownEnd: Double?
    private var lastReduction: Double?

    /// - Parameters:
    ///   - rate: tokens per second; values that are not positive and finite become one token per day.
    ///   - capacity: the burst; at least one token.
    ///   - initialTokens: tokens available at `now`, clamped to `0...capacity`.
    init(rate: Double, capacity: Double, initialTokens: Double, now: Double) {
        let rate = rate.isFinite && rate > 0 ? rate : 1.0 / 86_400
        let capacity = capacity.isFinite ? max(1, capacity) : 1
        configuredRate = rate
        configuredCapacity = capacity
        self.rate = rate
        self.capacity = capacity
        tokens = min(max(0, initialTokens), capacity)
        updated = now
    }

    /// True while a reduction is in force.
    var isReduced: Bool { cooldownEnd != nil }

    /// Brings the bucket to `now`: refills, and ends a cooldown that has passed. Earlier times are ignored.
    mutating func advance(to now: Double) {
        if let end = cooldownEnd, now >= end {
            refill(until: end)
            rate = configuredRate
            capacity = configuredCapacity
            cooldownEnd = nil
        }
        refill(until: now)
    }

    /// Takes one token when one is available at `now`.
    mutating func tryTake(now: Double) -> Bool {
        advance(to: now)
        guard hasToken else { return false }
        tokens = max(0, tokens - 1)
        return true
    }

    /// Seconds from `now` until a token is available (0 when one is), counting a cooldown that ends meanwhile.
    mutating func timeUntilAvailable(now: Double) -> Double {
        advance(to: now)
        guard !hasToken else { return 0 }
        let needed = 1 - tokens
        if let end = cooldownEnd {
            // The reduced rate applies until `end`, the configured one after it. Capacity is at least one token,
            // so the refill before `end` is never clipped before the first whole token.
            let untilEnd = max(0, end - updated)
            let gainedBeforeEnd = untilEnd * rate
            if gainedBeforeEnd >= needed { return needed / rate }
            return untilEnd + (needed - gainedBeforeEnd) / configuredRate
        }
        return needed / rate
    }

    /// Multiplies the rate by `factor` (clamped to 0.01...1) until `now + cooldown`.
    mutating func reduce(factor: Double, cooldown: Double, now: Double) {
        advance(to: now)
        let factor = factor.isFinite ? min(max(factor, 0.01), 1) : 0.5
        let cooldown = cooldown.isFinite ? max(0, cooldown) : 0
        guard cooldown > 0 else { return }
        let compounds = lastReduction.map { now - $0 >= Self.compoundingInterval } ?? true
        if compounds || cooldownEnd == nil {
            rate = max(configuredRate * Self.minimumFraction, rate * factor)
            capacity = max(1, configuredCapacity * rate / configuredRate)
            tokens = min(tokens, capacity)
            lastReduction = now
        }
        cooldownEnd = max(cooldownEnd ?? now, now + cooldown)
    }

    private var hasToken: Bool { tokens + Self.epsilon >= 1 }

    private mutating func refill(until time: Double) {
        guard time > updated else { return }
        tokens = min(capacity, tokens + (time - updated) * rate)
        updated = time
    }
}
