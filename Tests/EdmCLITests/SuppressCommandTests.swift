// edm suppress: add, remove, list, check, import, export and hashing through the in-process CLI.
import EdmTestSupport
import Foundation
import Testing

@Suite struct SuppressCommandTests {
    /// The file's lines with ISO timestamps replaced by DATE.
    static func lines(_ folder: TemporaryDirectory, _ name: String) -> [String] {
        (folder.read(name) ?? "").replacing(#/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/#,
            with: "DATE").split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
    }

    @Test("add creates the list with reasons and dates, normalises, and never duplicates")
    func add() {
        let folder = TemporaryDirectory()
        let first = EdmRun.inProcess(["suppress", "add", "Ann@Example.com", "@spam.example.net", "--file", "s.txt",
                                      "--reason", "asked, by phone"], in: folder.path)
        #expect(first.code == 0, "\(first.stderr)")
        #expect(first.stdout == "s.txt: added 2, already listed 0\n")
        let again = EdmRun.inProcess(["suppress", "add", "ann@example.com", "bob@example.com", "--file", "s.txt"],
            in: folder.path)
        #expect(again.code == 0)
        #expect(again.stdout == "ann@example.com: already listed at s.txt:2\ns.txt: added 1, already listed 1\n")
        #expect(Self.lines(folder, "s.txt") == [
            "# edm suppression list (docs/suppression.md): address,reason,date",
            "ann@example.com,\"asked, by phone\",DATE",
            "@spam.example.net,\"asked, by phone\",DATE",
            "bob@example.com,manual,DATE",
            "",
        ])
    }

    @Test("list, export and check read what add wrote; check exits 0 when suppressed and 1 when not")
    func listExportCheck() {
        let folder = TemporaryDirectory()
        folder.write("s.txt", "# list\nann@example.com,unsubscribed,2026-03-20\n*.corp.example # all of corp\n")
        let list = EdmRun.inProcess(["suppress", "list", "--file", "s.txt"], in: folder.path)
        #expect(list.code == 0)
        #expect(list.stdout == "s.txt:2: ann@example.com (unsubscribed, 2026-03-20)\ns.txt:3: *.corp.example\n")
        let export = EdmRun.inProcess(["suppress", "export", "--file", "s.txt"], in: folder.path)
        #expect(export.stdout == "address,reason,date\nann@example.com,unsubscribed,2026-03-20\n*.corp.example,,\n")
        let hit = EdmRun.inProcess(["suppress", "check", "x@a.corp.example", "--file", "s.txt"], in: folder.path)
        #expect(hit.code == 0)
        #expect(hit.stdout == "x@a.corp.example is suppressed by s.txt:3: *.corp.example\n")
        let byAddress = EdmRun.inProcess(["suppress", "check", "ANN@example.com", "--file", "s.txt"], in: folder.path)
        #expect(byAddress.stdout == "ann@example.com is suppressed by s.txt:2: ann@example.com (unsubscribed, 2026-03-20)\n")
        let miss = EdmRun.inProcess(["suppress", "check", "bob@example.com", "--file", "s.txt"], in: folder.path)
        #expect(miss.code == 1)
        #expect(miss.stdout == "bob@example.com is not suppressed (2 entries in 1 list)\n")
    }

    @Test("remove deletes the entry's line and keeps comments; a missing entry only warns")
    func remove() {
        let folder = TemporaryDirectory()
        folder.write("s.txt", "# keep\nann@example.com\nbob@example.com\n")
        let result = EdmRun.inProcess(["suppress", "remove", "ANN@example.com", "zed@example.com", "--file", "s.txt"],
                                      in: folder.path, environment: ["NO_COLOR": "1"])
        #expect(result.code == 0)
        #expect(result.stdout == "s.txt: removed 1 (line 2)\n")
        #expect(result.stderr == "edm: warning: zed@example.com is not listed in s.txt\n")
        #expect(folder.read("s.txt") == "# keep\nbob@example.com\n")
    }

    @Test("import counts added, already listed and skipped rows; invalid rows stop it unless --skip-invalid")
    func importFile() {
        let folder = TemporaryDirectory()
        folder.write("s.txt", "ann@example.com\n")
        folder.write("export.csv",
            "Name,Email,Reason\nAnn,ann@example.com,bounce\nBob,bob@example.com,complaint\nX,not-an-address,\n")
        let refused = EdmRun.inProcess(["suppress", "import", "export.csv", "--file", "s.txt"], in: folder.path)
        #expect(refused.code == 65)
        #expect(refused.stderr.hasPrefix("export.csv:4:1: error: 'not-an-address' is not an address"),
            "\(refused.stderr)")
        #expect(folder.read("s.txt") == "ann@example.com\n", "nothing is written")
        let result = EdmRun.inProcess(["suppress", "import", "export.csv", "--file", "s.txt", "--skip-invalid"],
            in: folder.path)
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stdout == "s.txt: imported export.csv: 1 added, 1 already listed, 1 invalid skipped\n")
        #expect(Self.lines(folder, "s.txt") == ["ann@example.com", "bob@example.com,complaint,DATE", ""])
    }

    @Test("--hash stores keyed hashes; check and remove find them with the key; a campaign matches them")
    func hashed() {
        let folder = TemporaryDirectory()
        let environment = ["EDM_SUPPRESS_KEY": "k"]
        let add = EdmRun.inProcess(["suppress", "add", "Zed@example.com", "--file", "s.txt", "--hash",
                                    "--hmac-key-env", "EDM_SUPPRESS_KEY"], in: folder.path, environment: environment)
        #expect(add.code == 0, "\(add.stderr)")
        let hex = EdmTestSupportHMAC.hex(key: "k", message: "zed@example.com")
        #expect(Self.lines(folder, "s.txt")[1] == "hmac-sha256:\(hex),manual,DATE")
        #expect(!(folder.read("s.txt") ?? "").contains("zed"), "no plain address is kept")
        let check = EdmRun.inProcess(["suppress", "check", "zed@example.com", "--file", "s.txt", "--hmac-key-env",
                                      "EDM_SUPPRESS_KEY"], in: folder.path, environment: environment)
        #expect(check.code == 0)
        #expect(check.stdout == "zed@example.com is suppressed by s.txt:2: hmac-sha256:\(hex) (manual, "
            + (Self.lines(folder, "s.txt")[1].split(separator: ",").last.map(String.init) ?? "") + ")\n"
            || check.stdout.hasPrefix("zed@example.com is suppressed by s.txt:2: hmac-sha256:\(hex) (manual, "))
        let noKey = EdmRun.inProcess(["suppress", "check", "zed@example.com", "--file", "s.txt"], in: folder.path)
        #expect(noKey.code == 65)
        #expect(noKey.stderr.contains("s.txt:2:1: error: hashed entries need a key"))
        let remove = EdmRun.inProcess(["suppress", "remove", "zed@example.com", "--file", "s.txt", "--hmac-key-env",
                                       "EDM_SUPPRESS_KEY"], in: folder.path, environment: environment)
        #expect(remove.stdout == "s.txt: removed 1 (line 2)\n")
    }

    @Test("--campaign edits the first suppression file and check reads every list of the campaign")
    func campaign() {
        let folder = TemporaryDirectory()
        folder.write("campaign.toml", """
            [campaign]
            id = "c"
            name = "C"
            [sender]
            email = "news@example.com"
            postal_address = "1 Main St"
            [recipients]
            file = "r.csv"
            [message]
            subject = "Hi"
            text = "m.txt"
            [unsubscribe]
            mailto = "u@example.com"
            [suppression]
            global_file = "global.txt"
            files = ["local.txt"]

            """)
        folder.write("r.csv", "email\na@example.com\n")
        folder.write("m.txt", "hi\n")
        folder.write("global.txt", "g@example.com\n")
        folder.write("local.txt", "")
        let add = EdmRun.inProcess(["suppress", "add", "new@example.com", "--campaign", "campaign.toml"],
            in: folder.path)
        #expect(add.stdout == "local.txt: added 1, already listed 0\n", "\(add.stderr)")
        let global = EdmRun.inProcess(["suppress", "check", "g@example.com", "--campaign", "campaign.toml"],
            in: folder.path)
        #expect(global.stdout == "g@example.com is suppressed by global.txt:1: g@example.com\n")
        let dry = EdmRun.inProcess(["send", "campaign.toml", "--dry-run"], in: folder.path)
        #expect(dry.stdout.hasPrefix("dry run: 1 rows, 1 messages would be sent"), "\(dry.stdout)")
        _ = EdmRun.inProcess(["suppress", "add", "a@example.com", "--campaign", "campaign.toml"], in: folder.path)
        let after = EdmRun.inProcess(["send", "campaign.toml", "--dry-run"], in: folder.path)
        #expect(after.stdout.contains("  suppressed  1\n      r.csv:2: a@example.com: suppressed by local.txt:2\n"))
    }

    @Test("usage errors exit 64; a missing list 66; a malformed list 65 and is not rewritten", arguments: [
        (["suppress", "add", "a@example.com"], 64, "edm: error: give either --file or --campaign"),
        (["suppress", "add", "--file", "s.txt"], 64, "edm: error: add needs at least one address"),
        (["suppress", "ad", "x", "--file", "s.txt"], 64,
            "edm: error: unknown suppress action 'ad' (did you mean 'add'?)"),
        (["suppress", "add", "not an address", "--file", "s.txt"], 64,
            "edm: error: 'not an address' is not an address"),
        (["suppress", "add", "a@example.com", "--file", "s.txt", "--hash"], 64, "edm: error: --hash needs a key"),
        (["suppress", "check", "a@example.com", "b@example.com", "--file", "s.txt"], 64,
            "edm: error: check takes exactly one"),
        (["suppress", "list", "--file", "none.txt"], 66, "edm: error: suppression list 'none.txt' does not exist"),
        (["suppress", "add", "a@example.com", "--file", "bad.txt"], 65, "bad.txt:2:1: error: "),
        (["suppress", "add", "a@example.com", "--file", "s.txt", "--hmac-key-env", "NOPE"], 78,
         "--hmac-key-env: error: environment variable NOPE is not set"),
    ])
    func errors(arguments: [String], code: Int32, message: String) {
        let folder = TemporaryDirectory()
        folder.write("bad.txt", "ok@example.com\nnope\n")
        let result = EdmRun.inProcess(arguments, in: folder.path, environment: ["NO_COLOR": "1"])
        #expect(result.code == code, "\(result.stderr)")
        #expect(result.stderr.hasPrefix(message), "\(result.stderr)")
        #expect(folder.read("bad.txt") == "ok@example.com\nnope\n")
        #expect(folder.read("s.txt") == nil, "nothing is written")
    }
}
