// Tests of appending: intents durable before return, outcomes group-committed, failures sticky.
import Foundation
import Synchronization
import Testing

@testable import Campaign

/// A sink that records each operation and can fail on demand, standing in for a full or broken disk.
final class ScriptedJournalSink: JournalSink {
    enum Operation: Equatable {
        case write(Int)
        case sync
    }

    private struct State {
        var operations: [Operation] = []
        var bytes: [UInt8] = []
        var failWritesAfter: Int?
        var failSyncsAfter: Int?
    }

    let path = "/scripted/journal"
    private let state: Mutex<State>

    /// Each fsync takes this long, like a slow disk.
    let syncDelay: UInt32

    init(failWritesAfter: Int? = nil, failSyncsAfter: Int? = nil, syncDelay microseconds: UInt32 = 0) {
        state = Mutex(State(failWritesAfter: failWritesAfter, failSyncsAfter: failSyncsAfter))
        syncDelay = microseconds
    }

    var operations: [Operation] { state.withLock { $0.operations } }
    var bytes: [UInt8] { state.withLock { $0.bytes } }

    func write(_ bytes: UnsafeRawBufferPointer) throws(JournalError) {
        try state.withLock { state throws(JournalError) in
            let writes = state.operations.filter { if case .write = $0 { true } else { false } }.count
            if let limit = state.failWritesAfter, writes >= limit {
                throw JournalError(.writeFailed(reason: JournalFiles.reason(ENOSPC)), path: path)
            }
            state.operations.append(.write(bytes.count))
            state.bytes += bytes
        }
    }

    func synchronize() throws(JournalError) {
        if syncDelay > 0 { usleep(syncDelay) }
        try state.withLock { state throws(JournalError) in
            let syncs = state.operations.filter { $0 == .sync }.count
            if let limit = state.failSyncsAfter, syncs >= limit {
                throw JournalError(.syncFailed(reason: JournalFiles.reason(EIO)), path: path)
            }
            state.operations.append(.sync)
        }
    }

    func close() {}
}

@Suite struct JournalWriterTests {
    @Test("after recordIntent returns, the record is in the file, seen through another descriptor")
    func intentIsWritten() throws {
        let directory = JournalTemporaryDirectory()
        let path = directory.file("c.journal")
        // A long interval and batch size: only the intent itself can cause the commit.
        let journal = try Journal.open(path: path, header: JournalFixtures.header,
                                       options: .init(commitRecords: 10_000, commitInterval: .seconds(60)))
        let record = JournalIndexTests.record("a@x", .attempting, mid: "<1@m>", attempt: 1)
        try journal.writer.recordIntent(record)
        #expect(JournalFixtures.bytes(path) == JournalFixtures.header.encodedLine + record.encodedLine)
        #expect(journal.writer.statistics.commits == 1)
        try journal.close()
    }

    @Test("an intent returns only after a write and an fsync that cover it")
    func intentIsSynced() throws {
        let sink = ScriptedJournalSink()
        let writer = JournalWriter(sink: sink, options: .init(commitRecords: 10_000, commitInterval: .seconds(60)))
        let outcome = JournalIndexTests.record("a@x", .accepted)
        let intent = JournalIndexTests.record("b@x", .attempting)
        try writer.append(outcome)
        #expect(sink.operations.isEmpty)
        try writer.recordIntent(intent)
        // The pending outcome rides along in the intent's commit.
        #expect(sink.operations == [.write(outcome.encodedLine.count + intent.encodedLine.count), .sync])
        try writer.close()
    }

    @Test("outcomes are committed after commitInterval without any sync call")
    func commitInterval() throws {
        let sink = ScriptedJournalSink()
        let writer = JournalWriter(sink: sink, options: .init(commitRecords: 10_000, commitInterval: .milliseconds(30)))
        let started = Date()
        try writer.append(JournalIndexTests.record("a@x", .accepted))
        while sink.operations.count < 2, Date().timeIntervalSince(started) < 5 { usleep(2000) }
        let elapsed = Date().timeIntervalSince(started)
        #expect(sink.operations.count == 2)
        #expect(elapsed >= 0.025)
        #expect(elapsed < 2)
        try writer.close()
    }

