// Locked: a value behind a pthread mutex, for state the delivery threads share.
import Foundation

/// A value reachable only while holding its lock.
///
/// Why not `Synchronization.Mutex`: on Linux it waits with raw futex system calls, which ThreadSanitizer cannot
/// see, so TSan reports every access it guards as a data race (a four-line program with `concurrentPerform`
/// shows it) and real races would drown among them. A pthread mutex is intercepted by TSan, so a report from
/// `scripts/test --sanitize` about state behind `Locked` is a real race (docs/testing.md). Uncontended, both
/// cost one atomic operation.
///
/// `@unchecked Sendable`: `value` is only touched inside `withLock`, under `mutex`.
public final class Locked<Value>: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    public init(_ value: Value) {
        mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        self.value = value
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Runs `body` with the value while holding the lock; `body` must not call `withLock` on the same value.
    public func withLock<Result, Failure: Error>(
        _ body: (inout Value) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
