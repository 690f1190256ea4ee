// DeliveryPipeline: a bounded queue from the rendering thread to N delivery workers, each on its own thread.
import Foundation

/// Streams work items from one producer to `workers` long-lived threads.
///
/// Why not batches: with a batch the connections sit idle while the next one is rendered, and the batch ends
/// only when its slowest connection does. Here the producer renders while every connection delivers, and the
/// queue's bound (`capacity`) keeps memory flat in the list's length: `submit` blocks while it is full.
///
/// Workers wait on `.work` (an item queued, or closing); the producer waits on `.progress` (room in the queue,
/// an item finished, a worker stopped), so a wake-up goes only to a thread that has something to do.
///
/// `@unchecked Sendable`: every `var` is read and written only with `monitor` locked.
final class DeliveryPipeline<Item>: @unchecked Sendable {
    private let monitor = JournalMonitor()
    private var queue: [Item] = []
    private var head = 0
    private let capacity: Int
    private var closed = false
    /// Submitted and not yet finished by a worker.
    private var unfinished = 0
    private var running = 0
    /// The producer sleeps until the queue is down to half (`submit`), or an item finishes (`waitForProgress`,
    /// `finish`); workers wake it only then, not on every item they take (a context switch each).
    private var producerWaitsForRoom = false
    private var producerWaitsForFinish = false
    private let work: @Sendable (Int, Item, [Item]) -> Void
    private let prepare: @Sendable (Item) -> Void
    private let lookahead: Int

    /// Starts `workers` threads that call `work(worker, item, upcoming)` for each submitted item. `upcoming`
    /// are the items (at most `lookahead`, in order) the same worker delivers next, taken from the queue when
    /// they were already there: they are then this worker's, and their own `work` calls follow, so the
    /// worker can prepare them early. `prepare` runs on the worker's thread once per item, as soon as the worker
    /// takes it (before it appears in any `upcoming`): per-item work too slow for the producer's one thread.
    init(
        workers: Int, capacity: Int, lookahead: Int, name: String,
        prepare: @escaping @Sendable (Item) -> Void = { _ in },
        work: @escaping @Sendable (Int, Item, [Item]) -> Void
    ) {
        self.capacity = max(1, capacity)
        self.lookahead = max(0, lookahead)
        self.prepare = prepare
        self.work = work
        running = max(1, workers)
        for index in 0..<running {
            let thread = Thread { [self] in runWorker(index) }
            thread.name = "\(name)-\(index)"
            thread.start()
        }
    }

    /// Items submitted and not yet finished.
    var inFlight: Int {
        monitor.lock()
        defer { monitor.unlock() }
        return unfinished
    }

    /// Queues `item`, waiting while the queue is full.
    func submit(_ item: Item) {
        monitor.lock()
        while queue.count - head >= capacity {
            producerWaitsForRoom = true
            monitor.wait(.progress)
        }
        queue.append(item)
        unfinished += 1
        monitor.signal(.work)
        monitor.unlock()
    }

    /// Waits until an item finishes or `seconds` pass; returns at once when nothing is in flight.
    func waitForProgress(seconds: Double) {
        monitor.lock()
        if unfinished > 0 {
            producerWaitsForFinish = true
            monitor.wait(.progress, until: JournalMonitor.now() + UInt64(max(seconds, 0) * 1e9))
            producerWaitsForFinish = false
        }
        monitor.unlock()
    }

    /// Lets the workers finish what is queued, then stops them; returns when all have stopped.
    func finish() {
        monitor.lock()
        closed = true
        monitor.broadcast(.work)
        while running > 0 {
            producerWaitsForFinish = true
            monitor.wait(.progress)
        }
        producerWaitsForFinish = false
        monitor.unlock()
    }

    private func runWorker(_ index: Int) {
        // This worker's items in order: the one it delivers and up to `lookahead` it has taken on next.
        var held: [Item] = []
        while true {
            if held.isEmpty {
                guard let item = take(waiting: true) else { break }
                prepare(item)
                held.append(item)
            }
            while held.count <= lookahead, let more = take(waiting: false) {
                prepare(more)
                held.append(more)
            }
            let item = held.removeFirst()
            work(index, item, held)
            monitor.lock()
            unfinished -= 1
            if producerWaitsForFinish { monitor.signal(.progress) }
            monitor.unlock()
        }
        monitor.lock()
        running -= 1
        monitor.signal(.progress)
        monitor.unlock()
    }

    /// The next queued item; without `waiting`, nil at once when none is queued.
    private func take(waiting: Bool) -> Item? {
        monitor.lock()
        defer { monitor.unlock() }
        while head == queue.count {
            if closed || !waiting { return nil }
            monitor.wait(.work)
        }
        let item = queue[head]
        head += 1
        // Compact now and then so the array does not grow with the list.
        if head >= 256, head * 2 >= queue.count {
            queue.removeFirst(head)
            head = 0
        }
        if producerWaitsForRoom, queue.count - head <= capacity / 2 {
            producerWaitsForRoom = false
            monitor.signal(.progress)
        }
        return item
    }
}
