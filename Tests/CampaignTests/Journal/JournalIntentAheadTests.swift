// beginIntent + waitUntilDurable: an intent's fsync starts at once and runs while the caller does other work.
import Foundation
import Testing

@testable import Campaign

@Suite struct JournalIntentAheadTests {
    @Test("beginIntent starts a commit without waiting; waitUntilDurable returns once it is synced")
    func beginThenWait() throws {
        // A very slow disk (a second per fsync): beginIntent returns while the sync is still under way.
        let sink = ScriptedJournalSink(syncDelay: 1_000_000)
        let writer = JournalWriter(sink: sink, options: .init(commitRecords: 10_000, commitInterval: .seconds(60)))
        let intent = JournalIndexTests.record("a@x", .attempting, mid: "<1@m>", attempt: 1)
        let ticket = try writer.beginIntent(intent)
        #expect(!sink.operations.contains(.sync))
        try writer.waitUntilDurable(ticket)
        #expect(sink.operations == [.write(intent.encodedLine.count), .sync])
        // Waiting again on a durable intent returns at once and syncs nothing more.
        try writer.waitUntilDurable(ticket)
        #expect(sink.operations.count == 2)
        try writer.close()
    }

    @Test("intents begun together share one fsync; each waiter wakes once it is covered")
    func sharedCommit() throws {
        let sink = ScriptedJournalSink(syncDelay: 5_000)
        let writer = JournalWriter(sink: sink, options: .init(commitRecords: 10_000, commitInterval: .seconds(60)))
        let tickets = try (0..<50).map { try writer.beginIntent(JournalIndexTests.record("k\($0)", .attempting)) }
        for ticket in tickets.reversed() { try writer.waitUntilDurable(ticket) }
        let syncs = sink.operations.filter { $0 == .sync }.count
        #expect(syncs >= 1 && syncs < 50, "\(syncs) fsyncs for 50 intents")
        #expect(writer.statistics.intents == 50)
        try writer.close()
    }

    /// A writer whose intents have so far been needed about a second after they were appended.
    static func writerUsedToSlack(_ sink: ScriptedJournalSink) throws -> JournalWriter {
        let writer = JournalWriter(sink: sink, options: .init(commitRecords: 10_000, commitInterval: .seconds(60)))
        let early = try (0..<40).map { try writer.beginIntent(JournalIndexTests.record("early\($0)", .attempting)) }
        usleep(1_000_000)
        for ticket in early { try writer.waitUntilDurable(ticket) }
        return writer
    }

    @Test("intents appended long before they are needed share a commit held for them")
    func heldCommit() throws {
        let sink = ScriptedJournalSink(syncDelay: 20_000)
        let writer = try Self.writerUsedToSlack(sink)
        // Half of the ~0.9 s slack estimate (the average takes a while to learn it), less one 20 ms fsync.
        #expect(writer.intentDelay > 300_000_000, "\(writer.intentDelay) ns")
        let syncsBefore = sink.operations.filter { $0 == .sync }.count
        // Ten intents over ~50 ms: committed as they came (no hold), the first would go alone and the rest in
        // two or three more 20 ms fsyncs.
        var tickets: [JournalWriter.IntentTicket] = []
        for index in 0..<10 {
            tickets.append(try writer.beginIntent(JournalIndexTests.record("late\(index)", .attempting)))
            usleep(5_000)
        }
        try writer.waitUntilDurable(tickets[9])
        for ticket in tickets { try writer.waitUntilDurable(ticket) }
        #expect(sink.operations.filter { $0 == .sync }.count == syncsBefore + 1)
        try writer.close()
    }

    @Test("a sender that needs its intent now does not wait out the hold: its wait starts the commit")
    func waitStartsHeldCommit() throws {
        let sink = ScriptedJournalSink(syncDelay: 1_000)
        let writer = try Self.writerUsedToSlack(sink)
        let hold = writer.intentDelay
        #expect(hold > 300_000_000, "\(hold) ns")
        let ticket = try writer.beginIntent(JournalIndexTests.record("now", .attempting))
        let started = DispatchTime.now().uptimeNanoseconds
        try writer.waitUntilDurable(ticket)
        let waited = DispatchTime.now().uptimeNanoseconds - started
        #expect(waited < hold, "waited \(waited) ns with a hold of \(hold) ns")
        #expect(writer.statistics.intentWaits >= 1)
        try writer.close()
    }

    @Test("a failed fsync wakes every waiter with the error, and later intents fail at once")
    func failureWakesWaiters() throws {
        let sink = ScriptedJournalSink(failSyncsAfter: 0, syncDelay: 5_000)
        let writer = JournalWriter(sink: sink, options: .init(commitRecords: 10_000, commitInterval: .seconds(60)))
        let expected = JournalError(.syncFailed(reason: "input/output error"), path: sink.path)
        let ticket = try writer.beginIntent(JournalIndexTests.record("a", .attempting))
        #expect(throws: expected) { try writer.waitUntilDurable(ticket) }
        #expect(throws: expected) { _ = try writer.beginIntent(JournalIndexTests.record("b", .attempting)) }
    }
}

