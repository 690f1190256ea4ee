// BounceImporterTests: dry run, idempotence, suppression entries, soft limit, journal outcomes, bad inputs.
import Campaign
import EdmTestSupport
import Foundation
import Mail
import Testing

@Suite struct BounceImporterTests {
    static var fixtures: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("MailTests/Bounce/Fixtures").path
    }

    static func fixture(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: fixtures).appendingPathComponent(name)))
    }

    /// Runs a whole import of `paths` and returns the importer after commit.
    @discardableResult
    static func runImport(_ paths: [String], list: String, dryRun: Bool = false, softLimit: Int = 3,
                          journal: String? = nil, campaign: String? = nil) throws -> BounceImporter {
        let settings = BounceImportSettings(
            suppressionFile: list, suppressionDisplay: list, softLimit: softLimit, dryRun: dryRun,
            campaignID: campaign, journalPath: journal,
            classifier: BounceOptions(unsubscribeAddresses: ["unsubscribe@news.example.com"]))
        var importer = try BounceImporter(settings: settings)
        for file in try BounceInputs.files(for: paths) {
            for item in BounceInputs.read(file, display: file) { _ = importer.process(item) }
        }
        _ = try importer.commit()
        return importer
    }

    static func listedKeys(_ path: String) -> [String] {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { String($0.split(separator: " ")[0]) }
    }

    static let expectedSuppressed: Set<String> = [
        "zhao@example.cn", "trent.x@aol.com", "sybil.x@yahoo.com", "quentin@contoso.example", "mallory@example.org",
        "niaj@no-such-host.example", "grace.nobody@gmail.com", "alice@example.net", "olivia@example.net",
        "nobody-7f3a@qq.com", "frank@nonexistent-domain.example", "ken@example.net", "li.nobody@sina.com",
        "zhao.liu@example.cn", "peggy.nobody@yahoo.com", "victor@example.net",
    ]

    @Test("a dry run classifies everything and writes nothing")
    func dryRun() throws {
        let folder = TemporaryDirectory()
        let list = folder.file("suppressed.txt")
        let importer = try Self.runImport([Self.fixtures], list: list, dryRun: true)
        #expect(importer.totals.messages == 32)
        #expect(importer.totals.suppressed == Self.expectedSuppressed.count)
        #expect(!FileManager.default.fileExists(atPath: list))
        #expect(!FileManager.default.fileExists(atPath: BounceState.path(forList: list)))
    }

    @Test("the list gets exactly the hard bounces, complaints and unsubscribe requests; twice changes nothing")
    func idempotent() throws {
        let folder = TemporaryDirectory()
        let list = folder.write("suppressed.txt", "# mine\nalready@example.com\n")
        let first = try Self.runImport([Self.fixtures], list: list)
        let keys = Self.listedKeys(list)
        #expect(keys.count == Self.expectedSuppressed.count + 1)
        #expect(Set(keys) == Self.expectedSuppressed.union(["already@example.com"]))
        #expect(first.totals.softCounted == 5)
        let listAfterFirst = try String(contentsOfFile: list, encoding: .utf8)
        let stateAfterFirst = try String(contentsOfFile: BounceState.path(forList: list), encoding: .utf8)
        #expect(listAfterFirst.hasPrefix("# mine\nalready@example.com\n"))

        let second = try Self.runImport([Self.fixtures], list: list)
        #expect(second.totals.duplicates == 32)
        #expect(second.totals.suppressed == 0 && second.totals.softCounted == 0)
        #expect(try String(contentsOfFile: list, encoding: .utf8) == listAfterFirst)
        #expect(try String(contentsOfFile: BounceState.path(forList: list), encoding: .utf8) == stateAfterFirst)
        // The existing list is still readable by the policy loader.
        var suppression = SuppressionList()
        try suppression.load(path: list, displayPath: "suppressed.txt")
        #expect(suppression.match(key: "alice@example.net", domain: "example.net") != nil)
    }

    @Test("soft bounces are counted across imports and suppress at the limit")
    func softLimit() throws {
        let folder = TemporaryDirectory()
        let list = folder.file("suppressed.txt")
        let original = String(decoding: try Self.fixture("postfix-mailbox-full.eml"), as: UTF8.self)
        for round in 1...3 {
            let copy = original.replacingOccurrences(of: "4F1C2A0E31@mail", with: "round\(round)@mail")
            let file = folder.write("in\(round)/bounce.eml", copy)
            let importer = try Self.runImport([file], list: list, softLimit: 3)
            #expect(importer.totals.softCounted == 1)
            #expect(Self.listedKeys(list).contains("bob@example.org") == (round == 3))
        }
        let state = try BounceState.load(path: BounceState.path(forList: list), displayPath: "state")
        #expect(state.soft["bob@example.org"]?.count == 3)
        #expect(state.soft["bob@example.org"]?.reason == "mailbox-full")
    }

    @Test("the campaign's journal gets a failed record for its recipients' bounces")
    func journalOutcomes() throws {
        let folder = TemporaryDirectory()
        let journalPath = folder.file("journal/spring.jsonl")
        let header = JournalHeader(campaign: "spring-2026", edmVersion: "0.1.0", inputs: .init(
            campaign: String(repeating: "a", count: 64), recipients: String(repeating: "b", count: 64),
            templates: String(repeating: "c", count: 64)))
        let journal = try Journal.open(path: journalPath, header: header)
        for key in ["alice@example.net", "dave@example.org", "bob@example.org"] {
            try journal.writer.append(JournalRecord(key: key, state: .accepted, code: 250))
        }
        try journal.close()
        let inputs = ["postfix-unknown-user.eml", "postfix-delayed.eml", "postfix-mailbox-full.eml", "gmail-unknown-user.eml"]
        let importer = try Self.runImport(inputs.map { "\(Self.fixtures)/\($0)" }, list: folder.file("list.txt"),
                                          journal: journalPath, campaign: "spring-2026")
        #expect(importer.totals.journalRecords == 2)   // alice (hard) and bob (soft); dave's is a delay warning
        let index = try JournalIndex.load(path: journalPath)
        #expect(index["alice@example.net"]?.state == .failed)
        #expect(index["bob@example.org"]?.state == .failed)
        #expect(index["dave@example.org"]?.state == .accepted)
        #expect(index["grace.nobody@gmail.com"] == nil)
        let text = try String(contentsOfFile: journalPath, encoding: .utf8)
        #expect(text.contains(#""key":"alice@example.net","state":"failed","mid":"<3f2a9c0d81e4b7a65c1d2e3f.spring-2026@news.example.com>","code":550,"enhanced":"5.1.1""#))
        // Again: nothing more.
        let again = try Self.runImport(inputs.map { "\(Self.fixtures)/\($0)" }, list: folder.file("list.txt"),
                                       journal: journalPath, campaign: "spring-2026")
        #expect(again.totals.journalRecords == 0)
        #expect(try String(contentsOfFile: journalPath, encoding: .utf8) == text)
    }

    @Test("mbox files are split at From_ lines with >From unescaped; Maildir reads cur and new, not tmp")
    func mailboxes() throws {
        let folder = TemporaryDirectory()
        let qmail = String(decoding: try Self.fixture("qmail-no-mailbox.eml"), as: UTF8.self)
        let gmail = String(decoding: try Self.fixture("gmail-unknown-user.eml"), as: UTF8.self)
        let human = "From: a@example.net\nSubject: hi\n\nline one\n>From the start\n"
        let mbox = "From MAILER-DAEMON Fri Mar 20 01:00:06 2026\n\(qmail)\n"
            + "From MAILER-DAEMON Fri Mar 20 01:00:07 2026\n\(gmail)\n"
            + "From a@example.net Fri Mar 20 01:00:08 2026\n\(human)\n"
        let path = folder.write("bounces.mbox", mbox)
        let items = BounceInputs.read(path, display: "bounces.mbox")
        #expect(items.count == 3)
        let lines = Array(mbox.utf8).split(separator: 0x0A, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        let separators = lines.indices.filter { lines[$0].hasPrefix("From MAILER-DAEMON") || lines[$0].hasPrefix("From a@") }
        #expect(items.map(\.line) == separators.map { $0 + 2 })
        #expect(String(decoding: items[2].bytes, as: UTF8.self) == "From: a@example.net\nSubject: hi\n\nline one\nFrom the start\n")
        #expect(BounceClassifier.classify(items[0].bytes[...])?.recipients.first?.address == "olivia@example.net")

        folder.write("Maildir/cur/1.eml", qmail)
        folder.write("Maildir/new/2.eml", gmail)
        folder.write("Maildir/tmp/3.eml", qmail)
        folder.write("Maildir/.hidden", "x")
        let files = try BounceInputs.files(for: [folder.file("Maildir")])
        #expect(files.map { ($0 as NSString).lastPathComponent } == ["1.eml", "2.eml"])
    }

    @Test("garbage, truncated, huge and non-mail inputs are skipped with no suppression entry")
    func badInputs() throws {
        let folder = TemporaryDirectory()
        var random = SystemRandomNumberGenerator()
        folder.write("bad/garbage.bin", bytes: (0..<4096).map { _ in UInt8.random(in: 0...255, using: &random) })
        folder.write("bad/text.txt", "just some words\nno headers here\n")
        folder.write("bad/empty.eml", "")
        folder.write("bad/truncated.eml", bytes: Array(try Self.fixture("postfix-unknown-user.eml").prefix(300)))
        let huge = folder.write("bad/huge.eml", bytes: Array("Subject: big\n\n".utf8))
        let handle = try #require(FileHandle(forWritingAtPath: huge))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(repeating: 0x41, count: 50 << 20))
        try handle.close()
        let list = folder.file("list.txt")
        let importer = try Self.runImport([folder.file("bad")], list: list)
        #expect(importer.totals.skipped == 4)   // garbage, text, empty, huge; the truncated one is still mail
        #expect(Self.listedKeys(list).isEmpty)
    }
}
