// MovingAverage: exponentially weighted averages of nanosecond timings, in integer arithmetic.

/// The engine's running estimates (how long an fsync takes, how early intents arrive, a worker's pace).
enum MovingAverage {
    /// `average` moved 1/`weight` of the way towards `sample`; an average of 0 (nothing seen yet) takes the
    /// sample whole.
    static func adding(_ sample: UInt64, to average: UInt64, weight: UInt64) -> UInt64 {
        average == 0 ? sample : average - average / weight + sample / weight
    }
}
