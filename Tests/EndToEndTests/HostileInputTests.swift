// Hostile inputs through the real binary: every file edm send reads, replaced by something it should not be
// (huge, empty, binary, wrong encoding, wrong type, a folder, a fifo, unreadable). Each must end in a clear
// error naming the file, the documented exit code, no hang, and the journal and suppression list untouched.
import EdmTestSupport
import Foundation
import Testing

@Suite(.serialized) struct HostileInputTests {
    /// The inputs of `edm send`, by the file the fixture campaign names.
    enum Role: String, CaseIterable, Sendable {
        case campaign = "campaign.toml"
        case recipients = "r.csv"
        case template = "m.txt"
        case suppression = "s.txt"
        case journal = ".edm/hostile.journal"
    }

    /// What the file is replaced with.
    enum Content: String, CaseIterable, Sendable {
        case huge, empty, binary, nuls, utf16, gb18030, png, json, directory, fifo, unreadable
    }

    /// A campaign with a suppression list, already sent to one of its two recipients, so a journal exists.
    static func fixture() throws -> TemporaryDirectory {
        let folder = TemporaryDirectory()
        TestCampaign.write(in: folder, id: "hostile", recipients: ["a@example.com", "b@example.com"],
                           extra: "[suppression]\nfiles = [\"s.txt\"]")
        folder.write("s.txt", "x@example.com\n")
        let first = try EdmRun.binary(["send", "campaign.toml", "--limit", "1"], in: folder.path)
        try #require(first.code == 0, "\(first.stderr)")
        return folder
    }

    /// 50 MB on one line: no newline for a line reader to stop at.
    static let huge = [UInt8](repeating: UInt8(ascii: "a"), count: 50_000_000)

    /// Fixed pseudo-random bytes (an LCG), so every run meets the same "binary file".
    static let binary: [UInt8] = {
        var state: UInt32 = 0x2545_F491
        return (0..<100_000).map { _ in
            state = state &* 1_664_525 &+ 1_013_904_223
            return UInt8(truncatingIfNeeded: state >> 24)
        }
    }()

