// RunTicker: one background thread that drives the progress line and the metrics file during a run.
import Foundation
import Synchronization

/// Calls `tick` every `interval` seconds on its own thread until `stop()`, which waits for the thread to end.
final class RunTicker: Sendable {
    private let stopped = DispatchSemaphore(value: 0)
    private let ended = DispatchSemaphore(value: 0)

    init(interval: Double, tick: @escaping @Sendable () -> Void) {
        let stopped = stopped, ended = ended
        let thread = Thread {
            // wait(timeout:) returns .success only when stop() signalled.
            while stopped.wait(timeout: .now() + interval) == .timedOut { tick() }
            ended.signal()
        }
        thread.name = "edm-progress"
        thread.start()
    }

    func stop() {
        stopped.signal()
        ended.wait()
    }
}