    @Test("commitRecords pending records trigger a commit at once")
    func commitRecords() throws {
        let sink = ScriptedJournalSink()
        let writer = JournalWriter(sink: sink, options: .init(commitRecords: 3, commitInterval: .seconds(60)))
        for key in ["a", "b", "c"] { try writer.append(JournalIndexTests.record(key, .accepted)) }
        let started = Date()
        while sink.operations.count < 2, Date().timeIntervalSince(started) < 5 { usleep(1000) }
        #expect(sink.operations.count == 2)
        #expect(Date().timeIntervalSince(started) < 2)
        try writer.close()
    }

    @Test("concurrent appenders: every record on its own well-formed line, far fewer fsyncs than records")
    func groupCommit() throws {
        let directory = JournalTemporaryDirectory()
        let path = directory.file("c.journal")
        let journal = try Journal.open(path: path, header: JournalFixtures.header)
        let threads = 8
        let perThread = 1_000
        JournalFixtures.runOnThreads(threads) { thread in
            for number in 0..<perThread {
                let key = "t\(thread)-n\(number)@example.com"
                let reply = String(repeating: "r\(number % 10)", count: number % 40)
                do {
                    if number % 50 == 0 {
                        let intent = JournalRecord(key: key, state: .attempting, messageID: "<\(key)>")
                        try journal.writer.recordIntent(intent)
                    }
                    try journal.writer.append(JournalRecord(key: key, state: .accepted, code: 250, reply: reply))
                } catch {
                    Issue.record("append failed: \(error)")
                }
            }
        }
        try journal.writer.sync()
        let statistics = journal.writer.statistics
        try journal.close()

        let intents = threads * perThread / 50
        let total = threads * perThread + intents
        #expect(statistics.records == total)
        #expect(statistics.intents == intents)
        #expect(statistics.commits < total / 4, "commits: \(statistics.commits)")

        let lines = JournalFixtures.lines(path)
        #expect(lines.count == total + 2)  // header, records, and the empty string after the last newline
        #expect(lines.last == "")
        var accepted = Set<String>()
        for line in lines.dropFirst().dropLast() {
            let record = try JournalRecordTests.decode(Array(line.utf8) + [0x0A])
            if record.state == .accepted { accepted.insert(record.key) }
        }
        #expect(accepted.count == threads * perThread)
        let index = try JournalIndex.load(path: path)
        #expect(index.count(of: .accepted) == threads * perThread)
    }

    @Test("concurrent intents share fsyncs: each waits for the commit that covers it, not one of its own")
    func intentsShareCommits() throws {
        let sink = ScriptedJournalSink(syncDelay: 5_000)
        let writer = JournalWriter(sink: sink, options: .init())
        let threads = 16
        let perThread = 10
        JournalFixtures.runOnThreads(threads) { thread in
            for number in 0..<perThread {
                do {
                    try writer.recordIntent(JournalIndexTests.record("t\(thread)-\(number)", .attempting))
                } catch {
                    Issue.record("intent failed: \(error)")
                }
            }
        }
        let statistics = writer.statistics
        #expect(statistics.intents == threads * perThread)
        #expect(statistics.commits < threads * perThread / 2, "commits: \(statistics.commits)")
        #expect(sink.bytes.filter { $0 == 0x0A }.count == threads * perThread)
        try writer.close()
    }

    @Test("a disk slower than the appenders holds them back instead of buffering without bound")
    func backpressure() throws {
        let sink = ScriptedJournalSink(syncDelay: 2_000)
        let writer = JournalWriter(sink: sink, options: .init(commitRecords: 16, commitInterval: .seconds(60)))
        let threads = 4
        let perThread = 1_500
        JournalFixtures.runOnThreads(threads) { thread in
            for number in 0..<perThread {
                do {
                    try writer.append(JournalIndexTests.record("t\(thread)-\(number)", .accepted))
                } catch {
                    Issue.record("append failed: \(error)")
                }
            }
        }
        try writer.close()
        #expect(sink.bytes.filter { $0 == 0x0A }.count == threads * perThread)
        #expect(writer.statistics.commits >= threads * perThread / 1024)
    }

    @Test("dropping an open Journal commits its records and frees the lock")
    func deinitCommits() throws {
        let directory = JournalTemporaryDirectory()
        let path = directory.file("c.journal")
        do {
            let journal = try Journal.open(path: path, header: JournalFixtures.header,
                                           options: .init(commitRecords: 10_000, commitInterval: .seconds(60)))
            try journal.writer.append(JournalIndexTests.record("a@x", .accepted))
        }
        let again = try Journal.open(path: path, header: JournalFixtures.header)
        #expect(again.index["a@x"]?.state == .accepted)
        try again.close()
    }

