// Tests of crash leftovers: a torn last line is ignored and cut off; damage anywhere else names its line.
import Foundation
import Testing

@testable import Campaign

@Suite struct JournalTornTailTests {
    /// Header, two records, and a last record whose key and reply hold multi-byte characters.
    static func journalBytes() -> (bytes: [UInt8], lastLineStart: Int) {
        var bytes = JournalFixtures.header.encodedLine
        bytes += JournalIndexTests.record("a@x", .attempting, mid: "<1@m>").encodedLine
        bytes += JournalIndexTests.record("a@x", .accepted, mid: "<1@m>").encodedLine
        let start = bytes.count
        bytes += JournalRecord(key: "émilie@例え.jp", state: .accepted, messageID: "<2@m>", reply: "OK 日本",
                               time: JournalFixtures.time(1_700_000_000_000)).encodedLine
        return (bytes, start)
    }

    static var cutOffsets: [Int] {
        let (bytes, start) = journalBytes()
        // Every offset inside the last line: after '{', inside 'é' (2 bytes), inside '例' (3 bytes), inside
        // the reply, just before the newline.
        return Array(start + 1..<bytes.count)
    }

    @Test("a last line cut anywhere is ignored, reported, and cut off when opened for writing")
    func cutLastLine() throws {
        let (bytes, start) = Self.journalBytes()
        let directory = JournalTemporaryDirectory()
        let insideMultiByte = bytes.indices.filter { $0 > start && bytes[$0] & 0xC0 == 0x80 }
        #expect(!insideMultiByte.isEmpty)
        for cut in Self.cutOffsets {
            let path = directory.file("cut-\(cut).journal")
            JournalFixtures.write(Array(bytes[..<cut]), to: path)

            let index = try JournalIndex.load(path: path)
            #expect(index.tornTail == JournalTornTail(offset: Int64(start), length: Int64(cut - start), line: 4,
                                                      reason: "no newline at the end"), "cut at \(cut)")
            #expect(index.count == 1)
            #expect(index["a@x"]?.state == .accepted)
            #expect(index.validLength == Int64(start))
            // Reading leaves the file alone.
            #expect(JournalFixtures.bytes(path).count == cut)

            let journal = try Journal.open(path: path, header: JournalFixtures.header)
            #expect(journal.index.tornTail?.offset == Int64(start))
            #expect(JournalFixtures.bytes(path).count == start, "truncated at cut \(cut)")
            try journal.writer.append(JournalIndexTests.record("b@x", .accepted))
            try journal.close()

