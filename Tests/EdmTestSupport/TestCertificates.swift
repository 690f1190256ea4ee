// TestCertificates: certificates made once per test run by scripts/peers/mkcerts.
import Foundation

/// A folder of throwaway certificates: ca, otherca, good, wronghost, expired, notyetvalid, selfsigned, client.
public struct TestCertificates: Sendable {
    public let directory: String

    public func pem(_ name: String) -> String { directory + "/" + name + ".pem" }
    public func key(_ name: String) -> String { directory + "/" + name + ".key" }

    /// Made on first use; shared by every test in the process.
    public static let shared: Result<TestCertificates, PeerError> = {
        let directory = NSTemporaryDirectory() + "edm-smtp-certs-\(getpid())"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", PeerProcess.scriptsDirectory + "/mkcerts", directory]
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        do {
            try process.run()
        } catch {
            return .failure(PeerError(description: "cannot run python3: run scripts/install-test-deps"))
        }
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            return .failure(PeerError(description:
                "mkcerts failed (needs Python cryptography): \(String(decoding: stderr, as: UTF8.self).suffix(400)) "
                + "-- run scripts/install-test-deps"))
        }
        // Removed when the test process exits (the closure captures nothing, as a C function pointer must).
        atexit { try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "edm-smtp-certs-\(getpid())") }
        return .success(TestCertificates(directory: directory))
    }()

    public static func get() throws -> TestCertificates { try shared.get() }
}
