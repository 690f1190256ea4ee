// SchedulingDecision: the DeliveryScheduler's answer to "may I start a transaction now?".

/// Whether a transaction may start now, and if not, why and for how long.
public enum SchedulingDecision: Sendable, Equatable {
    /// The limit that held a transaction back.
    public enum Reason: Sendable, Equatable {
        /// `[throttle] rate`.
        case globalRate
        /// The relay's `rate`, possibly halved after a slow-down reply.
        case relayRate
        /// The recipient domain's rate, configured or set after a slow-down reply.
        case domainRate
        /// The recipient domain's concurrent transactions (`max_connections`, or a temporary cap).
        case domainConcurrency
        /// The relay's temporary concurrent-transaction cap after a slow-down reply.
        case relayConcurrency
    }

    /// Start now; tokens were taken. Call ``DeliveryScheduler/finish(_:)`` with the permit when done.
    case proceed(DeliveryPermit)
    /// A rate limit holds; ask again after `seconds` (another worker may take the token first). Meanwhile a
    /// recipient on another domain or relay may be able to go.
    case wait(seconds: Double, reason: Reason)
    /// A concurrency limit is full; ask again after a transaction on this domain or relay finishes.
    case saturated(Reason)
}
