// TLSTestPeer: scripts/peers/tls-server.py on an ephemeral loopback port, with certificates made by mkcerts.
import Foundation

/// Why a peer could not be used; the message says how to install it.
struct PeerError: Error, CustomStringConvertible {
    var description: String
}

/// A running tls-server.py; stopped (SIGTERM to its own pid) when released.
final class TLSTestPeer: @unchecked Sendable {
    // @unchecked: `buffer`, `lines` and `errors` are only touched under `lock`.
    private let process = Process()
    private let lock = NSLock()
    private var buffer = Data()
    private var lines: [String] = []
    private var errors = Data()
    private(set) var port = 0

    static let scriptsDirectory: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/peers").path

    /// Certificates made once per test process: ca, otherca, good, wronghost, expired, notyetvalid, selfsigned,
    /// client (each NAME.pem and NAME.key).
    static let certificates: Result<String, PeerError> = {
        let directory = NSTemporaryDirectory() + "edm-tls-certs-\(getpid())"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", scriptsDirectory + "/mkcerts", directory]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return .failure(PeerError(description: "cannot run python3: run scripts/install-test-deps"))
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            return .failure(PeerError(
                description: "mkcerts failed (needs Python cryptography): run scripts/install-test-deps"))
        }
        // Removed when the test process exits (the closure captures nothing, as a C function pointer must).
        atexit { try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "edm-tls-certs-\(getpid())") }
        return .success(directory)
    }()

    static func certificate(_ name: String) throws -> String { try certificates.get() + "/" + name + ".pem" }
    static func key(_ name: String) throws -> String { try certificates.get() + "/" + name + ".key" }

    /// Starts tls-server.py serving `certificate` (a name from `certificates`) with extra `arguments`.
    init(certificate: String, _ arguments: [String] = []) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let files = ["--cert", try Self.certificate(certificate), "--key", try Self.key(certificate)]
        process.arguments = ["python3", "-u", Self.scriptsDirectory + "/tls-server.py"] + files + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        out.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            if data.isEmpty { handle.readabilityHandler = nil } else { self?.consume(data) }
        }
        err.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            if data.isEmpty { handle.readabilityHandler = nil } else { self?.locked { self?.errors.append(data) } }
        }
        try process.run()
        guard let line = waitForLine(timeout: 15, where: { $0.hasPrefix("PORT ") }), let port = Int(line.dropFirst(5))
        else {
            stop()
            let stderr = locked { String(decoding: errors, as: UTF8.self) }
            throw PeerError(
                description: "tls-server.py did not start: \(stderr.suffix(500)) -- run scripts/install-test-deps")
        }
        self.port = port
    }

    deinit { stop() }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }

    private func consume(_ data: Data) {
        locked {
            buffer.append(data)
            while let newline = buffer.firstIndex(of: 10) {
                lines.append(String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self))
                buffer.removeSubrange(buffer.startIndex...newline)
            }
        }
    }

    var output: [String] { locked { lines } }

    func waitForLine(timeout: TimeInterval = 10, where predicate: (String) -> Bool) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let line = output.first(where: predicate) { return line }
            if !process.isRunning { return output.first(where: predicate) }
            usleep(10_000)
        }
        return nil
    }

    func stop() {
        guard process.isRunning else { return }
        let pid = process.processIdentifier
        process.terminate()
        let deadline = Date().addingTimeInterval(3)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(pid, SIGKILL) }
        process.waitUntilExit()
    }
}
