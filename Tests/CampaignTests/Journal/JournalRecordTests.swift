// Tests of the record and header lines: member order, escaping, timestamps, and decoding them back.
import Foundation
import Testing

@testable import Campaign

@Suite struct JournalRecordTests {
    @Test("a record lists only the members that are set, in a fixed order")
    func encodesSetMembersInOrder() {
        let record = JournalRecord(
            key: "ann@example.com", state: .accepted, line: 17, messageID: "<m1@example.com>", attempt: 2,
            relay: "smtp.example.net", code: 250, enhancedStatus: "2.0.0", reply: "ok queued",
            time: JournalFixtures.time(1_700_000_000_123)
        )
        let text = String(decoding: record.encodedLine, as: UTF8.self)
        #expect(text == #"{"t":"2023-11-14T22:13:20.123Z","key":"ann@example.com","state":"accepted","line":17,"#
            + #""mid":"<m1@example.com>","attempt":2,"relay":"smtp.example.net","code":250,"enhanced":"2.0.0","#
            + #""reply":"ok queued"}"# + "\n")

        let minimal = JournalRecord(key: "b@example.com", state: .suppressed, time: JournalFixtures.time(0))
        #expect(String(decoding: minimal.encodedLine, as: UTF8.self)
            == #"{"t":"1970-01-01T00:00:00.000Z","key":"b@example.com","state":"suppressed"}"# + "\n")
    }

    @Test("reply text with control characters, quotes and line separators stays on one line")
    func escapesReplyText() {
        let reply = "550 no\r\nsuch \"user\"\t\\ \u{0}\u{7F}\u{2028}é"
        let record = JournalRecord(key: "k", state: .failed, reply: reply, time: JournalFixtures.time(0))
        let line = record.encodedLine
        #expect(line.filter { $0 == 0x0A }.count == 1)
        #expect(!line.dropLast().contains { $0 < 0x20 || $0 == 0x7F })
        let text = String(decoding: line, as: UTF8.self)
        #expect(text.contains(#""reply":"550 no\r\nsuch \"user\"\t\\ \u0000\u007f\u2028é""#))
    }

    @Test("records decode back to the same values", arguments: JournalState.allCases)
    func roundTrip(state: JournalState) throws {
        let record = JournalRecord(
            key: "ünïcode+tag@example.com", state: state, line: 3, messageID: "<x@y>", attempt: 1,
            relay: "relay", code: 451, enhancedStatus: "4.7.1", reply: "try \"later\"\n",
            due: state == .deferred ? JournalFixtures.time(1_700_000_600_000) : nil,
            time: JournalFixtures.time(1_700_000_000_001)
        )
        let decoded = try Self.decode(record.encodedLine)
        #expect(decoded == record)
    }

    @Test("the header line has the documented shape and decodes back")
    func header() throws {
        let text = String(decoding: JournalFixtures.header.encodedLine, as: UTF8.self)
        #expect(text.hasPrefix(#"{"type":"header","campaign":"spring-sale","edm":"0.1.0","#
            + #""created":"2023-11-14T22:13:20.250Z","inputs":{"campaign":"aaaa"#))
        #expect(text.hasSuffix("\"}}\n"))
        let line = Array(JournalFixtures.header.encodedLine.dropLast())
        let header = try line.withUnsafeBufferPointer { bytes in
            var scanner = JournalJSONScanner(bytes)
            var fields = try JournalLineFields.scan(&scanner)
            #expect(try fields.check(scanner) == .header)
            return JournalHeader(checked: fields, in: scanner)
        }
        #expect(header == JournalFixtures.header)
        #expect(header.inputs.changes(from: JournalFixtures.inputs).isEmpty)
        var changed = JournalFixtures.inputs
        changed.recipients = "d"
        #expect(header.inputs.changes(from: changed) == ["recipients"])
    }

