// MonotonicClock: the time source every throttle, cooldown and backoff in the scheduler reads.

/// A clock that never goes backwards, read as seconds from an arbitrary origin.
///
/// The scheduler measures intervals only (token refills, cooldowns, backoff), so it must not follow wall-clock
/// jumps (NTP steps, a manual `date -s`, leap smearing): those would release a burst or stall a run. Tests pass a
/// ``ManualClock`` and advance it by hand, so throttle behaviour over minutes is checked in microseconds.
public protocol MonotonicClock: Sendable {
    /// Seconds since an arbitrary, fixed origin; never decreases.
    func now() -> Double
}