            let reopened = try JournalIndex.load(path: path)
            #expect(reopened.tornTail == nil)
            #expect(reopened.count == 2)
            #expect(reopened["b@x"]?.state == .accepted)
        }
    }

    @Test("an unparsable last line with its newline is torn too")
    func damagedLastLine() throws {
        let (bytes, start) = Self.journalBytes()
        let directory = JournalTemporaryDirectory()
        let path = directory.file("c.journal")
        // A crash after a size update but before the data: the tail reads as NUL bytes.
        JournalFixtures.write(Array(bytes[..<start]) + [0, 0, 0, 0, 0x0A, 0x0A], to: path)
        let index = try JournalIndex.load(path: path)
        #expect(index.tornTail?.line == 4)
        #expect(index.tornTail?.length == 6)
        #expect(index.tornTail?.reason == "expected '{'")
        let journal = try Journal.open(path: path, header: JournalFixtures.header)
        try journal.close()
        #expect(JournalFixtures.bytes(path) == Array(bytes[..<start]))
    }

    @Test("a damaged line that is not the last is an error naming file and line", arguments: [
        "garbage", #"{"t":"2023-11-14T22:13:20.000Z","key":"x""#, "\u{0}\u{0}",
    ])
    func corruptMiddleLine(damage: String) throws {
        let (bytes, start) = Self.journalBytes()
        let directory = JournalTemporaryDirectory()
        let path = directory.file("c.journal")
        JournalFixtures.write(Array(bytes[..<start]) + Array(damage.utf8) + [0x0A] + Array(bytes[start...]),
                              to: path)
        let error = #expect(throws: JournalError.self) { try JournalIndex.load(path: path) }
        #expect(error?.line == 4)
        #expect(error?.path == path)
        #expect(error?.description.hasPrefix("\(path):4: corrupt journal record: ") == true)
        // Opening for writing refuses too, and leaves the file as it was.
        #expect(throws: JournalError.self) { try Journal.open(path: path, header: JournalFixtures.header) }
        #expect(JournalFixtures.bytes(path).count == bytes.count + damage.utf8.count + 1)
    }

    @Test("a complete last line that is wrong without NUL bytes is an edit, not a crash: refused, file unchanged",
          arguments: [#"{"t":"2023-11-14T22:13:20.000Z","key":"x","state":"bogus","line":9}"#, "garbage"])
    func editedLastLine(damage: String) throws {
        let (bytes, start) = Self.journalBytes()
        let directory = JournalTemporaryDirectory()
        let path = directory.file("c.journal")
        let content = Array(bytes[..<start]) + Array(damage.utf8) + [0x0A]
        JournalFixtures.write(content, to: path)
        let error = #expect(throws: JournalError.self) { try JournalIndex.load(path: path) }
        #expect(error?.line == 4)
        #expect(throws: JournalError.self) { try Journal.open(path: path, header: JournalFixtures.header) }
        #expect(JournalFixtures.bytes(path) == content)
    }

    @Test("a first line that is not a header is not cut away: the file is not a journal",
          arguments: [#"{"email":"a@example.com"}"# + "\n", "email\na@example.com\n", "not a journal at all"])
    func notAJournal(content: String) throws {
        let directory = JournalTemporaryDirectory()
        let path = directory.file("c.journal")
        JournalFixtures.write(Array(content.utf8), to: path)
        let error = #expect(throws: JournalError.self) { try Journal.open(path: path, header: JournalFixtures.header) }
        #expect(error?.kind == .missingHeader)
        #expect(error?.line == 1)
        #expect(JournalFixtures.bytes(path) == Array(content.utf8))
    }

    @Test("a header naming another campaign is refused, the file unchanged")
    func otherCampaign() throws {
        let directory = JournalTemporaryDirectory()
        let path = directory.file("c.journal")
        var other = JournalFixtures.header
        other.campaign = "someone-else"
        JournalFixtures.write(other.encodedLine, to: path)
        let error = #expect(throws: JournalError.self) { try Journal.open(path: path, header: JournalFixtures.header) }
        #expect(error?.kind == .otherCampaign(found: "someone-else", expected: JournalFixtures.header.campaign))
        #expect(JournalFixtures.bytes(path) == other.encodedLine)
    }

    @Test("a damaged line followed only by a torn line is still corruption")
    func damageThenTorn() throws {
        let (bytes, start) = Self.journalBytes()
        let directory = JournalTemporaryDirectory()
        let path = directory.file("c.journal")
        JournalFixtures.write(Array(bytes[..<start]) + Array("bad\n".utf8) + Array(bytes[start..<start + 5]), to: path)
        let error = #expect(throws: JournalError.self) { try JournalIndex.load(path: path) }
        #expect(error?.line == 4)
    }

    @Test("a line longer than 1 MiB is damage: torn when last without a newline, corrupt otherwise")
    func overlongLine() throws {
        let (bytes, start) = Self.journalBytes()
        let directory = JournalTemporaryDirectory()
        let path = directory.file("c.journal")
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: (1 << 20) + 10)
        JournalFixtures.write(Array(bytes[..<start]) + long, to: path)
        let index = try JournalIndex.load(path: path)
        #expect(index.tornTail?.length == Int64(long.count))
        #expect(index.tornTail?.line == 4)

        // With its newline it is no crash leftover: refused, not cut away.
        JournalFixtures.write(Array(bytes[..<start]) + long + [0x0A], to: path)
        let last = #expect(throws: JournalError.self) { try JournalIndex.load(path: path) }
        #expect(last?.line == 4)

        JournalFixtures.write(Array(bytes[..<start]) + long + [0x0A] + Array(bytes[start...]), to: path)
        let error = #expect(throws: JournalError.self) { try JournalIndex.load(path: path) }
        #expect(error?.line == 4)
    }

    @Test("a file holding only a torn header is started afresh")
    func tornHeader() throws {
        let directory = JournalTemporaryDirectory()
        let path = directory.file("c.journal")
        let header = JournalFixtures.header.encodedLine
        JournalFixtures.write(Array(header[..<40]), to: path)
        let index = try JournalIndex.load(path: path)
        #expect(index.header == nil)
        #expect(index.tornTail?.length == 40)
        let journal = try Journal.open(path: path, header: JournalFixtures.header)
        #expect(journal.isNew)
        #expect(journal.index.tornTail?.length == 40)
        try journal.close()
        #expect(JournalFixtures.bytes(path) == header)
    }

    @Test("an empty file gets a header")
    func emptyFile() throws {
        let directory = JournalTemporaryDirectory()
        let path = directory.file("c.journal")
        JournalFixtures.write([], to: path)
        let journal = try Journal.open(path: path, header: JournalFixtures.header)
        #expect(journal.isNew)
        #expect(journal.index.tornTail == nil)
        try journal.close()
        #expect(JournalFixtures.bytes(path) == JournalFixtures.header.encodedLine)
    }
}
