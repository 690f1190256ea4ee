// Tests of reading a journal back: last record wins, uncertain intents, counts, Message-IDs, header checks.
import Foundation
import Testing

@testable import Campaign

@Suite struct JournalIndexTests {
    /// Writes a journal through the real writer and closes it.
    static func writeJournal(_ path: String, _ records: [JournalRecord]) throws {
        let journal = try Journal.open(path: path, header: JournalFixtures.header)
        for record in records {
            if record.state == .attempting {
                try journal.writer.recordIntent(record)
            } else {
                try journal.writer.append(record)
            }
        }
        try journal.close()
    }

    static func record(_ key: String, _ state: JournalState, at milliseconds: Int64 = 1_700_000_000_000,
                       line: Int? = nil, mid: String? = nil, attempt: Int? = nil, due: Int64? = nil) -> JournalRecord {
        JournalRecord(key: key, state: state, line: line, messageID: mid, attempt: attempt,
                      due: due.map(JournalFixtures.time), time: JournalFixtures.time(milliseconds))
    }

    @Test("round trip: last record per key wins, an intent without outcome is uncertain")
    func roundTrip() throws {
        let directory = JournalTemporaryDirectory()
        let path = directory.file("c.journal")
        try Self.writeJournal(path, [
            Self.record("a@x", .attempting, line: 2, mid: "<1@m>", attempt: 1),
            Self.record("a@x", .accepted, line: 2, mid: "<1@m>", attempt: 1),
            Self.record("b@x", .attempting, line: 3, mid: "<2@m>", attempt: 1),
            Self.record("c@x", .attempting, line: 4, mid: "<3@m>", attempt: 1),
            Self.record("c@x", .deferred, line: 4, attempt: 1, due: 1_700_000_600_001),
            Self.record("d@x", .suppressed, line: 5),
            Self.record("e@x", .invalid, line: 6),
            Self.record("f@x", .attempting, at: 1_700_000_001_000, line: 7, mid: "<4@m>", attempt: 1),
            Self.record("f@x", .failed, line: 7, attempt: 1),
            Self.record("g@x", .attempting, line: 8, mid: "<5@m>", attempt: 1),
            Self.record("g@x", .deferred, line: 8, attempt: 1, due: 1_700_000_000_000),
            Self.record("g@x", .attempting, line: 8, mid: "<6@m>", attempt: 2),
            Self.record("h@x", .duplicate, line: 9),
            Self.record("i@x", .noConsent, line: 10),
            Self.record("j@x", .expired, line: 11, attempt: 5),
            Self.record("k@x", .uncertain, line: 12),
        ])

        let index = try JournalIndex.load(path: path)
        #expect(index.header == JournalFixtures.header)
        #expect(index.tornTail == nil)
        #expect(index.recordCount == 16)
        #expect(index.count == 11)

        #expect(index["a@x"]?.state == .accepted)
        #expect(index["a@x"]?.isFinal == true)
        #expect(index["a@x"]?.line == 2)
        #expect(index["b@x"]?.state == .uncertain)
        #expect(index["b@x"]?.recordedState == .attempting)
        #expect(index["b@x"]?.isFinal == false)
        #expect(index["c@x"]?.state == .deferred)
        #expect(index["c@x"]?.due == Date(timeIntervalSince1970: 1_700_000_601))  // rounded up to the second
        #expect(index["f@x"]?.state == .failed)
        #expect(index["f@x"]?.firstSeen == Date(timeIntervalSince1970: 1_700_000_001))
        #expect(index["g@x"]?.state == .uncertain)
        #expect(index["g@x"]?.attempt == 2)
        #expect(index["g@x"]?.due == nil)
        #expect(index["j@x"]?.state == .expired)
        #expect(index["k@x"]?.state == .uncertain)
        #expect(index["nobody@x"] == nil)
        for key in ["d@x", "e@x", "h@x", "i@x", "j@x"] {
            #expect(index[key]?.isFinal == true, "\(key)")
        }

        #expect(index.counts == [.accepted: 1, .uncertain: 3, .deferred: 1, .suppressed: 1, .invalid: 1,
                                 .failed: 1, .duplicate: 1, .noConsent: 1, .expired: 1])
        #expect(index.count(of: .uncertain) == 3)
        #expect(index.count(of: .attempting) == 0)

        #expect(try index.messageID(forKey: "b@x") == "<2@m>")
        #expect(try index.messageID(forKey: "g@x") == "<6@m>")
        #expect(try index.messageID(forKey: "c@x") == "<3@m>")
        #expect(try index.messageID(forKey: "d@x") == nil)
        #expect(try index.messageID(forKey: "nobody@x") == nil)

        var keys: [String] = []
        index.forEach { key, _ in keys.append(key) }
        #expect(keys == ["a@x", "b@x", "c@x", "d@x", "e@x", "f@x", "g@x", "h@x", "i@x", "j@x", "k@x"])
    }

    @Test("the streaming reader returns every record with its line number")
    func reader() throws {
        let directory = JournalTemporaryDirectory()
        let path = directory.file("c.journal")
        let records = [
            Self.record("a@x", .attempting, mid: "<1@m>"),
            JournalRecord(key: "a@x", state: .deferred, relay: "r", code: 451, enhancedStatus: "4.7.1",
                          reply: "greylisted\nsee", due: JournalFixtures.time(1_700_000_300_000),
                          time: JournalFixtures.time(1_700_000_000_500)),
        ]
        try Self.writeJournal(path, records)
        var seen: [(JournalRecord, Int)] = []
        let summary = try JournalReader.forEachRecord(path: path) { seen.append(($0, $1)) }
        #expect(seen.map(\.0) == records)
        #expect(seen.map(\.1) == [2, 3])
        #expect(summary.header == JournalFixtures.header)
        #expect(summary.recordCount == 2)
    }

    @Test("many recipients: the table grows and every key is found")
    func manyKeys() throws {
        let directory = JournalTemporaryDirectory()
        let path = directory.file("c.journal")
        let count = 20_000
        try Self.writeJournal(path, (0..<count).map { Self.record("user\($0)@example.com", .accepted, line: $0 + 2) })
        let index = try JournalIndex.load(path: path)
        #expect(index.count == count)
        for number in stride(from: 0, to: count, by: 97) {
            #expect(index["user\(number)@example.com"]?.line == number + 2)
        }
        #expect(index["user\(count)@example.com"] == nil)
        #expect(index.counts == [.accepted: count])
    }

    @Test("keys are opaque bytes: hashed keys, escapes, non-ASCII and case are kept apart")
    func opaqueKeys() throws {
        let directory = JournalTemporaryDirectory()
        let path = directory.file("c.journal")
        let keys = [
            "hmac:" + String(repeating: "f0", count: 32), String(repeating: "0a", count: 32), "0A", "abc", "00",
            "Ann@x", "ann@x", "ännchen@例え.jp", "a@b@c", "@x", "x@", "@", "quote\"key", "",
            String(repeating: "k", count: 300) + "@x", String(repeating: "long", count: 5_000),
        ]
        try Self.writeJournal(path, keys.map { Self.record($0, .accepted) })
        let index = try JournalIndex.load(path: path)
        #expect(index.count == keys.count)
        for key in keys { #expect(index[key]?.state == .accepted, "\(key)") }
        for absent in ["0a", "ann@y", "a@b", "x", "ANN@x", "0a0"] { #expect(index[absent] == nil, "\(absent)") }
        var listed: [String] = []
        index.forEach { key, _ in listed.append(key) }
        #expect(listed == keys)
    }

    @Test("records of an unknown type are skipped; a header elsewhere than line 1 is corruption")
    func recordTypes() throws {
        let directory = JournalTemporaryDirectory()
        let path = directory.file("c.journal")
        var bytes = JournalFixtures.header.encodedLine
        bytes += Array(#"{"type":"run","pid":7}"#.utf8) + [0x0A]
        bytes += Self.record("a@x", .accepted).encodedLine
        bytes += [0x0A]  // a blank line is harmless
        JournalFixtures.write(bytes, to: path)
        let index = try JournalIndex.load(path: path)
        #expect(index.count == 1)
        #expect(index.tornTail == nil)
        #expect(index.validLength == Int64(bytes.count))

        JournalFixtures.write(bytes + JournalFixtures.header.encodedLine + Self.record("b@x", .accepted).encodedLine,
                              to: path)
        let error = #expect(throws: JournalError.self) { try JournalIndex.load(path: path) }
        #expect(error?.line == 5)
    }

    @Test("a first line that is a record, not a header, is refused")
    func missingHeader() throws {
        let directory = JournalTemporaryDirectory()
        let path = directory.file("c.journal")
        JournalFixtures.write(Self.record("a@x", .accepted).encodedLine, to: path)
        let error = #expect(throws: JournalError.self) { try JournalIndex.load(path: path) }
        #expect(error?.kind == .missingHeader)
        #expect(error?.description == "\(path):1: not an edm journal: the first line is not a header record")
    }

    @Test("a missing journal and a directory are told apart")
    func notFound() throws {
        let directory = JournalTemporaryDirectory()
        #expect(throws: JournalError(.notFound, path: directory.file("none"))) {
            try JournalIndex.load(path: directory.file("none"))
        }
        #expect(throws: JournalError(.notRegularFile, path: directory.path)) {
            try JournalIndex.load(path: directory.path)
        }
    }
}