    @Test("a write failure is sticky: that intent and every later call throw")
    func stickyWriteFailure() throws {
        let sink = ScriptedJournalSink(failWritesAfter: 1)
        let writer = JournalWriter(sink: sink, options: .init())
        try writer.recordIntent(JournalIndexTests.record("a", .attempting))
        let expected = JournalError(.writeFailed(reason: "no space left on device"), path: sink.path)
        #expect(throws: expected) { try writer.recordIntent(JournalIndexTests.record("b", .attempting)) }
        #expect(throws: expected) { try writer.append(JournalIndexTests.record("c", .accepted)) }
        #expect(throws: expected) { try writer.sync() }
        #expect(throws: expected) { try writer.recordIntent(JournalIndexTests.record("d", .attempting)) }
        #expect(throws: expected) { try writer.close() }
        #expect(expected.isSticky)
        #expect(expected.description == "cannot write '/scripted/journal': no space left on device")
    }

    @Test("an fsync failure is sticky, and outcomes appended before it fail the next call")
    func stickySyncFailure() throws {
        let sink = ScriptedJournalSink(failSyncsAfter: 0)
        let writer = JournalWriter(sink: sink, options: .init(commitRecords: 1, commitInterval: .zero))
        try writer.append(JournalIndexTests.record("a", .accepted))  // the commit fails in the background
        let expected = JournalError(.syncFailed(reason: "input/output error"), path: sink.path)
        #expect(throws: expected) { try writer.sync() }
        #expect(throws: expected) { try writer.append(JournalIndexTests.record("b", .accepted)) }
    }

    @Test("a real ENOSPC from /dev/full stops the writer")
    func devFull() throws {
        let descriptor = open("/dev/full", O_WRONLY | O_CLOEXEC)
        try #require(descriptor >= 0)
        let writer = JournalWriter(sink: JournalFileSink(descriptor: descriptor, path: "/dev/full"), options: .init())
        let error = #expect(throws: JournalError.self) {
            try writer.recordIntent(JournalIndexTests.record("a", .attempting))
        }
        #expect(error?.kind == .writeFailed(reason: "no space left on device"))
        #expect(throws: JournalError.self) { try writer.append(JournalIndexTests.record("b", .accepted)) }
    }

    @Test("appends after close throw; sync after close is a no-op")
    func closed() throws {
        let sink = ScriptedJournalSink()
        let writer = JournalWriter(sink: sink, options: .init())
        try writer.append(JournalIndexTests.record("a", .accepted))
        try writer.close()
        #expect(sink.operations == [.write(JournalIndexTests.record("a", .accepted).encodedLine.count), .sync])
        #expect(throws: JournalError(.closed, path: sink.path)) {
            try writer.append(JournalIndexTests.record("b", .accepted))
        }
        try writer.sync()
        try writer.close()
    }

    @Test("an oversized record is refused without breaking the writer")
    func recordTooLong() throws {
        let sink = ScriptedJournalSink()
        let writer = JournalWriter(sink: sink, options: .init())
        let huge = JournalRecord(key: "a", state: .failed, reply: String(repeating: "x", count: 70_000))
        #expect(throws: JournalError(.recordTooLong(limit: 65_536), path: sink.path)) { try writer.append(huge) }
        try writer.recordIntent(JournalIndexTests.record("a", .attempting))
        try writer.close()
    }

    @Test("a new journal is mode 0600 and its directory is created")
    func newJournalFile() throws {
        let directory = JournalTemporaryDirectory()
        let path = directory.file(".edm/deep/c.journal")
        let journal = try Journal.open(path: path, header: JournalFixtures.header)
        #expect(journal.isNew)
        try journal.close()
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(JournalFixtures.bytes(path) == JournalFixtures.header.encodedLine)

        // Reopening keeps the old header and says the inputs changed when they did.
        var other = JournalFixtures.header
        other.inputs.templates = "new"
        let again = try Journal.open(path: path, header: other)
        #expect(!again.isNew)
        #expect(again.header == JournalFixtures.header)
        #expect(again.header?.inputs.changes(from: other.inputs) == ["templates"])
        try again.close()
    }
}