@Suite struct DeliveryPipelineTests {
    /// Records what each worker was given, in order.
    final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var calls: [(worker: Int, item: Int, upcoming: [Int])] = []
        func add(_ worker: Int, _ item: Int, _ upcoming: [Int]) {
            lock.lock()
            calls.append((worker, item, upcoming))
            lock.unlock()
        }
        var all: [(worker: Int, item: Int, upcoming: [Int])] {
            lock.lock()
            defer { lock.unlock() }
            return calls
        }
    }

    @Test("every item is worked once; a worker's upcoming items are exactly the ones it works next, each prepared once before")
    func lookahead() {
        let log = Log()
        let prepared = Log()
        let unprepared = Log()
        let pipeline = DeliveryPipeline<Int>(
            workers: 3, capacity: 8, lookahead: 2, name: "test",
            prepare: { item in prepared.add(0, item, []) }
        ) { worker, item, upcoming in
            let done = Set(prepared.all.map(\.item))
            for early in [item] + upcoming where !done.contains(early) { unprepared.add(worker, early, []) }
            log.add(worker, item, upcoming)
            if item % 7 == 0 { usleep(200) }  // uneven work, so workers interleave
        }
        for item in 0..<500 { pipeline.submit(item) }
        pipeline.finish()
        let calls = log.all
        #expect(calls.map(\.item).sorted() == Array(0..<500))
        for worker in 0..<3 {
            let mine = calls.filter { $0.worker == worker }
            for (index, call) in mine.enumerated() {
                #expect(call.upcoming.count <= 2)
                let next = mine.dropFirst(index + 1).prefix(call.upcoming.count).map(\.item)
                #expect(call.upcoming == next, "worker \(worker) call \(index)")
            }
        }
        #expect(pipeline.inFlight == 0)
        #expect(prepared.all.map(\.item).sorted() == Array(0..<500))
        #expect(unprepared.all.isEmpty, "worked or offered before prepare: \(unprepared.all.map(\.item))")
    }

    /// Holds workers until opened.
    final class Gate: @unchecked Sendable {
        private let condition = NSCondition()
        private var isOpen = false
        func pass() {
            condition.lock()
            while !isOpen { condition.wait() }
            condition.unlock()
        }
        func open() {
            condition.lock()
            isOpen = true
            condition.broadcast()
            condition.unlock()
        }
    }

    @Test("submit blocks while the queue is full, so memory stays bounded; finish drains the queue")
    func boundedQueue() {
        let gate = Gate()
        let worked = Log()
        let pipeline = DeliveryPipeline<Int>(workers: 1, capacity: 4, lookahead: 0, name: "test") { worker, item, upcoming in
            gate.pass()
            worked.add(worker, item, upcoming)
        }
        let submitted = Log()
        let producer = Thread {
            for item in 0..<20 {
                pipeline.submit(item)
                submitted.add(0, item, [])
            }
        }
        producer.start()
        usleep(200_000)
        // At most four queued plus the one the blocked worker holds: the producer waits for room.
        #expect((4...5).contains(submitted.all.count), "\(submitted.all.count) submitted")
        gate.open()
        while submitted.all.count < 20 { usleep(1000) }
        pipeline.finish()
        #expect(worked.all.map(\.item) == Array(0..<20))
    }
}

@Suite struct BeginAheadTests {
    @Test("intents are begun only as far ahead as the disk needs at the connection's pace")
    func depthFollowsPace() {
        let lookahead = UpcomingMessage.lookahead
        // Nothing measured yet: all of them.
        #expect(UpcomingMessage.beginAhead(period: 0, commit: 200_000) == lookahead)
        #expect(UpcomingMessage.beginAhead(period: 300_000, commit: 0) == lookahead)
        // A relay across a network, 20 ms a message, 0.2 ms fsyncs: one (the next, sent with this dot).
        #expect(UpcomingMessage.beginAhead(period: 20_000_000, commit: 200_000) == 1)
        // Postfix with STARTTLS, ~3.5 ms a message per connection: still one.
        #expect(UpcomingMessage.beginAhead(period: 3_500_000, commit: 200_000) == 1)
        // 1 ms a message: two (eight commits' time is 1.6 ms).
        #expect(UpcomingMessage.beginAhead(period: 1_000_000, commit: 200_000) == 2)
        // 0.3 ms a message with quick 0.15 ms fsyncs: still all four.
        #expect(UpcomingMessage.beginAhead(period: 300_000, commit: 150_000) == lookahead)
        // smtp-sink on loopback, 0.3 ms a message and slower fsyncs under load: capped at the lookahead.
        #expect(UpcomingMessage.beginAhead(period: 300_000, commit: 300_000) == lookahead)
        // A slow disk (5 ms fsyncs) behind a 20 ms relay: two.
        #expect(UpcomingMessage.beginAhead(period: 20_000_000, commit: 5_000_000) == 2)
    }

    @Test("a worker's pace is a moving average of the gaps between its messages")
    func pace() {
        let pace = WorkerPace()
        pace.tick(1_000)
        #expect(pace.period == 0)
        pace.tick(2_000)
        #expect(pace.period == 1_000)
        for step in 1...100 { pace.tick(2_000 + UInt64(step) * 9_000) }
        #expect((8_900...9_000).contains(pace.period), "\(pace.period)")
    }
}
