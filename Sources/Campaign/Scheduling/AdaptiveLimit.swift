// AdaptiveLimit: the rate and concurrency limits of one relay or recipient domain, and how they slow down.

/// One key's limits inside ``DeliveryScheduler`` (a relay, a `[throttle.domains]` entry or a bare domain).
///
/// Slowing down halves whatever there is to halve:
/// - a configured rate: its bucket is reduced (``TokenBucketState/reduce(factor:cooldown:now:)``);
/// - no rate, but a global rate exists: a temporary bucket at `factor ×` the global rate for the cooldown,
///   dropped once it has recovered;
/// - no rate at all: a temporary cap of `factor ×` the transactions in flight (or of `max_connections` when that
///   is lower), at least one, for the cooldown.
/// Reports within `TokenBucketState.compoundingInterval` of the last reduction extend its cooldown only.
struct AdaptiveLimit: Sendable {
    private(set) var bucket: TokenBucketState?
    private var bucketIsTemporary = false
    /// `max_connections` from the configuration.
    let maxConcurrent: Int?
    private var reducedCap: Int?
    private var reducedCapUntil = 0.0
    private var lastCapReduction: Double?

    init(bucket: TokenBucketState?, maxConcurrent: Int?) {
        self.bucket = bucket
        self.maxConcurrent = maxConcurrent.map { max(1, $0) }
    }

    /// True when nothing limits this key, so an entry created by a slow-down can be forgotten.
    var isVacuous: Bool { bucket == nil && maxConcurrent == nil && reducedCap == nil }

    /// The concurrent-transaction limit in force, if any.
    var concurrencyCap: Int? {
        switch (maxConcurrent, reducedCap) {
        case let (configured?, reduced?): min(configured, reduced)
        case let (configured, reduced): configured ?? reduced
        }
    }

    /// Brings the limit to `now`: refills, ends cooldowns, drops temporary limits that have run their course.
    mutating func advance(to now: Double) {
        bucket?.advance(to: now)
        if bucketIsTemporary, let current = bucket, !current.isReduced {
            bucket = nil
            bucketIsTemporary = false
        }
        if reducedCap != nil, now >= reducedCapUntil { reducedCap = nil }
    }

    /// Seconds until the bucket has a token (0 without a bucket).
    mutating func timeUntilAvailable(now: Double) -> Double {
        bucket?.timeUntilAvailable(now: now) ?? 0
    }

    /// Takes a token when there is a bucket; call only after ``timeUntilAvailable(now:)`` returned 0.
    mutating func take(now: Double) {
        _ = bucket?.tryTake(now: now)
    }

    /// Slows this key down for `cooldown` seconds (see the type's documentation).
    mutating func slowDown(factor: Double, cooldown: Double, now: Double, fallbackRate: Double?, inFlight: Int) {
        advance(to: now)
        if bucket != nil {
            bucket?.reduce(factor: factor, cooldown: cooldown, now: now)
            return
        }
        if let fallbackRate {
            var temporary = TokenBucketState(
                rate: fallbackRate, capacity: TokenBucket.defaultBurst(perSecond: fallbackRate), initialTokens: 1,
                now: now)
            temporary.reduce(factor: factor, cooldown: cooldown, now: now)
            bucket = temporary
            bucketIsTemporary = true
            return
        }
        let compounds = lastCapReduction.map { now - $0 >= TokenBucketState.compoundingInterval } ?? true
        if reducedCap == nil || compounds {
            let current = concurrencyCap.map { min($0, max(1, inFlight)) } ?? max(1, inFlight)
            let factor = factor.isFinite ? min(max(factor, 0.01), 1) : 0.5
            reducedCap = max(1, Int((Double(current) * factor).rounded(.down)))
            lastCapReduction = now
        }
        reducedCapUntil = max(reducedCapUntil, now + max(0, cooldown))
    }
}