    @Test("RFC 3339 times parse with fractions and offsets", arguments: [
        ("2023-11-14T22:13:20Z", Int64(1_700_000_000_000)),
        ("2023-11-14T22:13:20.5Z", 1_700_000_000_500),
        ("2023-11-14T22:13:20.123456z", 1_700_000_000_123),
        ("2023-11-14t23:13:20+01:00", 1_700_000_000_000),
        ("2023-11-14T20:13:20.001-02:00", 1_700_000_000_001),
        ("2000-02-29T00:00:00Z", 951_782_400_000),
        ("1970-01-01T00:00:00.000Z", 0),
    ])
    func parsesTimes(text: String, milliseconds: Int64) {
        #expect(JournalTime.parse(text) == milliseconds)
        #expect(JournalTime.parse(JournalTime.string(milliseconds: milliseconds)) == milliseconds)
    }

    @Test("malformed times are refused", arguments: [
        "", "2023-11-14", "2023-11-14T22:13:20", "2023-13-01T00:00:00Z", "2023-02-29T00:00:00Z",
        "2023-11-14T24:00:00Z", "2023-11-14T22:13:20.Z", "2023-11-14T22:13:20Zx", "2023-11-14T22:13:20+0100",
    ])
    func refusesTimes(text: String) {
        #expect(JournalTime.parse(text) == nil)
    }

    @Test("formatting covers every day of a leap-year cycle")
    func calendarRoundTrip() {
        for day in stride(from: Int64(-800), to: 1_600, by: 1) {
            let (year, month, dayOfMonth) = JournalTime.civil(days: 11_000 + day)
            #expect(JournalTime.daysSinceEpoch(year: year, month: month, day: dayOfMonth) == 11_000 + day)
        }
    }

    @Test("lines that are not valid JSON records are refused with a reason", arguments: [
        #"{"t":"2023-11-14T22:13:20.000Z","key":"k","state":"accepted""#,
        #"{"t":"2023-11-14T22:13:20.000Z","key":"k","state":"sent"}"#,
        #"{"t":"yesterday","key":"k","state":"accepted"}"#,
        #"{"key":"k","state":"accepted"}"#,
        #"{"t":"2023-11-14T22:13:20.000Z","key":"k","state":"accepted"} x"#,
        #"{"t":"2023-11-14T22:13:20.000Z","key":"k\x","state":"accepted"}"#,
        #"{"t":"2023-11-14T22:13:20.000Z","key":"k\ud800","state":"accepted"}"#,
        #"{"t":"2023-11-14T22:13:20.000Z","key":"k","state":"accepted","line":1.5}"#,
        #"{"t":"2023-11-14T22:13:20.000Z","key":"k","state":"accepted","line":017}"#,
        "\u{0}\u{0}\u{0}\u{0}",
        "",
    ])
    func refusesBadLines(text: String) {
        #expect(throws: JournalScanError.self) { _ = try Self.decode(Array(text.utf8) + [0x0A]) }
    }

    @Test("invalid UTF-8 inside a string is refused")
    func refusesInvalidUTF8() {
        let prefix = Array(#"{"t":"2023-11-14T22:13:20.000Z","key":""#.utf8)
        for bad in [[0xC3], [0xE6, 0x97], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xFF]] as [[UInt8]] {
            let line = prefix + bad + Array(#"","state":"accepted"}"#.utf8) + [0x0A]
            #expect(throws: JournalScanError.self) { _ = try Self.decode(line) }
        }
    }

    @Test("unknown members are skipped and escaped keys decode")
    func forwardCompatible() throws {
        let line = #"{"t":"2023-11-14T22:13:20.000Z","x":[1,{"y":null},true,-2.5e3],"key":"a\u00e9\ud83d\ude00","#
            + #""state":"no-consent","z":{"n":false}}"#
        let record = try Self.decode(Array(line.utf8) + [0x0A])
        #expect(record.key == "aé😀")
        #expect(record.state == .noConsent)
    }

    /// Decodes one encoded line (with its newline) as a recipient record.
    static func decode(_ line: [UInt8]) throws -> JournalRecord {
        try Array(line.dropLast()).withUnsafeBufferPointer { bytes in
            var scanner = JournalJSONScanner(bytes)
            var fields = try JournalLineFields.scan(&scanner)
            guard try fields.check(scanner) == .record else { throw JournalScanError(reason: "not a record") }
            return JournalRecord(checked: fields, in: scanner)
        }
    }
}
