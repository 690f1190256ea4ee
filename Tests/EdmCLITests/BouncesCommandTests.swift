// BouncesCommandTests: `edm bounces import` through the in-process CLI: help, usage, summary, JSON, exit codes.
import EdmTestSupport
import Foundation
import Testing

@Suite struct BouncesCommandTests {
    static var fixtures: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("MailTests/Bounce/Fixtures").path
    }

    @Test("edm help bounces")
    func help() {
        let expected = """
            OVERVIEW: Import bounces, complaints and unsubscribe mail into suppression and the journal.

            Reads .eml files, folders, Maildir folders (cur/ and new/) and mbox files. Each message is
            classified: hard-bounce, soft-bounce, policy-block, complaint, unsubscribe, auto-reply or
            not-a-bounce (docs/bounces.md). Hard bounces, complaints and unsubscribe requests are added
            to the suppression list (the campaign's first suppression.files entry, or --suppression);
            soft bounces are counted per recipient and suppressed at --soft-limit (default 3). With
            --campaign, failures of that campaign's messages are recorded in its journal. Importing the
            same mail again changes nothing (fingerprints are kept in <list>.bounce-state).
            Exit 0 when every input was read, 65 when some were skipped as not mail or too large (the
            rest is imported), 66 when a path does not exist, 73 when the list cannot be written, 4 when
            edm send holds the campaign's lock, 78 for an invalid campaign file.

            USAGE: edm bounces import <path>... [--campaign <campaign.toml>] [--suppression <file>] [--soft-limit <n>] [--dry-run] [--json]

            ARGUMENTS:
              <import>                  What to do (the only action).
              <path>                    Mail files, folders, Maildirs or mbox files.

            OPTIONS:
              --campaign <campaign.toml>
                                        Campaign for the list, journal and mailto.
              --suppression <file>      Suppression list to add to (created if missing).
              --soft-limit <n>          Soft bounces before a recipient is suppressed (3).
              --dry-run                 Classify and report; write nothing.
              --json                    One JSON object per message instead of the summary.

            \(HelpTests.globalOptions)
            """
        let result = EdmRun.inProcess(["help", "bounces"])
        #expect(result.code == 0)
        #expect(result.stdout == expected)
    }

    @Test("usage errors: no action, wrong action, no path, no list; a missing path is 66")
    func usage() {
        let folder = TemporaryDirectory()
        #expect(EdmRun.inProcess(["bounces"], in: folder.path).code == 64)
        let wrong = EdmRun.inProcess(["bounces", "imprt", "x"], in: folder.path)
        #expect(wrong.code == 64)
        #expect(wrong.stderr.contains("unknown bounces action 'imprt' (did you mean 'import'?)"))
        #expect(EdmRun.inProcess(["bounces", "import", "--suppression", "l.txt"], in: folder.path).code == 64)
        let noList = EdmRun.inProcess(["bounces", "import", Self.fixtures], in: folder.path)
        #expect(noList.code == 64)
        #expect(noList.stderr.contains("no suppression list"))
        let missing = EdmRun.inProcess(["bounces", "import", "nope.eml", "--suppression", "l.txt"], in: folder.path)
        #expect(missing.code == 66)
        #expect(missing.stderr == "edm: error: mail input 'nope.eml' does not exist\n")
        #expect(!FileManager.default.fileExists(atPath: folder.file("l.txt")))
    }

    @Test("a dry run prints the summary and writes nothing; a real run then an identical one")
    func summary() throws {
        let folder = TemporaryDirectory()
        let dry = EdmRun.inProcess(["bounces", "import", Self.fixtures, "--suppression", "list.txt", "--dry-run", "-q"],
                                   in: folder.path)
        #expect(dry.code == 0, "\(dry.stderr)")
        #expect(dry.stdout == """
            dry run: 32 messages from 32 files (0 already imported, 0 skipped)
              hard-bounce    12
              soft-bounce    6
              policy-block   4
              complaint      2
              unsubscribe    1
              auto-reply     4
              not-a-bounce   3
            would suppress 15 in list.txt (0 already listed); soft bounces counted 5; journal records 0

            """)
        #expect(!FileManager.default.fileExists(atPath: folder.file("list.txt")))
        let real = EdmRun.inProcess(["bounces", "import", Self.fixtures, "--suppression", "list.txt", "-q"], in: folder.path)
        #expect(real.code == 0)
        #expect(real.stdout.hasSuffix("suppressed 15 in list.txt (0 already listed); soft bounces counted 5; journal records 0\n"))
        let list = try String(contentsOfFile: folder.file("list.txt"), encoding: .utf8)
        let again = EdmRun.inProcess(["bounces", "import", Self.fixtures, "--suppression", "list.txt", "-q"], in: folder.path)
        #expect(again.stdout.hasPrefix("32 messages from 32 files (32 already imported, 0 skipped)\n"))
        #expect(again.stdout.hasSuffix("suppressed 0 in list.txt (0 already listed); soft bounces counted 0; journal records 0\n"))
        #expect(try String(contentsOfFile: folder.file("list.txt"), encoding: .utf8) == list)
    }

    @Test("--json prints one object per message; a skipped input makes exit 65")
    func json() {
        let folder = TemporaryDirectory()
        folder.write("in/a.eml", String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: Self.fixtures + "/qmail-no-mailbox.eml"))) ?? Data(), as: UTF8.self))
        folder.write("in/b.txt", "not mail at all\n")
        let result = EdmRun.inProcess(["bounces", "import", "in", "--suppression", "list.txt", "--json"], in: folder.path)
        #expect(result.code == 65)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first == #"{"file":"in/a.eml","class":"hard-bounce","reason":"unknown-user","format":"text","mta":"qmail","message_id":"<3f2a9c0d81e4b7a65c1d2e3f.spring-2026@news.example.com>","campaign":"spring-2026","duplicate":false,"recipients":[{"address":"olivia@example.net","class":"hard-bounce","reason":"unknown-user","status":"5.1.1","code":null,"diagnostic":"Sorry, no mailbox here by that name. (#5.1.1)"}],"actions":["suppressed olivia@example.net"]}"#)
        #expect(lines.last == #"{"file":"in/b.txt","problem":"not a mail message (no header section); skipped"}"#)
        #expect(result.stderr == "edm: warning: in/b.txt: not a mail message (no header section); skipped\n")
    }
}
