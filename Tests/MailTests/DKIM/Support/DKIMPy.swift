// DKIMPy: runs dkimpy (Fixtures/dkimpy_verify.py) on signed messages, the independent verifier of the DKIM tests.
import Foundation

/// Verification by dkimpy, many messages per Python run to keep the suite fast.
enum DKIMPy {
    /// dkimpy's verdict on one message.
    struct Verdict: CustomStringConvertible {
        /// How many DKIM-Signature fields the message carries.
        var signatures: Int
        /// Whether every signature verified.
        var passed: Bool
        /// dkimpy's output line, with the failure reason.
        var description: String
    }

    /// Why the verifier could not run. Tests fail with this, never skip: a missing tool must be noticed.
    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    static let script = DKIMFixtures.directory.appendingPathComponent("dkimpy_verify.py")

    /// Verifies each message against `records` (DNS name → TXT text).
    static func verify(_ messages: [[UInt8]], records: [String: String] = DKIMFixtures.records) throws -> [Verdict] {
        let files = FileManager.default
        let directory = files.temporaryDirectory.appendingPathComponent("edm-dkim-\(UUID().uuidString)")
        try files.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? files.removeItem(at: directory) }
        let recordsFile = directory.appendingPathComponent("records.txt")
        try records.map { "\($0.key) \($0.value)\n" }.joined().write(to: recordsFile, atomically: true, encoding: .utf8)
        var paths: [String] = []
        for (index, message) in messages.enumerated() {
            let file = directory.appendingPathComponent("\(index).eml")
            try Data(message).write(to: file)
            paths.append(file.path)
        }
        let (status, output, errors) = try run(["python3", script.path, recordsFile.path] + paths)
        switch status {
        case 0:
            break
        case 3, 127:
            // 3: the script could not import dkimpy or PyNaCl; 127: env found no python3.
            throw Unavailable(
                description: """
                    dkimpy is not available (exit \(status)): \(errors.isEmpty ? "python3 not found" : errors)
                    These tests need python3 with the pip packages dkimpy and pynacl: run scripts/install-test-deps
                    """)
        default:
            throw Unavailable(description: "dkimpy_verify.py failed (exit \(status)): \(errors)")
        }
        let lines = output.split(separator: "\n").map(String.init)
        guard lines.count == messages.count else {
            throw Unavailable(description: "dkimpy printed \(lines.count) verdicts for \(messages.count) messages")
        }
        return lines.map { line in
            let words = line.split(separator: " ", maxSplits: 2)
            return Verdict(
                signatures: Int(words[0]) ?? -1, passed: words.count > 1 && words[1] == "pass",
                description: line)
        }
    }

    private static func run(_ arguments: [String]) throws -> (Int32, String, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw Unavailable(description: "cannot start python3 (\(error)); run scripts/install-test-deps")
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: outputData, as: UTF8.self),
            String(decoding: errorData, as: UTF8.self)
        )
    }
}
