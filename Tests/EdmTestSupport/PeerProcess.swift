// PeerProcess: a real peer (Python TLS server, aiosmtpd) started by a test on an ephemeral loopback port.
import Foundation

/// Why a peer could not be used; the message says how to install it.
public struct PeerError: Error, CustomStringConvertible {
    public var description: String
}

/// Runs one helper from scripts/peers, waits for its "PORT n" line, collects its output lines, and is
/// terminated (by its own process id) when stopped or released.
public final class PeerProcess: @unchecked Sendable {
    // @unchecked: `buffer` and `lines` are only touched under `lock`.
    private let process = Process()
    private let lock = NSLock()
    private var buffer = Data()
    private var lines: [String] = []
    private var errors = Data()
    public private(set) var port = 0

    /// The repository's scripts/peers folder (found from this file's path).
    public static let scriptsDirectory: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/peers").path

    public init(python script: String, _ arguments: [String], startTimeout: TimeInterval = 15) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-u", Self.scriptsDirectory + "/" + script] + arguments
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
            if data.isEmpty { handle.readabilityHandler = nil } else { self?.consumeError(data) }
        }
        do {
            try process.run()
        } catch {
            throw PeerError(description: "cannot run python3 (\(error)): run scripts/install-test-deps")
        }
        guard let line = waitForLine(timeout: startTimeout, where: { $0.hasPrefix("PORT ") }),
              let port = Int(line.dropFirst(5))
        else {
            stop()
            let stderr = lock.locked { String(decoding: errors, as: UTF8.self) }
            throw PeerError(
                description: "\(script) did not start: \(stderr.suffix(600)) -- run scripts/install-test-deps")
        }
        self.port = port
    }

    deinit { stop() }

    private func consume(_ data: Data) {
        lock.locked {
            buffer.append(data)
            while let newline = buffer.firstIndex(of: 10) {
                lines.append(String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self))
                buffer.removeSubrange(buffer.startIndex...newline)
            }
        }
    }

    private func consumeError(_ data: Data) {
        lock.locked { errors.append(data) }
    }

    /// Output lines so far.
    public var output: [String] { lock.locked { lines } }

    /// Waits until a line matching `predicate` has been printed; returns it, or nil after `timeout`.
    public func waitForLine(timeout: TimeInterval = 10, where predicate: (String) -> Bool) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let line = output.first(where: predicate) { return line }
            if !process.isRunning, output.first(where: predicate) == nil { return nil }
            usleep(10_000)
        }
        return nil
    }

    /// Terminates the peer (SIGTERM to its own pid) and waits for it.
    public func stop() {
        guard process.isRunning else { return }
        let pid = process.processIdentifier
        process.terminate()
        let deadline = Date().addingTimeInterval(3)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(pid, SIGKILL) }
        process.waitUntilExit()
    }
}

extension NSLock {
    public func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock()
        defer { unlock() }
        return try body()
    }
}
