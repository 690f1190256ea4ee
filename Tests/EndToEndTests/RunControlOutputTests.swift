// What a person or cron sees during edm send: the live line on a terminal (a real pty via script(1)), plain
// progress lines otherwise, --quiet; the confirmation above guards.confirm_above; campaign.max_recipients;
// and a notify command that fails or hangs.
import EdmTestSupport
import Foundation
import Testing

@Suite(.serialized) struct RunControlOutputTests {
    /// 20 recipients through fault-sink at 20 messages a second: a run long enough for progress to show.
    static func slowCampaign(_ folder: TemporaryDirectory, port: Int) {
        TestCampaign.write(in: folder, id: "watched", recipients: (0..<20).map { "ok\($0)@example.com" }, extra: """
            [throttle]
            rate = "20/s"
            [[smtp.relay]]
            host = "127.0.0.1"
            port = \(port)
            tls = "insecure-plaintext"
            """)
    }

    /// Runs the edm binary under script(1), so its stdin, stdout and stderr are a terminal.
    static func onTerminal(_ arguments: [String], in folder: TemporaryDirectory, environment: [String: String] = [:],
                           input: String = "") throws -> EdmResult {
        let command = ([EdmRun.binaryPath] + arguments).map { "'\($0)'" }.joined(separator: " ")
        var env = ["PATH": "/usr/bin:/bin", "TERM": "xterm"]
        env.merge(environment) { $1 }
        return try EdmRun.binary(["-qec", command, "/dev/null"], in: folder.path, environment: env, stdin: Array(input.utf8),
                                 executable: "/usr/bin/script")
    }

    @Test("on a terminal: a live status line redrawn in place with ESC[2K, cleared before the summary")
    func liveLine() throws {
        let folder = TemporaryDirectory()
        let sink = try PeerProcess(python: "fault-sink.py", ["--outdir", folder.file("sink")])
        defer { sink.stop() }
        Self.slowCampaign(folder, port: sink.port)
        let result = try Self.onTerminal(["send", "campaign.toml"], in: folder)
        #expect(result.code == 0, "\(result.stdout)")
        #expect(result.stdout.contains("\r\u{1B}[2K"), "\(result.stdout.debugDescription)")
        #expect(result.stdout.contains(" accepted, 0 deferred, 0 failed, 0 suppressed, "))
        #expect(result.stdout.contains("relays 1/1 up"))
        // The last thing before the summary clears the status line.
        let summaryStart = try #require(result.stdout.range(of: "watched: 20 sent"))
        #expect(result.stdout[..<summaryStart.lowerBound].hasSuffix("\r\u{1B}[2K"))
    }

    @Test("on a terminal with NO_COLOR: the line is redrawn with carriage returns and spaces, no escape codes")
    func liveLineNoColor() throws {
        let folder = TemporaryDirectory()
        let sink = try PeerProcess(python: "fault-sink.py", ["--outdir", folder.file("sink")])
        defer { sink.stop() }
        Self.slowCampaign(folder, port: sink.port)
        let result = try Self.onTerminal(["send", "campaign.toml"], in: folder, environment: ["NO_COLOR": "1"])
        #expect(result.code == 0, "\(result.stdout)")
        #expect(!result.stdout.contains("\u{1B}"))
        #expect(result.stdout.contains("\r") && result.stdout.contains(" accepted, "))
    }

    @Test("not a terminal: plain progress lines every --progress-interval; --quiet: none, only the summary")
    func periodicAndQuiet() throws {
        let folder = TemporaryDirectory()
        let sink = try PeerProcess(python: "fault-sink.py", ["--outdir", folder.file("sink")])
        defer { sink.stop() }
        Self.slowCampaign(folder, port: sink.port)
        let result = try EdmRun.binary(["send", "campaign.toml", "--progress-interval", "200ms"], in: folder.path)
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stderr.contains("progress: "), "\(result.stderr)")
        #expect(!result.stderr.contains("\u{1B}") && !result.stderr.contains("\r"))

