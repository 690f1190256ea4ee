// DKIM through the binary: keygen, check against the record, and previews that dkimpy verifies.
import EdmTestSupport
import Foundation
import Testing

@Suite struct DKIMEndToEndTests {
    /// The TXT value keygen prints (zone-file quoted chunks) as one string.
    static func record(fromKeygenOutput output: String) -> String? {
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix("\"v=DKIM1") }) else { return nil }
        return line.split(separator: "\"").filter { $0 != " " }.joined()
    }

    /// The RSA key r1 and the Ed25519 key e1 for example.com, as keygen writes them into the folder.
    static let bothKeys = """
        [dkim]
        domain = "example.com"
        [[dkim.key]]
        selector = "r1"
        key_file = "r1.example.com.pem"
        [[dkim.key]]
        selector = "e1"
        key_file = "e1.example.com.pem"
        algorithm = "ed25519-sha256"
        """

    static func campaign(in folder: TemporaryDirectory, dkim: String) {
        folder.write("campaign.toml", """
            [campaign]
            id = "dkim-e2e"
            name = "DKIM"
            [sender]
            name = "示例商城"
            email = "news@example.com"
            postal_address = "1 Main St"
            [recipients]
            file = "r.csv"
            name_column = "name"
            [message]
            subject = "春季大促 {{name}}"
            html = "m.html"
            text = "m.txt"
            [unsubscribe]
            url = "https://example.com/u?t={token}&e={email}"
            secret_env = "EDM_UNSUB_SECRET"
            mailto = "u@example.com"
            \(dkim)
            """)
        folder.write("r.csv", "email,name\nann@example.org,王芳\nbob@example.net,Bob\n")
        folder.write("m.html", "<p>{{name}}，您好</p>\n<p>.leading dot line</p>\n")
        folder.write("m.txt", "{{name}}，您好\n.\n..leading dots\n\n\n")
    }

    @Test("keygen (RSA and Ed25519), check --txt, and both signatures on every previewed message verify with dkimpy")
    func signAndVerify() throws {
        let folder = TemporaryDirectory()
        let rsa = try EdmRun.binary(["dkim", "keygen", "--domain", "example.com", "--selector", "r1"], in: folder.path)
        #expect(rsa.code == 0, "\(rsa.stderr)")
        let ed = try EdmRun.binary(
            ["dkim", "keygen", "--domain", "example.com", "--selector", "e1", "--type", "ed25519"], in: folder.path)
        #expect(ed.code == 0, "\(ed.stderr)")
        let rsaRecord = try #require(Self.record(fromKeygenOutput: rsa.stdout))
        let edRecord = try #require(Self.record(fromKeygenOutput: ed.stdout))
        var mode = stat()
        stat(folder.file("r1.example.com.pem"), &mode)
        #expect(mode.st_mode & 0o777 == 0o600)

        Self.campaign(in: folder, dkim: Self.bothKeys)
        let environment = ["EDM_UNSUB_SECRET": "unsub-secret", "PATH": "/usr/bin:/bin"]
        let check = try EdmRun.binary(["dkim", "check", "campaign.toml", "--txt", rsaRecord], in: folder.path, environment: environment)
        // One --txt applies to every selector: the RSA one matches, the Ed25519 one must not.
        #expect(check.code == 78)
        #expect(check.stdout.contains("r1._domainkey.example.com: ok (rsa-sha256)"))
        #expect(check.stderr.contains("e1._domainkey.example.com"))

        let preview = try EdmRun.binary(["preview", "campaign.toml", "--out", "p"], in: folder.path, environment: environment)
        #expect(preview.code == 0, "\(preview.stderr)")
        folder.write("records.txt", "r1._domainkey.example.com \(rsaRecord)\ne1._domainkey.example.com \(edRecord)\n")
        let script = EdmRun.packageRoot + "/Tests/MailTests/DKIM/Fixtures/dkimpy_verify.py"
        let messages = ["p/0001-line-2.eml", "p/0002-line-3.eml"].map(folder.file)
        let verdicts = try Python.run([script, folder.file("records.txt")] + messages)
        #expect(verdicts.code == 0, "dkimpy missing? run scripts/install-test-deps: \(verdicts.stderr)")
        #expect(verdicts.stdout == "2 pass\n2 pass\n")

        // Any change to the body must break both signatures.
        var tampered = try #require(FileManager.default.contents(atPath: messages[0]))
        tampered.append(contentsOf: Array("tampered\r\n".utf8))
        folder.write("tampered.eml", bytes: [UInt8](tampered))
        let broken = try Python.run([script, folder.file("records.txt"), folder.file("tampered.eml")])
        #expect(broken.stdout.hasPrefix("2 fail"))
    }

    @Test("edm send signs on its connections' threads: every accepted message, retried ones too, carries one verified signature per key")
    func sendSignsEveryMessageOnce() throws {
        let folder = TemporaryDirectory()
        var records = ""
        for (selector, type) in [("r1", "rsa"), ("e1", "ed25519")] {
            let keygen = try EdmRun.binary(
                ["dkim", "keygen", "--domain", "example.com", "--selector", selector, "--type", type], in: folder.path)
            #expect(keygen.code == 0, "\(keygen.stderr)")
            let record = try #require(Self.record(fromKeygenOutput: keygen.stdout))
            records += "\(selector)._domainkey.example.com \(record)\n"
        }
        folder.write("records.txt", records)
        let sink = try PeerProcess(
            python: "fault-sink.py", ["--outdir", folder.file("sink"), "--save", "--pipelining"])
        defer { sink.stop() }
        // rate*: refused after DATA once (450 4.7.0), accepted on the retry, which must be signed afresh, not
        // signed on top of the first signatures.
        let recipients = (0..<40).map { "ok\($0)@example.com" } + (0..<4).map { "rate\($0)@example.org" }
        FaultTests.campaign(in: folder, ports: [sink.port], recipients: recipients, extra: Self.bothKeys)
        let result = try EdmRun.binary(["send", "campaign.toml"], in: folder.path)
        #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
        let messages = recipients.map { folder.file("sink/messages/\($0).eml") }
        for path in messages { #expect(FileManager.default.fileExists(atPath: path), "not accepted: \(path)") }
        let script = EdmRun.packageRoot + "/Tests/MailTests/DKIM/Fixtures/dkimpy_verify.py"
        let verdicts = try Python.run([script, folder.file("records.txt")] + messages)
        #expect(verdicts.code == 0, "dkimpy missing? run scripts/install-test-deps: \(verdicts.stderr)")
        #expect(verdicts.stdout == String(repeating: "2 pass\n", count: recipients.count), "\(verdicts.stdout)")
    }

    @Test("dkim check reports a record that does not match, exit 78; keygen refuses to overwrite, exit 73")
    func mismatch() throws {
        let folder = TemporaryDirectory()
        #expect(try EdmRun.binary(["dkim", "keygen", "--domain", "example.com", "--selector", "a"], in: folder.path).code == 0)
        let other = try EdmRun.binary(["dkim", "keygen", "--domain", "example.com", "--selector", "b"], in: folder.path)
        let otherRecord = try #require(Self.record(fromKeygenOutput: other.stdout))
        Self.campaign(in: folder, dkim: "[dkim]\ndomain = \"example.com\"\nselector = \"a\"\nkey_file = \"a.example.com.pem\"\n")
        let result = try EdmRun.binary(
            ["dkim", "check", "campaign.toml", "--txt", otherRecord], in: folder.path, environment: ["EDM_UNSUB_SECRET": "x"])
        #expect(result.code == 78)
        #expect(result.stderr.contains("a._domainkey.example.com: "))
        let again = try EdmRun.binary(["dkim", "keygen", "--domain", "example.com", "--selector", "a"], in: folder.path)
        #expect(again.code == 73)
    }
}

/// Runs python3 with arguments.
enum Python {
    static func run(_ arguments: [String]) throws -> EdmResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return EdmResult(code: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
    }
}
