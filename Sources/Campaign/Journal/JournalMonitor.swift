// JournalMonitor: a pthread mutex with condition variables on the monotonic clock, for the group commit.
import Foundation

/// Mutual exclusion plus waiting.
///
/// `Mutex` (Synchronization) has no condition variables and `NSCondition` waits on the wall clock, which a clock step
/// could turn into a missed commit deadline; so this owns a `pthread_mutex_t` and two `pthread_cond_t` set to
/// `CLOCK_MONOTONIC`.
///
/// `@unchecked Sendable`: the pthread objects are designed for use from many threads; they live at stable
/// heap addresses allocated here and freed in `deinit`, when no thread can be using them.
final class JournalMonitor: @unchecked Sendable {
    enum Condition: Int {
        /// Wakes the writer thread: records pending, an intent waiting, or shutdown.
        case work = 0
        /// Wakes appenders: a commit finished, failed, or buffer space freed.
        case progress = 1
    }

    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let conditions: UnsafeMutablePointer<pthread_cond_t>

    init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        conditions = .allocate(capacity: 2)
        for index in 0..<2 {
            (conditions + index).initialize(to: pthread_cond_t())
            pthread_cond_init(conditions + index, &attributes)
        }
        pthread_condattr_destroy(&attributes)
    }

    deinit {
        for index in 0..<2 { pthread_cond_destroy(conditions + index) }
        pthread_mutex_destroy(mutex)
        conditions.deallocate()
        mutex.deallocate()
    }

    func lock() { pthread_mutex_lock(mutex) }

    func unlock() { pthread_mutex_unlock(mutex) }

    /// Waits (lock held) until signalled; callers re-check their condition, as spurious wake-ups happen.
    func wait(_ condition: Condition) {
        pthread_cond_wait(conditions + condition.rawValue, mutex)
    }

    /// Waits (lock held) until signalled or the monotonic clock reaches `deadline` nanoseconds.
    func wait(_ condition: Condition, until deadline: UInt64) {
        var time = timespec(tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
        pthread_cond_timedwait(conditions + condition.rawValue, mutex, &time)
    }

    func signal(_ condition: Condition) { pthread_cond_signal(conditions + condition.rawValue) }

    func broadcast(_ condition: Condition) { pthread_cond_broadcast(conditions + condition.rawValue) }

    /// Monotonic time in nanoseconds.
    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
