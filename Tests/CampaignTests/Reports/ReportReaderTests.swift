// Tests of summing up a journal for edm report: latest record per recipient, per-attempt counts, timeline.
import Foundation
import Testing

@testable import Campaign

@Suite struct ReportReaderTests {
    @Test("counts by state and domain follow each recipient's latest record; an intent alone is uncertain")
    func statesAndDomains() throws {
        let (directory, path) = try ReportJournal.folder()
        _ = directory
        let report = try ReportReader.read(journalPath: path, hashedAddresses: false)
        #expect(report.recipients == 8)
        #expect(report.recordCount == ReportJournal.records.count)
        #expect(report.counts == ["accepted": 2, "deferred": 1, "failed": 2, "uncertain": 1, "suppressed": 1,
                                  "invalid": 1])
        #expect(report.domains.map(\.domain) == ["example.org", "example.com", "example.net", "(invalid)"])
        #expect(report.domains[0].counts == ["deferred": 1, "uncertain": 1, "suppressed": 1])
        #expect(report.domains[0].other == 2)
        #expect(report.domains[1].counts == ["accepted": 2])
        #expect(report.domains[2].counts == ["failed": 2])
    }

    @Test("reply codes and failures count every attempt; the same refusal for two addresses is one line")
    func repliesAndFailures() throws {
        let (directory, path) = try ReportJournal.folder()
        _ = directory
        let report = try ReportReader.read(journalPath: path, hashedAddresses: false)
        #expect(report.replyCodes.map { "\($0.code):\($0.count)" } == ["250:2", "451:1", "452:1", "550:2"])
        #expect(report.topFailures.map(\.summary) == [
            "550 5.1.1 <address>: user unknown", "451 4.3.0 <address> try later", "452 4.2.2 mailbox full",
        ])
        #expect(report.topFailures.map(\.count) == [2, 1, 1])
        #expect(report.attempts == 7)
        #expect(report.retries == 1)
    }

    @Test("first and last record, duration, rate and the timeline's buckets")
    func timeAndTimeline() throws {
        let (directory, path) = try ReportJournal.folder()
        _ = directory
        let report = try ReportReader.read(journalPath: path, hashedAddresses: false)
        #expect(report.firstRecord == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(abs(report.duration - 1.4) < 1e-3)  // Date keeps seconds as a Double
        #expect(abs((report.acceptedPerSecond ?? 0) - 2 / 1.4) < 1e-3)
        // Outcomes from +100 ms to +1400 ms: 50 ms buckets are the finest round width within 48 buckets.
        let (width, buckets) = report.timeline.buckets()
        #expect(width == 50)
        #expect(buckets.count == 27)
        #expect(buckets.first?.start == ReportJournal.start + 100)
        #expect(buckets.reduce(0) { $0 + $1.accepted } == 2)
        #expect(buckets.reduce(0) { $0 + $1.deferred } == 2)
        #expect(buckets.reduce(0) { $0 + $1.failed } == 2)
        #expect(buckets[0].accepted == 1 && buckets[26].accepted == 1)
    }

    @Test("with hash_addresses every recipient counts under (hashed)")
    func hashedDomains() throws {
        let records = [ReportJournal.record(String(repeating: "ab", count: 32), .accepted, 0),
                       ReportJournal.record(String(repeating: "cd", count: 32), .failed, 10, code: 550)]
        let (directory, path) = try ReportJournal.folder(records)
        _ = directory
        let report = try ReportReader.read(journalPath: path, hashedAddresses: true)
        #expect(report.domains.map(\.domain) == ["(hashed)"])
        #expect(report.domains.first?.total == 2)
        #expect(report.hashedAddresses)
    }

    @Test("a missing journal is notFound, not an empty report")
    func missingJournal() {
        #expect(throws: JournalError(.notFound, path: "/nonexistent/c.journal")) {
            _ = try ReportReader.read(journalPath: "/nonexistent/c.journal", hashedAddresses: false)
        }
    }

    @Test("LatestRecords hands out each recipient's deciding record once, in file order")
    func latestRecords() throws {
        let (directory, path) = try ReportJournal.folder()
        _ = directory
        var seen: [String] = []
        try LatestRecords.forEach(journalPath: path) { record, _ in seen.append("\(record.key)=\(record.state.rawValue)") }
        #expect(seen == ["f@example.org=suppressed", "invalid:9:bad@@x=invalid", "a@example.com=accepted",
                         "c@example.net=failed", "d@example.net=failed", "e@example.org=attempting",
                         "g@example.org=deferred", "b@example.com=accepted"])
    }
}

@Suite struct SendTimelineTests {
    @Test("a long span coarsens storage yet keeps every count; display stays within 48 round buckets")
    func coarsening() {
        var timeline = SendTimeline()
        // 30,000 outcomes one per 100 ms over 50 minutes: more distinct milliseconds than the storage limit.
        for index in 0..<30_000 {
            timeline.add(index % 10 == 0 ? .failed : .accepted, atMilliseconds: 1_700_000_000_000 + Int64(index) * 100)
        }
        let (width, buckets) = timeline.buckets()
        #expect(width == 120_000)
        #expect(buckets.count <= SendTimeline.maximumBuckets)
        #expect(buckets.reduce(0) { $0 + $1.accepted } == 27_000)
        #expect(buckets.reduce(0) { $0 + $1.failed } == 3000)
    }

    @Test("skips are not send outcomes; one outcome makes one bucket")
    func singleOutcome() {
        var timeline = SendTimeline()
        timeline.add(.suppressed, atMilliseconds: 5)
        #expect(timeline.buckets().buckets.isEmpty)
        timeline.add(.accepted, atMilliseconds: 7)
        #expect(timeline.buckets().buckets == [SendTimeline.Bucket(start: 7, accepted: 1)])
    }

    @Test("axis tops are 1, 2 or 5 times a power of ten")
    func niceCeiling() {
        #expect([0, 1, 2, 3, 7, 11, 26, 51, 999].map(SVGChart.niceCeiling) == [1, 1, 2, 5, 10, 20, 50, 100, 1000])
    }
}

@Suite struct ReplyTextTests {
    @Test("normalised: leading code dropped, addresses and identifiers replaced, whitespace collapsed")
    func normalise() {
        #expect(ReplyText.normalise("550 5.1.1  <bob@example.com>:\tuser unknown", code: 550, enhanced: "5.1.1")
            == "<address>: user unknown")
        #expect(ReplyText.normalise("queued as 4F3A1C2B9D id 100020", code: 250, enhanced: nil) == "queued as … id …")
        #expect(ReplyText.normalise("<user100020@example.com>: no", code: nil, enhanced: nil) == "<address>: no")
        #expect(ReplyText.normalise("see RFC5321 5.7.26, retry in 300 seconds", code: 550, enhanced: "5.7.26")
            == "see RFC5321 5.7.26, retry in 300 seconds")
        #expect(ReplyText.normalise(String(repeating: "x ", count: 200), code: nil, enhanced: nil).count == 160)
    }
}