    /// Replaces `role`'s file in `folder` with `content`.
    static func replace(_ role: Role, in folder: TemporaryDirectory, with content: Content) throws {
        let path = folder.file(role.rawValue)
        try FileManager.default.removeItem(atPath: path)
        let text = "email,name\nann@example.com,Ann Lee\n"
        switch content {
        case .huge: folder.write(role.rawValue, bytes: huge)
        case .empty: folder.write(role.rawValue, bytes: [])
        case .binary: folder.write(role.rawValue, bytes: binary)
        case .nuls: folder.write(role.rawValue, bytes: [UInt8](repeating: 0, count: 1000))
        // No byte-order mark: what a "Unicode text" export looks like once the BOM is lost.
        case .utf16: folder.write(role.rawValue, bytes: text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        case .gb18030:
            // "email,name\n张三@example.com,张三\n" in GB18030, as a Chinese Excel saves CSV.
            folder.write(role.rawValue, bytes: Array("email,name\n".utf8) + [0xD5, 0xC5, 0xC8, 0xFD]
                + Array("@example.com,".utf8) + [0xD5, 0xC5, 0xC8, 0xFD, 0x0A])
        case .png:
            folder.write(role.rawValue, bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D,
                                                0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0])
        case .json: folder.write(role.rawValue, #"{"email": "a@example.com", "tags": [1, 2, 3]}"# + "\n")
        case .directory: try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        case .fifo: try #require(mkfifo(path, 0o644) == 0)
        case .unreadable: folder.write(role.rawValue, "x\n", mode: 0o000)
        }
    }

    /// The exit code and a piece of stderr each case must produce; nil code means "accepted" (exit 0).
    static func expected(_ role: Role, _ content: Content) -> (code: Int32, message: String) {
        switch (role, content) {
        case (.campaign, .huge): (66, "campaign file 'campaign.toml' is larger than 4194304 bytes")
        case (.campaign, .empty): (78, "campaign.toml:1:1: error: missing required key 'campaign'")
        case (.campaign, .binary): (78, "campaign.toml:1:")
        case (.campaign, .nuls): (78, "campaign.toml:1:1: error: expected a key, found control character U+0000")
        case (.campaign, .utf16): (78, "campaign.toml:1:2: error: expected '=' after key 'e', found control character U+0000")
        case (.campaign, .gb18030): (78, "campaign.toml:2:1: error: invalid UTF-8: unexpected byte 0xD5")
        case (.campaign, .png): (78, "campaign.toml:1:1: error: invalid UTF-8: unexpected byte 0x89")
        case (.campaign, .json): (78, "campaign.toml:1:1: error: expected a key, found '{'")
        case (.campaign, .directory): (66, "campaign file 'campaign.toml' is a directory, not a file")
        case (.campaign, .fifo): (66, "campaign file 'campaign.toml' is not a regular file")
        case (.campaign, .unreadable): (66, "cannot read campaign file 'campaign.toml': Permission denied")

        case (.recipients, .huge): (65, "r.csv:1:1: error: field longer than 65536 bytes")
        case (.recipients, .empty): (65, "r.csv: error: no header row: the file is empty")
        case (.recipients, .binary): (65, "r.csv:1:")
        case (.recipients, .nuls): (65, "r.csv:1:1: error: NUL character in the text; if this file is UTF-16")
        case (.recipients, .utf16): (65, "r.csv:1:2: error: NUL character in the text; if this file is UTF-16")
        case (.recipients, .gb18030): (65, #"r.csv:2:1: error: invalid UTF-8 byte 0xD5; if this file came from Excel in Chinese, set recipients.encoding = "gb18030""#)
        case (.recipients, .png): (65, "r.csv:1:1: error: invalid UTF-8 byte 0x89")
        case (.recipients, .json): (65, "r.csv:1:2: error: quote inside an unquoted field")
        case (.recipients, .directory): (78, "'recipients.file': 'r.csv' is a folder, not a file")
        case (.recipients, .fifo): (66, "recipient list 'r.csv' is not a regular file")
        case (.recipients, .unreadable): (66, "cannot read recipient list 'r.csv': Permission denied")

        case (.template, .huge): (66, "template 'm.txt' is larger than 8388608 bytes")
        case (.template, .empty): (78, "m.txt: error: the text part has no unsubscribe link")
        case (.template, .binary): (65, "m.txt: error: the template is not UTF-8 text; save it as UTF-8")
        case (.template, .nuls): (65, "m.txt:1:1: error: NUL character in the template; is it a text file?")
        case (.template, .utf16): (65, "m.txt:1:2: error: NUL character in the template; is it a text file?")
        case (.template, .gb18030): (65, "m.txt: error: the template is not UTF-8 text")
        case (.template, .png): (65, "m.txt: error: the template is not UTF-8 text")
        // JSON is text: it compiles, and the compliance lint then misses the unsubscribe link.
        case (.template, .json): (78, "m.txt: error: the text part has no unsubscribe link")
        case (.template, .directory): (78, "'message.text': 'm.txt' is a folder, not a file")
        case (.template, .fifo): (66, "template 'm.txt' is not a regular file")
        case (.template, .unreadable): (66, "cannot read template 'm.txt': Permission denied")

        case (.suppression, .huge): (65, "s.txt:1:65537: error: line longer than 65536 bytes; is this file really a suppression list?")
        // An empty list is a list with no entries: the run goes on (docs/suppression.md).
        case (.suppression, .empty): (0, "")
        case (.suppression, .binary): (65, "s.txt:1:1: error:")
        case (.suppression, .nuls): (65, "s.txt:1:1: error: '␀␀␀")
        case (.suppression, .utf16): (65, "s.txt:1:1: error: 'e␀m␀a␀i␀l␀' is not an address")
        // The first line, "email,name", reads as a header line (docs/suppression.md).
        case (.suppression, .gb18030): (65, "s.txt:2:1: error: this line is not UTF-8 text")
        case (.suppression, .png): (65, "s.txt:1:1: error: this line is not UTF-8 text")
        case (.suppression, .json): (65, #"s.txt:1:1: error: a quote (") may only start a field"#)
        case (.suppression, .directory): (78, "'suppression.files': 's.txt' is a folder, not a file")
        case (.suppression, .fifo): (66, "suppression list 's.txt' is not a regular file")
        case (.suppression, .unreadable): (66, "cannot read suppression list 's.txt': Permission denied")

        // An empty journal, or one of NUL bytes only, is what a crash before the header leaves: started afresh
        // (docs/journal.md).
        case (.journal, .empty): (0, "")
        case (.journal, .nuls): (0, "the journal ended in a torn line")
        case (.journal, .directory), (.journal, .fifo): (74, "hostile.journal' is not a regular file; nothing was sent")
        case (.journal, .unreadable): (74, "hostile.journal': permission denied")
        case (.journal, _): (74, "hostile.journal:1: not an edm journal: the first line is not a header record; nothing was sent")
        }
    }

    /// The bytes of the journal and the suppression list where they are readable regular files (compared
    /// whole: stricter than a hash).
    static func protectedHashes(_ folder: TemporaryDirectory) -> [String: Data] {
        var hashes: [String: Data] = [:]
        for role in [Role.journal, .suppression] {
            var info = stat()
            let path = folder.file(role.rawValue)
            guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_mode & 0o444 != 0,
                  let data = FileManager.default.contents(atPath: path) else { continue }
            hashes[role.rawValue] = data
        }
        return hashes
    }

    /// Runs `edm send` as a user without root's power to read anything: through `setpriv` when the tests run as
    /// root (chmod 000 does not stop root), with the folder opened up so that only the target file is denied.
    static func sendAsUnprivileged(_ folder: TemporaryDirectory) throws -> EdmResult {
        guard getuid() == 0 else { return try EdmRun.binary(["send", "campaign.toml"], in: folder.path) }
        let setpriv = "/usr/bin/setpriv"
        try #require(FileManager.default.isExecutableFile(atPath: setpriv),
                     "running as root: setpriv (util-linux) is needed to test unreadable files")
        for relative in ["", ".edm", "outbox", "outbox/tmp", "outbox/new", "outbox/cur"] {
            chmod(folder.file(relative), 0o777)
        }
        for relative in ["campaign.toml", "r.csv", "m.txt", "s.txt", ".edm/hostile.journal", ".edm/hostile.journal.lock"] {
            var info = stat()
            if stat(folder.file(relative), &info) == 0, info.st_mode & 0o777 != 0 { chmod(folder.file(relative), 0o666) }
        }
        return try EdmRun.binary(["send", "campaign.toml"], in: folder.path,
                                 launcher: [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"])
    }

    @Test("each input made hostile: clear error naming the file, documented exit code, journal and list untouched",
          arguments: Role.allCases, Content.allCases)
    func hostile(role: Role, content: Content) throws {
        let folder = try Self.fixture()
        try Self.replace(role, in: folder, with: content)
        let before = Self.protectedHashes(folder)
        let result = content == .unreadable
            ? try Self.sendAsUnprivileged(folder)
            : try EdmRun.binary(["send", "campaign.toml"], in: folder.path)
        let (code, message) = Self.expected(role, content)
        #expect(result.code == code, "\(role)/\(content): \(result.stderr)")
        if !message.isEmpty {
            #expect(result.stderr.contains(message), "\(role)/\(content): \(result.stderr)")
        }
        #expect(!result.stderr.contains("\u{0}"), "raw NUL reached the terminal")
        #expect(result.stderr.utf8.count < 20_000, "\(role)/\(content): \(result.stderr.utf8.count) bytes of stderr")
        if code != 0 {
            #expect(Self.protectedHashes(folder) == before, "\(role)/\(content) changed the journal or the list")
            #expect(SendTests.outboxFiles(folder).count == 1, "nothing more was sent")
        }
    }

    @Test("a partial that is not UTF-8 text, or holds NUL bytes, is refused (65) naming it",
          arguments: [Content.binary, .nuls, .utf16])
    func hostilePartial(content: Content) throws {
        let folder = try Self.fixture()
        TestCampaign.write(in: folder, id: "hostile", recipients: ["a@example.com", "b@example.com"],
                           campaignKeys: "", extra: "[suppression]\nfiles = [\"s.txt\"]")
        let campaign = (folder.read("campaign.toml") ?? "").replacingOccurrences(
            of: "text = \"m.txt\"", with: "text = \"m.txt\"\npartials = \"partials\"")
        folder.write("campaign.toml", campaign)
        folder.write("partials/footer.mustache", "ok\n")
        try Self.replace(.template, in: folder, with: content)   // only for its bytes, moved below
        try FileManager.default.moveItem(atPath: folder.file("m.txt"), toPath: folder.file("partials/bad.mustache"))
        folder.write("m.txt", TestCampaign.messageText)
        let before = Self.protectedHashes(folder)
        let result = try EdmRun.binary(["send", "campaign.toml"], in: folder.path)
        #expect(result.code == 65, "\(result.stderr)")
        #expect(result.stderr.contains("partials/bad.mustache: error: the partial is not UTF-8 text (or holds NUL bytes)"),
                "\(result.stderr)")
        #expect(Self.protectedHashes(folder) == before)
    }

    // MARK: - A journal edited by hand

    /// Lines of the fixture's journal after all of a, b, c, d were attempted and two accepted (`--limit 2`).
    static func editedJournalFixture() throws -> (TemporaryDirectory, [String]) {
        let folder = TemporaryDirectory()
        TestCampaign.write(in: folder, id: "hostile",
                           recipients: ["a@example.com", "b@example.com", "c@example.com", "d@example.com"])
        let first = try EdmRun.binary(["send", "campaign.toml", "--limit", "2"], in: folder.path)
        try #require(first.code == 0, "\(first.stderr)")
        let lines = (folder.read(Role.journal.rawValue) ?? "").split(separator: "\n").map(String.init)
        try #require(lines.count == 5)
        return (folder, lines)
    }

    @Test("a journal edited by hand stops the run with exit 74 at the edited line; nothing sent, journal unchanged",
          arguments: [
            ("unknown state in the middle", 3, "unknown state 'bogus'"),
            ("unknown state on the last line", 5, "unknown state 'bogus'"),
            ("a line cut short in the middle", 3, "corrupt journal record: unterminated string"),
            ("a number made a string", 3, "corrupt journal record: expected a number"),
            ("bad JSON", 2, "corrupt journal record: expected '{'"),
            ("header moved below a record", 1, "not an edm journal: the first line is not a header record"),
            ("another campaign's header", 1, "this journal belongs to campaign 'other', not 'hostile'"),
          ])
    func editedJournal(edit: String, line: Int, message: String) throws {
        let (folder, original) = try Self.editedJournalFixture()
        var lines = original
        switch edit {
        case "unknown state in the middle": lines[2] = lines[2].replacingOccurrences(of: #""state":"accepted""#, with: #""state":"bogus""#)
        case "unknown state on the last line": lines[4] = lines[4].replacingOccurrences(of: #""state":"accepted""#, with: #""state":"bogus""#)
        case "a line cut short in the middle": lines[2] = String(lines[2].prefix(30))
        case "a number made a string": lines[2] = lines[2].replacingOccurrences(of: #""line":2"#, with: #""line":"two""#)
        case "bad JSON": lines[1] = "key=a@example.com state=accepted"
        case "header moved below a record": lines.swapAt(0, 1)
        default: lines[0] = lines[0].replacingOccurrences(of: #""campaign":"hostile""#, with: #""campaign":"other""#)
        }
        #expect(lines != original)
        folder.write(Role.journal.rawValue, lines.joined(separator: "\n") + "\n", mode: 0o600)
        let before = Self.protectedHashes(folder)
        let result = try EdmRun.binary(["send", "campaign.toml"], in: folder.path)
        #expect(result.code == 74, "\(edit): \(result.stderr)")
        #expect(result.stderr.contains("hostile.journal:\(line): "), "\(edit): \(result.stderr)")
        #expect(result.stderr.contains(message), "\(edit): \(result.stderr)")
        #expect(result.stderr.contains("nothing was sent"))
        #expect(Self.protectedHashes(folder) == before)
        #expect(SendTests.outboxFiles(folder).count == 2)
    }

    @Test("records reordered by hand still resume: nobody already accepted is mailed again")
    func reorderedRecords() throws {
        let (folder, original) = try Self.editedJournalFixture()
        var lines = original
        lines = [lines[0], lines[3], lines[4], lines[1], lines[2]]   // b's two records before a's
        folder.write(Role.journal.rawValue, lines.joined(separator: "\n") + "\n", mode: 0o600)
        let result = try EdmRun.binary(["send", "campaign.toml"], in: folder.path)
        #expect(result.code == 0, "\(result.stderr)")
        let sent = SendTests.outboxFiles(folder)
        #expect(sent.count == 4)
        let states = SendTests.states(folder, campaign: "hostile")
        #expect(states.count == 4 && states.values.allSatisfy { $0 == "accepted" }, "\(states)")
    }
}
