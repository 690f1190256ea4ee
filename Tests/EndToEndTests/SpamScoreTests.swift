// The example campaign's rendered messages score at most 1.0 with SpamAssassin (scripts/spamcheck).
import EdmTestSupport
import Foundation
import Testing

@Suite struct SpamScoreTests {
    @Test("every message of the example scores ≤ 1.0 with spamassassin -L")
    func exampleScores() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [EdmRun.packageRoot + "/scripts/spamcheck", "examples/spring-sale/campaign.toml", "1.0"]
        process.currentDirectoryURL = URL(fileURLWithPath: EdmRun.packageRoot)
        process.environment = ProcessInfo.processInfo.environment.merging(["EDM": EdmRun.binaryPath]) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "spamassassin missing? run scripts/install-test-deps\n\(output)")
        #expect(output.contains("spamcheck: 26 messages"), "\(output)")
        #expect(output.contains(", 0 above 1.0"), "\(output)")
    }
}
