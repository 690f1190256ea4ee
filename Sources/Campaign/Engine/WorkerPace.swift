// WorkerPace: how long one delivery worker takes per message, to size how far ahead it writes intents.

/// A moving average of the time between one worker's messages (1/8 of each new gap).
///
/// `@unchecked Sendable`: each instance belongs to one worker and is only touched on that worker's thread.
final class WorkerPace: @unchecked Sendable {
    private var last: UInt64 = 0
    /// Nanoseconds per message; 0 until two messages were seen.
    private(set) var period: UInt64 = 0

    /// A message starts now (monotonic nanoseconds).
    func tick(_ now: UInt64) {
        if last != 0, now > last { period = MovingAverage.adding(now - last, to: period, weight: 8) }
        last = now
    }
}
