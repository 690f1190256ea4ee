// edm send against misbehaving relays: every recipient ends in the right state, retries back off, nobody twice,
// and a relay that dies mid-run is replaced by the other.
import EdmTestSupport
import Foundation
import Testing

@Suite(.serialized) struct FaultTests {
    static func campaign(in folder: TemporaryDirectory, ports: [Int], recipients: [String], extra: String = "") {
        let relays = ports.map {
            "[[smtp.relay]]\nhost = \"127.0.0.1\"\nport = \($0)\ntls = \"insecure-plaintext\"\nmax_connections = 2\n"
        }.joined(separator: "\n")
        TestCampaign.write(in: folder, id: "faults", recipients: recipients, extra: """
            [retry]
            max_attempts = 3
            initial_backoff = "200ms"
            max_backoff = "1s"
            [throttle]
            max_connections = 4
            \(extra)
            \(relays)
            """)
    }

    static func lines(_ folder: TemporaryDirectory, _ name: String) -> [String] {
        (folder.read(name) ?? "").split(separator: "\n").map(String.init)
    }

    @Test("4xx are retried with backoff until accepted, 5xx fail, a full mailbox stays deferred (exit 75), nobody twice",
          arguments: [true, false])
    func faults(pipelining: Bool) throws {
        let folder = TemporaryDirectory()
        let sink = try PeerProcess(
            python: "fault-sink.py", ["--outdir", folder.file("sink")] + (pipelining ? ["--pipelining"] : []))
        defer { sink.stop() }
        var recipients: [String] = []
        for n in 0..<10 { recipients += ["ok\(n)@example.com", "temp\(n)@example.net", "rate\(n)@example.org"] }
        recipients += ["perm1@example.com", "block1@example.com", "full1@example.com"]
        Self.campaign(in: folder, ports: [sink.port], recipients: recipients)
        let result = try EdmRun.binary(["send", "campaign.toml"], in: folder.path)
        #expect(result.code == 75, "deferred remain: \(result.stdout) \(result.stderr)")
        let states = SendTests.states(folder, campaign: "faults")
        for n in 0..<10 {
            #expect(states["ok\(n)@example.com"] == "accepted")
            #expect(states["temp\(n)@example.net"] == "accepted")
            #expect(states["rate\(n)@example.org"] == "accepted")
        }
        #expect(states["perm1@example.com"] == "failed")
        #expect(states["block1@example.com"] == "failed")
        #expect(states["full1@example.com"] == "deferred")
        // Each accepted recipient exactly once at the sink.
        let accepted = Self.lines(folder, "sink/accepted.log").map { $0.split(separator: " ")[0] }
        #expect(accepted.count == 30)
        #expect(Set(accepted).count == 30)
        // Backoff: the three attempts of a temp recipient are at least initial_backoff apart (jitter ≥ 0).
        let times = Self.lines(folder, "sink/attempts.log").filter { $0.hasPrefix("temp0@") }
            .compactMap { Double($0.split(separator: " ")[1]) }
        #expect(times.count == 3)
        if times.count == 3 {
            #expect(times[1] - times[0] >= 0.1 && times[2] - times[1] >= 0.1, "\(times)")
        }
        let status = try EdmRun.binary(["status", "campaign.toml", "--json"], in: folder.path)
        #expect(status.code == 0)
        #expect(status.stdout.contains("\"accepted\":30"))
        #expect(status.stdout.contains("550 5.1.1"))
    }