        let quiet = TemporaryDirectory()
        Self.slowCampaign(quiet, port: sink.port)
        let silent = try EdmRun.binary(["send", "campaign.toml", "--progress-interval", "200ms", "--quiet"], in: quiet.path)
        #expect(silent.code == 0)
        #expect(silent.stderr.isEmpty, "\(silent.stderr)")
        #expect(silent.stdout.hasPrefix("watched: 20 sent"))
    }

    @Test("above guards.confirm_above: not a terminal needs --yes (64); a terminal asks y/N")
    func confirmAbove() throws {
        let folder = TemporaryDirectory()
        TestCampaign.write(in: folder, id: "big", recipients: ["a@example.com", "b@example.com", "c@example.com", "bad"],
                           extra: "[guards]\nconfirm_above = 2\n")
        let refused = try EdmRun.binary(["send", "campaign.toml"], in: folder.path)
        #expect(refused.code == 64)
        #expect(refused.stderr.contains("3 deliverable recipients (4 rows: 1 invalid), more than guards.confirm_above = 2"))
        #expect(refused.stderr.contains("pass --yes"))
        #expect(SendTests.outboxFiles(folder).isEmpty)

        let declined = try Self.onTerminal(["send", "campaign.toml"], in: folder, input: "n\n")
        #expect(declined.code == 64, "\(declined.stdout)")
        #expect(declined.stdout.contains("Send? [y/N]"))
        #expect(SendTests.outboxFiles(folder).isEmpty)

        let confirmed = try Self.onTerminal(["send", "campaign.toml"], in: folder, input: "y\n")
        #expect(confirmed.code == 0, "\(confirmed.stdout)")
        #expect(SendTests.outboxFiles(folder).count == 3)

        let other = TemporaryDirectory()
        TestCampaign.write(in: other, id: "big", recipients: ["a@example.com", "b@example.com", "c@example.com"],
                           extra: "[guards]\nconfirm_above = 2\n")
        let yes = try EdmRun.binary(["send", "campaign.toml", "--yes"], in: other.path)
        #expect(yes.code == 0, "\(yes.stderr)")
        #expect(SendTests.outboxFiles(other).count == 3)
    }

    @Test("more deliverable recipients than campaign.max_recipients: refused with 65, nothing sent; at the cap it sends")
    func maxRecipients() throws {
        let folder = TemporaryDirectory()
        TestCampaign.write(in: folder, id: "capped", recipients: ["a@example.com", "b@example.com", "c@example.com"],
                           campaignKeys: "max_recipients = 2")
        let refused = try EdmRun.binary(["send", "campaign.toml", "--yes"], in: folder.path)
        #expect(refused.code == 65)
        #expect(refused.stderr.contains("more than campaign.max_recipients = 2"))
        #expect(SendTests.outboxFiles(folder).isEmpty)
        TestCampaign.write(in: folder, id: "capped", recipients: ["a@example.com", "b@example.com"],
                           campaignKeys: "max_recipients = 2")
        let sent = try EdmRun.binary(["send", "campaign.toml"], in: folder.path)
        #expect(sent.code == 0, "\(sent.stderr)")
    }

    @Test("a notify command that fails or outlives notify.timeout is a warning; the exit code stays the run's")
    func notifyFailures() throws {
        for (command, warning) in [("echo broken >&2; exit 7", "notify.command exited 7: broken"),
                                   ("sleep 30", "notify.command did not finish within")] {
            let folder = TemporaryDirectory()
            TestCampaign.write(in: folder, id: "told", recipients: ["a@example.com"],
                               extra: "[notify]\ncommand = \"\(command)\"\ntimeout = \"300ms\"\n")
            let result = try EdmRun.binary(["send", "campaign.toml"], in: folder.path)
            #expect(result.code == 0, "\(result.stderr)")
            #expect(result.stderr.contains(warning), "\(result.stderr)")
        }
    }
}
