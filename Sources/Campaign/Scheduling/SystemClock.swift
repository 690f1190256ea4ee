// SystemClock: the production MonotonicClock, reading CLOCK_MONOTONIC.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads `clock_gettime(CLOCK_MONOTONIC)`: seconds since boot (an unspecified origin on other systems), unaffected
/// by changes to the wall clock.
public struct SystemClock: MonotonicClock {
    public init() {}

    /// Seconds from the monotonic origin, with nanosecond resolution.
    public func now() -> Double {
        var spec = timespec()
        // clock_gettime(CLOCK_MONOTONIC) cannot fail for a valid clock id and pointer (POSIX lists EINVAL
        // and EFAULT only), so its result is not checked.
        _ = clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1_000_000_000
    }
}