    @Test("two relays, one dies mid-run: the run completes through the other, nobody twice", arguments: [true, false])
    func failover(pipelining: Bool) throws {
        let folder = TemporaryDirectory()
        let flag = pipelining ? ["--pipelining"] : []
        let dying = try PeerProcess(
            python: "fault-sink.py", ["--outdir", folder.file("dying"), "--fail-after", "20"] + flag)
        let healthy = try PeerProcess(python: "fault-sink.py", ["--outdir", folder.file("healthy")] + flag)
        defer { dying.stop(); healthy.stop() }
        let recipients = (0..<200).map { "user\($0)@example.com" }
        Self.campaign(in: folder, ports: [dying.port, healthy.port], recipients: recipients)
        let result = try EdmRun.binary(["send", "campaign.toml"], in: folder.path)
        let states = SendTests.states(folder, campaign: "faults")
        let accepted = Self.lines(folder, "dying/accepted.log") + Self.lines(folder, "healthy/accepted.log")
        let addresses = accepted.map { String($0.split(separator: " ")[0]) }
        let uncertain = Set(states.filter { $0.value == "uncertain" || $0.value == "attempting" }.keys)
        let duplicated = Dictionary(grouping: addresses, by: { $0 }).filter { $0.value.count > 1 && !uncertain.contains($0.key) }
        #expect(duplicated.isEmpty)
        #expect(!Self.lines(folder, "healthy/accepted.log").isEmpty)
        // Everyone is accepted, or deferred/uncertain because the dying relay went away mid-transaction.
        let done = states.values.filter { $0 == "accepted" }.count
        #expect(done + uncertain.count + states.values.filter { $0 == "deferred" }.count == 200, "\(result.stdout)")
        #expect(done >= 190, "\(result.stdout) \(result.stderr)")
    }
}

@Suite(.serialized) struct RunControlTests {
    @Test("an unknown user (550 5.1.1) goes to the suppression list with reason and campaign")
    func autoSuppressHardBounce() throws {
        let folder = TemporaryDirectory()
        let sink = try PeerProcess(python: "fault-sink.py", ["--outdir", folder.file("sink")])
        defer { sink.stop() }
        folder.write("suppression.txt", "# list\n")
        FaultTests.campaign(
            in: folder, ports: [sink.port], recipients: ["ok1@example.com", "perm1@example.com"],
            extra: "[suppression]\nfiles = [\"suppression.txt\"]\n")
        let result = try EdmRun.binary(["send", "campaign.toml"], in: folder.path)
        #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("1 unknown users added to the suppression list"))
        let list = folder.read("suppression.txt") ?? ""
        #expect(list.contains("perm1@example.com,hard bounce 550 5.1.1 campaign faults,"))
        #expect(!list.contains("ok1@example.com"))
        let check = try EdmRun.binary(["suppress", "check", "perm1@example.com", "--file", "suppression.txt"], in: folder.path)
        #expect(check.code == 0)
    }

    @Test("outside campaign.send_window nothing is sent and the run exits 75")
    func outsideSendWindow() throws {
        let folder = try SendTests.example()
        // A one-minute window twelve hours from now, in UTC.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let hour = (calendar.component(.hour, from: Date()) + 12) % 24
        let window = String(format: "%02d:00-%02d:01 UTC", hour, hour)
        let text = (folder.read("campaign.toml") ?? "").replacingOccurrences(
            of: "id = \"spring-sale-2026\"", with: "id = \"spring-sale-2026\"\nsend_window = \"\(window)\"")
        folder.write("campaign.toml", text)
        let result = try EdmRun.binary(["send", "campaign.toml"], in: folder.path)
        #expect(result.code == 75, "\(result.stderr)")
        #expect(result.stdout.contains("outside the send window"))
        #expect(SendTests.outboxFiles(folder).isEmpty)
    }

    @Test("before campaign.not_before nothing is sent and the run exits 75")
    func notBefore() throws {
        let folder = try SendTests.example()
        let text = (folder.read("campaign.toml") ?? "").replacingOccurrences(
            of: "id = \"spring-sale-2026\"", with: "id = \"spring-sale-2026\"\nnot_before = 2999-01-01T00:00:00Z")
        folder.write("campaign.toml", text)
        let result = try EdmRun.binary(["send", "campaign.toml"], in: folder.path)
        #expect(result.code == 75, "\(result.stderr)")
        #expect(SendTests.outboxFiles(folder).isEmpty)
    }
}
