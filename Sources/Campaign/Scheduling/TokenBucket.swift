// TokenBucket: a thread-safe token bucket over a MonotonicClock, with adaptive slow-down and recovery.
import Synchronization

/// Lets through at most `rate` events per second on average, and at most `capacity` at once after a quiet spell.
///
/// Burst: by default ``defaultBurst(for:)``, a tenth of a second's worth of the rate, at least 1 and at most
/// ``maximumDefaultBurst`` (100). A new bucket holds a single token, so the start of a run is paced like the
/// rest of it instead of opening with a burst: 200/s over 10 s lets through 2001, not 2200.
///
/// Adaptive rate: ``reduce(factor:for:)`` (0.5 by default) slows the bucket for a cooldown; when the cooldown
/// ends, the configured rate and burst come back in one step. Reductions less than 10 seconds apart count as
/// one (they usually report the same overload from several connections); later ones compound down to 1/64 of
/// the configured rate, and every reduction extends the cooldown to at least its own length.
///
/// `Sendable`: all state is behind a `Locked` (pthread) mutex.
public final class TokenBucket: Sendable {
    /// The largest burst ``defaultBurst(for:)`` gives.
    public static let maximumDefaultBurst = 100.0

    /// A tenth of a second's worth of `rate`, at least one token and at most ``maximumDefaultBurst``. Kept small
    /// on purpose: a mailbox provider that allows "20/s" should never see much more than 20 in any second, and a
    /// bucket that saved a whole second's tokens while a domain was idle would let 40 through in the next.
    public static func defaultBurst(for rate: RateLimit) -> Double {
        defaultBurst(perSecond: rate.perSecond)
    }

    static func defaultBurst(perSecond: Double) -> Double {
        guard perSecond.isFinite else { return 1 }
        return min(maximumDefaultBurst, max(1, (perSecond / 10).rounded(.down)))
    }

    private let clock: any MonotonicClock
    private let state: Locked<TokenBucketState>

    /// A bucket for `rate`, holding one token now.
    ///
    /// - Parameters:
    ///   - rate: the configured rate, e.g. `RateLimit(parsing: "200/s")`.
    ///   - burst: the capacity in tokens (at least 1); nil for ``defaultBurst(for:)``.
    ///   - clock: the time source; a ``ManualClock`` in tests.
    public init(rate: RateLimit, burst: Double? = nil, clock: any MonotonicClock = SystemClock()) {
        self.clock = clock
        let capacity = burst ?? Self.defaultBurst(for: rate)
        state = Locked(TokenBucketState(rate: rate.perSecond, capacity: capacity, initialTokens: 1, now: clock.now()))
    }

    /// The configured rate in tokens per second.
    public var configuredRate: Double { state.withLock { $0.configuredRate } }

    /// The rate in force now: lower than ``configuredRate`` during a cooldown.
    public var currentRate: Double {
        let now = clock.now()
        return state.withLock { bucket in
            bucket.advance(to: now)
            return bucket.rate
        }
    }

    /// The burst in force now, in tokens.
    public var capacity: Double {
        let now = clock.now()
        return state.withLock { bucket in
            bucket.advance(to: now)
            return bucket.capacity
        }
    }

    /// True while a reduction's cooldown lasts.
    public var isReduced: Bool {
        let now = clock.now()
        return state.withLock { bucket in
            bucket.advance(to: now)
            return bucket.isReduced
        }
    }

    /// Takes a token if one is available now.
    ///
    /// - Returns: true when the caller may go ahead.
    public func tryTake() -> Bool {
        let now = clock.now()
        return state.withLock { $0.tryTake(now: now) }
    }

    /// Seconds until ``tryTake()`` could succeed: 0 when a token is available now. Another caller may take the
    /// token first, so ask again after waiting.
    public func timeUntilAvailable() -> Double {
        let now = clock.now()
        return state.withLock { $0.timeUntilAvailable(now: now) }
    }

    /// Slows the bucket: multiplies the rate by `factor` for `cooldown` seconds, then restores it.
    ///
    /// - Parameters:
    ///   - factor: clamped to 0.01...1.
    ///   - cooldown: seconds from now; reductions overlapping a running cooldown extend it.
    public func reduce(factor: Double = 0.5, for cooldown: Double) {
        let now = clock.now()
        state.withLock { $0.reduce(factor: factor, cooldown: cooldown, now: now) }
    }
}
