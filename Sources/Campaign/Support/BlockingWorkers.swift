// BlockingWorkers: runs N workers that block on I/O, each on a thread of its own, and waits for all of them.
import Foundation

/// Runs `count` workers at once, each on its own thread, and returns when all have finished.
///
/// `DispatchQueue.concurrentPerform` is the wrong tool for workers that spend their time waiting on sockets:
/// it runs at most as many iterations at once as there are CPUs, so on a 2-core machine the third and fourth
/// SMTP connection would only start after the first two finished their whole share of the batch.
enum BlockingWorkers {
    static func run(count: Int, _ body: (Int) -> Void) {
        guard count > 1 else {
            if count == 1 { body(0) }
            return
        }
        // The workers have all called `body` before `wait` returns; the box then lets go of it, so the closure
        // does not outlive this call even though the `Thread` objects may (withoutActuallyEscaping checks).
        withoutActuallyEscaping(body) { body in
            let work = BodyBox(body)
            let finished = DispatchGroup()
            for index in 0..<count {
                finished.enter()
                let thread = Thread {
                    work.body?(index)
                    finished.leave()
                }
                thread.name = "edm-worker-\(index)"
                thread.start()
            }
            finished.wait()
            work.body = nil
        }
    }

    /// Carries the caller's closure to the worker threads. It is only called while `run` waits (and cleared
    /// after, under the group's happens-before), and the caller's closure is itself safe to call from several
    /// threads at once.
    private final class BodyBox: @unchecked Sendable {
        var body: ((Int) -> Void)?
        init(_ body: @escaping (Int) -> Void) { self.body = body }
    }
}
