// version, init, check and toml-decode through the in-process CLI: outputs and exit codes.
import EdmTestSupport
import Foundation
import Testing

@Suite struct CommandTests {
    @Test("version prints edm's version and the OpenSSL versions")
    func version() {
        let result = EdmRun.inProcess(["version"])
        #expect(result.code == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first == "edm 0.1.0")
        #expect(lines.last?.hasPrefix("OpenSSL 3.") == true)
        #expect(lines.last?.contains("(built with OpenSSL 3.") == true)
    }

    @Test("init writes a campaign that passes check")
    func initThenCheck() {
        let folder = TemporaryDirectory()
        let result = EdmRun.inProcess(["init", "news"], in: folder.path)
        #expect(result.code == 0)
        #expect(result.stdout == """
            created news/campaign.toml
            created news/message.html
            created news/message.txt
            created news/recipients.csv
            next: edit campaign.toml and recipients.csv, then run: edm check news/campaign.toml

            """)
        let check = EdmRun.inProcess(["check", "news/campaign.toml"], in: folder.path)
        #expect(check.code == 0, "\(check.stderr)")
        #expect(check.stdout == "news/campaign.toml: ok: campaign 'newsletter', outbox transport, 3 of 3 recipients would be mailed\n")
    }

    @Test("init never overwrites: with one file present it writes nothing and exits 73")
    func initRefusesOverwrite() {
        let folder = TemporaryDirectory()
        folder.write("news/message.txt", "mine\n")
        let result = EdmRun.inProcess(["init", "news"], in: folder.path)
        #expect(result.code == 73)
        #expect(result.stderr == "edm: error: file 'news/message.txt' already exists; edm never overwrites it\n")
        #expect(folder.read("news/message.txt") == "mine\n")
        #expect(!FileManager.default.fileExists(atPath: folder.file("news/campaign.toml")))
    }

    @Test("init --list names the starters")
    func initList() {
        #expect(EdmRun.inProcess(["init", "--list"]).stdout == "announcement\nevent-zh\nnewsletter\n")
    }

    @Test("check on a missing file exits 66 naming it")
    func checkMissingFile() {
        let folder = TemporaryDirectory()
        let result = EdmRun.inProcess(["check", "nope.toml"], in: folder.path)
        #expect(result.code == 66)
        #expect(result.stderr == "edm: error: campaign file 'nope.toml' does not exist\n")
    }

    @Test("check on a directory exits 66")
    func checkDirectory() {
        let folder = TemporaryDirectory()
        folder.write("dir/x", "")
        let result = EdmRun.inProcess(["check", "dir"], in: folder.path)
        #expect(result.code == 66)
        #expect(result.stderr == "edm: error: campaign file 'dir' is a directory, not a file\n")
    }

    @Test("check reports every problem with the source line and a caret, then exits 78")
    func checkReportsAll() {
        let folder = TemporaryDirectory()
        folder.write("r.csv", "email\n")
        folder.write("campaign.toml", """
            [campaign]
            id = "x"
            name = "X"
            colour = "red"

            [sender]
            email = "not an address"
            postal_address = "1 Main St"

            [recipients]
            file = "r.csv"

            [message]
            subject = "Hi"
            text = "missing.txt"

            [unsubscribe]
            mailto = "u@example.com"

            """)
        let result = EdmRun.inProcess(["check", "campaign.toml"], in: folder.path)
        #expect(result.code == 78)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == """
            campaign.toml:4:1: error: unknown key 'colour' in [campaign]; see docs/campaign.md for the keys it takes
             4 | colour = "red"
               | ^
            campaign.toml:7:9: error: 'sender.email' is not an email address: "not an address"
             7 | email = "not an address"
               |         ^
            campaign.toml:15:8: error: 'message.text': file 'missing.txt' does not exist (looked for \(folder.file("missing.txt")))
             15 | text = "missing.txt"
                |        ^
            campaign.toml: 3 errors found; nothing was sent.

            """)
    }

    @Test("a TOML syntax error is reported with position and caret, exit 78")
    func checkSyntaxError() {
        let folder = TemporaryDirectory()
        folder.write("c.toml", "[campaign]\nid = \"x\nname = \"X\"\n")
        let result = EdmRun.inProcess(["check", "c.toml"], in: folder.path)
        #expect(result.code == 78)
        #expect(result.stderr.hasPrefix("c.toml:2:6: error: "))
        #expect(result.stderr.contains(" 2 | id = \"x\n"))
    }

    @Test("the example campaign passes check")
    func exampleCampaign() {
        let result = EdmRun.inProcess(["check", "examples/spring-sale/campaign.toml"], in: EdmRun.packageRoot)
        #expect(result.code == 0, "\(result.stderr)")
        // Exactly the problems planted in the example: one of each kind of skipped row, named with its line.
        #expect(result.stdout == """
            examples/spring-sale/campaign.toml: ok: campaign 'spring-sale-2026', outbox transport, 26 of 30 recipients would be mailed
              invalid     1
                  examples/spring-sale/recipients.csv:7: chen.jing@@example.org: invalid address (invalid-character: '@' is not allowed in the domain)
              duplicate   1
                  examples/spring-sale/recipients.csv:26: Li.Na@Example.com: duplicate of line 4
              no-consent  1
                  examples/spring-sale/recipients.csv:13: zhao.lei@example.org: no consent recorded
              suppressed  1
                  examples/spring-sale/recipients.csv:16: michael.brown@example.org: suppressed by examples/spring-sale/suppression.txt:12

            """)
    }

    @Test("--quiet hides warnings and the ok line but never errors")
    func quiet() {
        let result = EdmRun.inProcess(["--quiet", "check", "examples/spring-sale/campaign.toml"], in: EdmRun.packageRoot)
        #expect(result.code == 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.isEmpty)
    }

    @Test("toml-decode prints tagged JSON for valid TOML and exits 0")
    func tomlDecodeValid() {
        let result = EdmRun.inProcess(["toml-decode"], stdin: Array("a = 1\n[t]\nb = \"x\"\n".utf8))
        #expect(result.code == 0)
        #expect(result.stdout.contains("\"type\":\"integer\"") || result.stdout.contains("\"type\": \"integer\""))
    }

    @Test("toml-decode rejects invalid TOML with exit 1 and a positioned message")
    func tomlDecodeInvalid() {
        let result = EdmRun.inProcess(["toml-decode"], stdin: Array("a = 1\na = 2\n".utf8))
        #expect(result.code == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("<stdin>:2:1: error: "))
    }

    @Test("NO_COLOR and non-terminals never get escape codes")
    func noColor() {
        let result = EdmRun.inProcess(["check", "missing.toml"], environment: ["NO_COLOR": "1"])
        #expect(!result.stderr.contains("\u{1B}["))
    }
}
