// ReportJournal: a hand-made journal whose every number the report tests can work out by hand.
import Foundation

@testable import Campaign

enum ReportJournal {
    /// 2023-11-14T22:13:20Z, a whole multiple of every bucket width up to a minute.
    static let start: Int64 = 1_700_000_000_000

    static func record(_ key: String, _ state: JournalState, _ offset: Int64, attempt: Int? = nil, code: Int? = nil,
                       enhanced: String? = nil, reply: String? = nil, relay: String? = nil,
                       line: Int? = nil) -> JournalRecord {
        JournalRecord(key: key, state: state, line: line, messageID: attempt.map { "<m\($0)-\(key)>" },
                      attempt: attempt, relay: relay, code: code, enhancedStatus: enhanced, reply: reply,
                      time: Date(timeIntervalSince1970: Double(start + offset) / 1000))
    }

    /// Eight recipients: two accepted (one after a retry), two failed with the same refusal for different
    /// addresses, one deferred, one uncertain, one suppressed, one invalid row.
    static let records: [JournalRecord] = [
        record("a@example.com", .attempting, 0, attempt: 1, line: 2),
        record("f@example.org", .suppressed, 50, reply: "suppressed by suppression.txt:3", line: 7),
        record("invalid:9:bad@@x", .invalid, 60, reply: "invalid address", line: 9),
        record("a@example.com", .accepted, 100, attempt: 1, code: 250, enhanced: "2.0.0", reply: "OK queued",
               relay: "r1.example", line: 2),
        record("b@example.com", .attempting, 200, attempt: 1, line: 3),
        record("b@example.com", .deferred, 300, attempt: 1, code: 451, enhanced: "4.3.0",
               reply: "<b@example.com> try later", relay: "r1.example", line: 3),
        record("c@example.net", .attempting, 400, attempt: 1, line: 4),
        record("c@example.net", .failed, 500, attempt: 1, code: 550, enhanced: "5.1.1",
               reply: "<c@example.net>:  user unknown", relay: "r1.example", line: 4),
        record("d@example.net", .attempting, 600, attempt: 1, line: 5),
        record("d@example.net", .failed, 700, attempt: 1, code: 550, enhanced: "5.1.1",
               reply: "550 5.1.1 <d@example.net>: user unknown", relay: "r2.example", line: 5),
        record("e@example.org", .attempting, 800, attempt: 1, line: 6),
        record("g@example.org", .attempting, 900, attempt: 1, line: 8),
        record("g@example.org", .deferred, 1000, attempt: 1, code: 452, enhanced: "4.2.2", reply: "mailbox full",
               relay: "r2.example", line: 8),
        record("b@example.com", .attempting, 1300, attempt: 2, line: 3),
        record("b@example.com", .accepted, 1400, attempt: 2, code: 250, enhanced: "2.0.0", reply: "OK",
               relay: "r2.example", line: 3),
    ]

    /// A fresh folder with the journal written as `c.journal`.
    static func folder(_ records: [JournalRecord] = records) throws -> (JournalTemporaryDirectory, String) {
        let directory = JournalTemporaryDirectory()
        let path = directory.file("c.journal")
        try JournalIndexTests.writeJournal(path, records)
        return (directory, path)
    }
}
