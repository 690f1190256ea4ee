// edm send through the real binary: outbox and SMTP delivery, resume, lock, torn journal, signals, crashes.
import EdmTestSupport
import Foundation
import Testing

@Suite(.serialized) struct SendTests {
    /// A copy of the example campaign in a fresh folder.
    static func example() throws -> TemporaryDirectory {
        let folder = TemporaryDirectory()
        for name in ["campaign.toml", "recipients.csv", "message.html", "message.txt", "suppression.txt"] {
            let data = try #require(FileManager.default.contents(atPath: EdmRun.packageRoot + "/examples/spring-sale/" + name))
            folder.write(name, bytes: [UInt8](data))
        }
        return folder
    }

    static func outboxFiles(_ folder: TemporaryDirectory) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.file("outbox/new"))) ?? []).sorted()
    }

    /// Last journal state per key.
    static func states(_ folder: TemporaryDirectory, campaign: String = "spring-sale-2026") -> [String: String] {
        var states: [String: String] = [:]
        for line in (folder.read(".edm/\(campaign).journal") ?? "").split(separator: "\n") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let key = object["key"] as? String, let state = object["state"] as? String else { continue }
            states[key] = state
        }
        return states
    }

    @Test("README's first command: the example goes to its outbox; running it again sends nothing")
    func exampleEndToEnd() throws {
        let folder = try Self.example()
        let first = try EdmRun.binary(["send", "campaign.toml"], in: folder.path)
        #expect(first.code == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("spring-sale-2026: 26 sent, 1 suppressed, 1 invalid, 1 duplicate, 1 no-consent in "))
        #expect(Self.outboxFiles(folder).count == 26)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("outbox/tmp")).isEmpty)
        let states = Self.states(folder)
        #expect(states.values.filter { $0 == "accepted" }.count == 26)
        #expect(states["michael.brown@example.org"] == "suppressed")
        #expect(states["zhao.lei@example.org"] == "no-consent")
        // The duplicate row has a key of its own; the recipient's own key ends accepted (first row wins).
        #expect(states["li.na@example.com"] == "accepted")
        #expect(states.filter { $0.key.hasPrefix("duplicate:") && $0.key.hasSuffix(":li.na@example.com") }.values
            .elementsEqual(["duplicate"]))

        let second = try EdmRun.binary(["send", "campaign.toml"], in: folder.path)
        #expect(second.code == 0)
        #expect(second.stdout.hasPrefix("spring-sale-2026: 0 sent, 26 already done in "))
        #expect(Self.outboxFiles(folder).count == 26)
    }

    @Test("--limit sends part; the next run sends the rest, nobody twice")
    func limitThenResume() throws {
        let folder = try Self.example()
        #expect(try EdmRun.binary(["send", "campaign.toml", "--limit", "10"], in: folder.path).code == 0)
        #expect(Self.outboxFiles(folder).count == 10)
        #expect(try EdmRun.binary(["send", "campaign.toml"], in: folder.path).code == 0)
        #expect(Self.outboxFiles(folder).count == 26)
    }

    @Test("a torn last journal line is cut away with a warning, and nobody is mailed twice")
    func tornJournal() throws {
        let folder = try Self.example()
        #expect(try EdmRun.binary(["send", "campaign.toml", "--limit", "5"], in: folder.path).code == 0)
        let journal = folder.file(".edm/spring-sale-2026.journal")
        let handle = try #require(FileHandle(forWritingAtPath: journal))
        handle.seekToEndOfFile()
        handle.write(Data("{\"t\":\"2026-11-29T10:00:00.000Z\",\"key\":\"wang.f".utf8))
        try handle.close()
        let result = try EdmRun.binary(["send", "campaign.toml"], in: folder.path)
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stderr.contains("torn line"))
        #expect(Self.outboxFiles(folder).count == 26)
    }

    @Test("a corrupt line in the middle of the journal stops with exit 74 and sends nothing")
    func corruptJournal() throws {
        let folder = try Self.example()
        #expect(try EdmRun.binary(["send", "campaign.toml", "--limit", "3"], in: folder.path).code == 0)
        let journal = folder.file(".edm/spring-sale-2026.journal")
        var lines = (folder.read(".edm/spring-sale-2026.journal") ?? "").split(separator: "\n", omittingEmptySubsequences: false)
        lines[2] = "this is not json"
        folder.write(".edm/spring-sale-2026.journal", lines.joined(separator: "\n"))
        _ = journal
        let result = try EdmRun.binary(["send", "campaign.toml"], in: folder.path)
        #expect(result.code == 74)
        #expect(result.stderr.contains(".journal:3: corrupt journal record"))
        #expect(result.stderr.contains("docs/journal.md"))
        #expect(Self.outboxFiles(folder).count == 3)
    }

    @Test("changed inputs refuse to resume (65) unless --allow-changed-inputs")
    func changedInputs() throws {
        let folder = try Self.example()
        #expect(try EdmRun.binary(["send", "campaign.toml", "--limit", "3"], in: folder.path).code == 0)
        let csv = (folder.read("recipients.csv") ?? "") + "new.person@example.com,New,Co,City,yes\n"
        folder.write("recipients.csv", csv)
        let refused = try EdmRun.binary(["send", "campaign.toml"], in: folder.path)
        #expect(refused.code == 65)
        #expect(refused.stderr.contains("recipient"))
        #expect(Self.outboxFiles(folder).count == 3)
        let allowed = try EdmRun.binary(["send", "campaign.toml", "--allow-changed-inputs"], in: folder.path)
        #expect(allowed.code == 0, "\(allowed.stderr)")
        #expect(Self.outboxFiles(folder).count == 27)
    }

    @Test("a second edm send on the same campaign exits 4 at once, naming the holder's PID")
    func lockHeld() throws {
        let folder = try Self.example()
        try FileManager.default.createDirectory(atPath: folder.file(".edm"), withIntermediateDirectories: true)
        // Another process holds the lock, as a running edm send would.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["python3", "-c", """
            import fcntl, os, sys, time
            f = open(sys.argv[1], "a+"); fcntl.flock(f, fcntl.LOCK_EX)
            f.seek(0); f.truncate(); f.write(str(os.getpid())); f.flush(); print("locked", flush=True); time.sleep(30)
            """, folder.file(".edm/spring-sale-2026.journal.lock")]
        let pipe = Pipe()
        holder.standardOutput = pipe
        try holder.run()
        defer { kill(holder.processIdentifier, SIGKILL); holder.waitUntilExit() }
        _ = pipe.fileHandleForReading.availableData
        let result = try EdmRun.binary(["send", "campaign.toml"], in: folder.path)
        #expect(result.code == 4, "\(result.stderr)")
        #expect(result.stderr.contains("(PID \(holder.processIdentifier))"))
        #expect(Self.outboxFiles(folder).isEmpty)
    }

    @Test("SIGTERM stops the run cleanly: exit 143, journal consistent, the next run completes without duplicates")
    func sigterm() throws {
        let folder = TemporaryDirectory()
        var csv = "email,name\n"
        for n in 0..<3000 { csv += "user\(n)@example.com,User \(n)\n" }
        folder.write("r.csv", csv)
        folder.write("m.txt", "Hello {{name}}\n\n{{sender.postal_address}}\nUnsubscribe: {{unsubscribe_url}}\n")
        folder.write("campaign.toml", """
            [campaign]
            id = "sigterm"
            name = "S"
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

            """)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: EdmRun.binaryPath)
        process.arguments = ["send", "campaign.toml"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        process.standardOutput = FileHandle.nullDevice
        // stderr to a file, not a pipe nobody reads: a sanitizer report in it fails the test (docs/testing.md).
        _ = FileManager.default.createFile(atPath: folder.file("edm.stderr"), contents: nil)
        let stderrFile = try FileHandle(forWritingTo: URL(fileURLWithPath: folder.file("edm.stderr")))
        defer { try? stderrFile.close() }
        process.standardError = stderrFile
        try process.run()
        Thread.sleep(forTimeInterval: 0.4)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 143 || process.terminationStatus == 0)
        EdmRun.checkSanitizerReport(folder.read("edm.stderr") ?? "", arguments: process.arguments ?? [])
        let rest = try EdmRun.binary(["send", "campaign.toml"], in: folder.path)
        #expect(rest.code == 0, "\(rest.stderr)")
        let files = Self.outboxFiles(folder)
        #expect(files.count == 3000)
        #expect(Self.states(folder, campaign: "sigterm").values.allSatisfy { $0 == "accepted" })
    }

    @Test("crash test, reduced: kill -9 at random moments; nobody lost, duplicates only among reported uncertain",
          arguments: ["outbox", "smtp", "smtp-without-pipelining"])
    func crashTest(transport: String) throws {
        let smtp = transport.hasPrefix("smtp")
        let result = try Python.run([
            EdmRun.packageRoot + "/scripts/crash-test", "--recipients", smtp ? "1500" : "2000",
            "--kills", "8", "--transport", smtp ? "smtp" : transport, "--edm", EdmRun.binaryPath, "--max-delay", "0.8",
        ] + (transport == "smtp-without-pipelining" ? ["--no-pipelining"] : []))
        #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains(" 0 lost, 0 duplicates outside the uncertain set; with --resend-uncertain: 0 lost, 0 duplicates"))
    }
}

@Suite struct SendTestModeTests {
    @Test("--test sends the first N messages only to the test recipients with [TEST], and touches no journal")
    func testMode() throws {
        let folder = try SendTests.example()
        let result = try EdmRun.binary(["send", "campaign.toml", "--test", "--limit", "2"], in: folder.path)
        #expect(result.code == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.hasPrefix("test: qa@example.com: [TEST] AD ") && $0.contains(": accepted") })
        #expect(SendTests.outboxFiles(folder).count == 2)
        #expect(!FileManager.default.fileExists(atPath: folder.file(".edm/spring-sale-2026.journal")))
        let real = try EdmRun.binary(["send", "campaign.toml"], in: folder.path)
        #expect(real.stdout.hasPrefix("spring-sale-2026: 26 sent"), "test sends must not count as sent")
    }
}

@Suite struct ShardTests {
    @Test("--shard K/N: three shards send disjoint parts that together are the whole campaign, each with its journal")
    func threeShards() throws {
        let folder = try SendTests.example()
        for index in 0..<3 {
            let result = try EdmRun.binary(["send", "campaign.toml", "--shard", "\(index)/3"], in: folder.path)
            #expect(result.code == 0, "\(result.stderr)")
            #expect(FileManager.default.fileExists(atPath: folder.file(".edm/spring-sale-2026.shard-\(index)-of-3.journal")))
        }
        let files = SendTests.outboxFiles(folder)
        #expect(files.count == 26)
        var recipients: [String] = []
        for name in files {
            let text = folder.read("outbox/new/" + name) ?? ""
            if let to = text.split(separator: "\r\n").first(where: { $0.hasPrefix("To: ") }) { recipients.append(String(to)) }
        }
        #expect(Set(recipients).count == 26, "every recipient exactly once across shards")
        let again = try EdmRun.binary(["send", "campaign.toml", "--shard", "1/3"], in: folder.path)
        #expect(again.stdout.contains(" 0 sent"))
        #expect(try EdmRun.binary(["send", "campaign.toml", "--shard", "3/3"], in: folder.path).code == 64)
    }
}

@Suite struct HashedJournalTests {
    @Test("journal.hash_addresses: no address in the journal, and resume still sends nobody twice")
    func hashedJournal() throws {
        let folder = try SendTests.example()
        folder.write("campaign.toml", (folder.read("campaign.toml") ?? "") + """

            [journal]
            hash_addresses = true
            hash_key_env = "EDM_JOURNAL_KEY"

            """)
        let environment = ["EDM_JOURNAL_KEY": "k3y"]
        let first = try EdmRun.binary(["send", "campaign.toml", "--limit", "10"], in: folder.path, environment: environment)
        #expect(first.code == 0, "\(first.stderr)")
        let second = try EdmRun.binary(["send", "campaign.toml"], in: folder.path, environment: environment)
        #expect(second.code == 0, "\(second.stderr)")
        #expect(SendTests.outboxFiles(folder).count == 26)
        let journal = folder.read(".edm/spring-sale-2026.journal") ?? ""
        let addresses = (folder.read("recipients.csv") ?? "").split(separator: "\n").dropFirst()
            .compactMap { $0.split(separator: ",").first.map(String.init) }
        #expect(addresses.count == 30)
        for address in addresses {
            #expect(!journal.lowercased().contains(address.lowercased()), "\(address) leaked into the hashed journal")
        }
        let third = try EdmRun.binary(["send", "campaign.toml"], in: folder.path, environment: environment)
        #expect(third.stdout.contains(" 0 sent, 26 already done"))
    }
}
