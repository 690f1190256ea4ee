// RetryPolicy: when a transient failure is tried again, and when it is given up (RFC 5321 §4.5.4.1).
import Foundation

/// Turns `[retry]` into backoff delays and limits.
///
/// RFC 5321 §4.5.4.1 asks senders to retry transient failures, to wait between attempts and to give up after
/// a bounded time ("at least 4-5 days" for a relay; edm's default `max_age` is 3 days because a campaign is
/// time-bound). Within a run, delays grow exponentially from `initial_backoff` to `max_backoff`, with jitter so
/// that many deferred recipients do not come back at the same moment (RFC 5321 §4.5.4.1 also warns against
/// retrying all at once).
///
/// Attempts count from 1: `attempt` is the number of attempts already made and failed.
public struct RetryPolicy: Sendable, Equatable {
    /// How randomness spreads the delays.
    public enum Jitter: Sendable, Equatable {
        /// Exactly `min(max, initial × 2^(n−1))`; for tests and diagnostics.
        case none
        /// Uniform in `0...min(max, initial × 2^(n−1))` ("full jitter"). Can be close to zero.
        case full
        /// Uniform in `initial...min(max, 3 × previous)` ("decorrelated jitter"). Never shorter than the
        /// initial backoff; the default.
        case decorrelated
    }

    /// Attempts allowed within one run, at least 1.
    public let maxAttempts: Int
    /// Seconds before the first retry (the base of the exponent), at least 0.
    public let initialBackoff: Double
    /// Longest delay in seconds, at least `initialBackoff`.
    public let maxBackoff: Double
    /// Seconds after the first attempt when a deferred recipient is given up as `expired`.
    public let maxAge: Double
    public let jitter: Jitter

    /// A policy from the campaign's `[retry]` table.
    public init(settings: RetrySettings, jitter: Jitter = .decorrelated) {
        maxAttempts = max(1, settings.maxAttempts)
        let initial = settings.initialBackoff.seconds
        initialBackoff = initial.isFinite ? max(0, initial) : 0
        let maximum = settings.maxBackoff.seconds
        maxBackoff = maximum.isFinite ? max(initialBackoff, maximum) : initialBackoff
        maxAge = settings.maxAge.seconds
        self.jitter = jitter
    }

    /// The delay without jitter after `attempt` failures: `min(maxBackoff, initialBackoff × 2^(attempt−1))`.
    public func baseDelay(afterAttempt attempt: Int) -> Double {
        let exponent = Double(min(max(attempt, 1) - 1, 62))
        return min(maxBackoff, initialBackoff * pow(2, exponent))
    }

    /// Seconds to wait before the next attempt.
    ///
    /// - Parameters:
    ///   - attempt: attempts made so far (1 after the first failure).
    ///   - previousDelay: the delay used before this one, for `.decorrelated`; nil takes
    ///     ``baseDelay(afterAttempt:)`` of the attempt before (the initial backoff for attempt 1).
    ///   - generator: the source of randomness; a seeded generator makes tests deterministic.
    /// - Returns: a delay within `0...maxBackoff`.
    public func delay(
        afterAttempt attempt: Int, previousDelay: Double? = nil, using generator: inout some RandomNumberGenerator
    ) -> Double {
        switch jitter {
        case .none:
            return baseDelay(afterAttempt: attempt)
        case .full:
            let ceiling = baseDelay(afterAttempt: attempt)
            return ceiling > 0 ? Double.random(in: 0...ceiling, using: &generator) : 0
        case .decorrelated:
            let previous = previousDelay ?? (attempt <= 1 ? initialBackoff : baseDelay(afterAttempt: attempt - 1))
            let ceiling = min(maxBackoff, max(initialBackoff, 3 * max(0, previous)))
            return ceiling > initialBackoff ? Double.random(in: initialBackoff...ceiling, using: &generator) : ceiling
        }
    }

    /// ``delay(afterAttempt:previousDelay:using:)`` with the system's random number generator.
    public func delay(afterAttempt attempt: Int, previousDelay: Double? = nil) -> Double {
        var generator = SystemRandomNumberGenerator()
        return delay(afterAttempt: attempt, previousDelay: previousDelay, using: &generator)
    }

    /// True when a recipient that has failed `attempt` times may be tried again in this run; false means
    /// record it `deferred` with a due time, for the next `edm send`.
    public func shouldRetryInRun(attempt: Int) -> Bool {
        attempt < maxAttempts
    }

    /// True when a recipient first tried at `firstSeen` is past `max_age` at `now` and becomes `expired`.
    /// Wall-clock times, since the first attempt may have been in an earlier run.
    public func isExpired(firstSeen: Date, now: Date) -> Bool {
        now.timeIntervalSince(firstSeen) >= maxAge
    }
}
