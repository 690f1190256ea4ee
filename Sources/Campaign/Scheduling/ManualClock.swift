// ManualClock: a MonotonicClock for tests, moved forward by hand.
import Synchronization

/// A clock that stands still until told to move, so throttle tests simulate minutes without sleeping.
///
/// `Sendable`: the reading lives in a `Locked`, so worker threads in a test may read it while the test advances it.
public final class ManualClock: MonotonicClock {
    private let reading: Locked<Double>

    /// A clock reading `start` seconds.
    public init(start: Double = 0) {
        reading = Locked(start)
    }

    /// The current reading.
    public func now() -> Double {
        reading.withLock { $0 }
    }

    /// Moves the clock forward by `seconds`; negative or non-finite amounts are ignored (the clock is monotonic).
    public func advance(by seconds: Double) {
        guard seconds.isFinite, seconds > 0 else { return }
        reading.withLock { $0 += seconds }
    }

    /// Moves the clock to `time` when that is later than the current reading; never moves it back.
    public func advance(to time: Double) {
        guard time.isFinite else { return }
        reading.withLock { $0 = max($0, time) }
    }
}
