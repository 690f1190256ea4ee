// A suppression entry added while a 5,000-recipient send is running is honoured from the next transaction on.
import EdmTestSupport
import Foundation
import Testing

@Suite(.serialized) struct SuppressionDuringSendTests {
    @Test("entries appended mid-run stop later transactions to those recipients")
    func addedMidRun() throws {
        let folder = TemporaryDirectory()
        let sink = try PeerProcess(python: "fault-sink.py", ["--outdir", folder.file("sink")])
        defer { sink.stop() }
        let recipients = (0..<5000).map { "user\($0)@\($0 < 2500 ? "early" : "late").example.com" }
        folder.write("suppression.txt", "# nobody yet\n")
        TestCampaign.write(in: folder, id: "midrun", recipients: recipients, extra: """
            [suppression]
            files = ["suppression.txt"]
            [throttle]
            rate = "2000/s"
            max_connections = 2
            [[smtp.relay]]
            host = "127.0.0.1"
            port = \(sink.port)
            tls = "insecure-plaintext"
            """)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: EdmRun.binaryPath)
        process.arguments = ["send", "campaign.toml", "--quiet"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        process.standardOutput = FileHandle.nullDevice
        // stderr to a file, not a pipe nobody reads: a sanitizer report in it fails the test (docs/testing.md).
        _ = FileManager.default.createFile(atPath: folder.file("edm.stderr"), contents: nil)
        let stderrFile = try FileHandle(forWritingTo: URL(fileURLWithPath: folder.file("edm.stderr")))
        defer { try? stderrFile.close() }
        process.standardError = stderrFile
        try process.run()
        Thread.sleep(forTimeInterval: 0.6)
        // As `edm suppress add` or an unsubscribe handler would: a new version of the file, atomically.
        folder.write("suppression.new", "# nobody yet\n@late.example.com\n")
        rename(folder.file("suppression.new"), folder.file("suppression.txt"))
        let added = Date()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        EdmRun.checkSanitizerReport(folder.read("edm.stderr") ?? "", arguments: process.arguments ?? [])

        // No late recipient was accepted by a transaction that began after the entry was added.
        var lateAccepted = 0
        var lateSuppressed = 0
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for line in (folder.read(".edm/midrun.journal") ?? "").split(separator: "\n") {
            guard let record = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let key = record["key"] as? String, key.hasSuffix("@late.example.com"),
                  let state = record["state"] as? String, let time = (record["t"] as? String).flatMap(formatter.date)
            else { continue }
            if state == "accepted" {
                lateAccepted += 1
                #expect(time.timeIntervalSince(added) < 0.05, "\(key) accepted \(time.timeIntervalSince(added)) s after")
            }
            if state == "suppressed" { lateSuppressed += 1 }
        }
        #expect(lateSuppressed > 1000, "the run was too fast to test anything: \(lateSuppressed)")
        #expect(lateAccepted + lateSuppressed == 2500)
    }
}
