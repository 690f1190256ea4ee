// Everything a run writes besides mail (summary, progress, JSON log, log file, metrics, notify input, SMTP
// trace) against aiosmtpd with STARTTLS and AUTH: well-formed, masked, and free of the password.
import EdmTestSupport
import Foundation
import Testing

@Suite(.serialized) struct RunOutputTests {
    static let user = "tester@edm.test"

    static func campaign(_ folder: TemporaryDirectory, port: Int, certificates: TestCertificates, recipients: [String]) {
        TestCampaign.write(in: folder, id: "observed", recipients: recipients, extra: """
            [retry]
            max_attempts = 1
            [privacy]
            mask_addresses = true
            [notify]
            command = "cat > notify.json"
            \(TestCampaign.tlsRelay(port: port, certificates: certificates, passwordEnv: "EDM_RUN_PASSWORD"))
            """)
    }

    /// The password and every form AUTH puts it on the wire in (RFC 4616 PLAIN, and LOGIN's base64 lines).
    static func secretForms(_ password: String) -> [String] {
        [
            password,
            Data(password.utf8).base64EncodedString(),
            Data("\u{0}\(user)\u{0}\(password)".utf8).base64EncodedString(),
            Data("\(user)\u{0}\(user)\u{0}\(password)".utf8).base64EncodedString(),
        ]
    }

    @Test("a run with SMTP AUTH: JSON log lines, 0600 log file, metrics, notify JSON, trace; no password anywhere, addresses masked")
    func noSecretsInAnyOutput() throws {
        let certificates = try TestCertificates.get()
        let folder = TemporaryDirectory()
        let password = "pw-\(UInt32.random(in: 100_000...999_999))-secret"
        let server = try PeerProcess(python: "aiosmtpd-server.py", [
            "--cert", certificates.pem("good"), "--key", certificates.key("good"), "--outdir", folder.file("received"),
            "--user", Self.user, "--password", password,
        ])
        defer { server.stop() }
        let recipients = (0..<12).map { "reader\($0)@example.org" } + ["writer@example.net"]
        Self.campaign(folder, port: server.port, certificates: certificates, recipients: recipients)
        let environment = ["EDM_RUN_PASSWORD": password, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        let result = try EdmRun.binary(
            ["send", "campaign.toml", "--log-format", "json", "--log-file", "send.log", "--metrics-file", "edm.prom",
             "--trace-smtp", "trace.log", "--progress-interval", "1ms", "-v"],
            in: folder.path, environment: environment)
        #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
        // The counts line first, then the per-domain table.
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("observed: 13 sent in ") == true, "\(result.stdout)")
        #expect(lines.contains { $0.hasPrefix("  example.org ") && $0.contains(" 12 ") })

        // The log file: 0600, one valid JSON object per line, an accepted event per recipient, all masked.
        let logPath = folder.file("send.log")
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: logPath)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        let log = folder.read("send.log") ?? ""
        var accepted = 0
        for line in log.split(separator: "\n") {
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not JSON: \(line)")
            #expect(object["time"] is String && object["level"] is String && object["event"] is String)
            if object["event"] as? String == "accepted" {
                accepted += 1
                #expect((object["recipient"] as? String)?.hasSuffix("***@example.org") == true
                    || object["recipient"] as? String == "w***@example.net")
                #expect(object["code"] as? Int == 250)
                #expect(object["relay"] as? String == "127.0.0.1:\(server.port)")
                #expect(object["duration_ms"] is Int && object["attempt"] as? Int == 1)
            }
        }
        #expect(accepted == 13)
        for address in recipients { #expect(!log.contains(address), "\(address) unmasked in the log") }

        // Metrics: parsed by prometheus_client.
        let samples = try PythonCheck.prometheusSamples(folder.read("edm.prom") ?? "")
        #expect(samples["edm_recipients_total{campaign=\"observed\",state=\"accepted\"}"] == 13)
        #expect(samples["edm_domain_recipients_total{campaign=\"observed\",domain=\"example.org\",state=\"accepted\"}"] == 12)
        #expect(samples["edm_replies_total{campaign=\"observed\",class=\"2xx\"}"] == 13)
        #expect((samples["edm_last_success_timestamp_seconds{campaign=\"observed\"}"] ?? 0) > 1_700_000_000)
        #expect(samples["edm_run_finished{campaign=\"observed\"}"] == 1)

        // The notify hook's input.
        let notify = try #require(
            try JSONSerialization.jsonObject(with: Data((folder.read("notify.json") ?? "").utf8)) as? [String: Any])
        #expect(notify["campaign"] as? String == "observed")
        #expect(notify["exit_code"] as? Int == 0)
        #expect((notify["counts"] as? [String: Int])?["accepted"] == 13)
        // What the journal did: every record after the header, intents among them, fsyncs shared.
        let journalLines = (folder.read(".edm/observed.journal") ?? "").split(separator: "\n").count
        let journal = try #require(notify["journal"] as? [String: Int], "\(notify)")
        #expect(journal["records"] == journalLines - 1)
        #expect(journal["intents"] == 13)
        #expect((1...journalLines).contains(journal["fsyncs"] ?? 0))
        #expect((0...13).contains(journal["intent_waits"] ?? -1))
        #expect(lines.contains { $0.hasPrefix("  journal: \(journalLines - 1) records in \(journal["fsyncs"] ?? 0) fsyncs") },
                "\(result.stdout)")

        // No secret in anything this run wrote, nor in the journal.
        let trace = folder.read("trace.log") ?? ""
        #expect(trace.contains("AUTH"), "the trace should show the AUTH command, redacted")
        let outputs = [
            "stdout": result.stdout, "stderr": result.stderr, "log": log, "metrics": folder.read("edm.prom") ?? "",
            "notify": folder.read("notify.json") ?? "", "trace": trace,
            "journal": folder.read(".edm/observed.journal") ?? "",
        ]
        for (name, text) in outputs {
            for secret in Self.secretForms(password) { #expect(!text.contains(secret), "the password leaked into \(name)") }
        }

        // A refused password: the error, the notify input and the logs still hold no secret.
        let wrong = "wrong-\(password)"
        folder.write("r.csv", "email\nlate@example.org\n")
        let refused = try EdmRun.binary(
            ["send", "campaign.toml", "--allow-changed-inputs", "--log-format", "json"],
            in: folder.path, environment: ["EDM_RUN_PASSWORD": wrong])
        #expect(refused.code != 0)
        for text in [refused.stdout, refused.stderr, folder.read("notify.json") ?? ""] {
            for secret in Self.secretForms(wrong) + Self.secretForms(password) { #expect(!text.contains(secret)) }
        }
    }
}
