// SecretSource: where a password, token or key comes from: environment, a private file, or a command.
import Foundation

/// A secret's origin. Secrets are never written in the campaign file, never on the command line, and never
/// printed: `description` shows only where the secret comes from.
public enum SecretSource: Sendable, Equatable, CustomStringConvertible {
    case environment(String)
    case file(String)
    case command(String, workingDirectory: String)

    public var description: String {
        switch self {
        case .environment(let name): "environment variable \(name)"
        case .file(let path): "file \(path)"
        case .command(let command, _): "command `\(command)`"
        }
    }

    /// A problem with `path`'s permissions, or nil when only its owner can read it. Secret files readable by
    /// group or others are refused, as ssh refuses such private keys.
    public static func checkPermissions(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        if info.st_mode & 0o077 != 0 {
            let mode = String(info.st_mode & 0o777, radix: 8)
            return "'\(path)' is readable by group or others (mode \(mode)); run: chmod 600 '\(path)'"
        }
        return nil
    }

    /// Reads the secret now. Leading and trailing whitespace (a final newline) is removed.
    /// - Throws: `SecretError` saying where it looked, never what it found.
    public func resolve(environment: [String: String]) throws -> Secret {
        switch self {
        case .environment(let name):
            guard let value = environment[name], !value.isEmpty else {
                throw SecretError(message: "environment variable \(name) is not set")
            }
            return Secret(value)
        case .file(let path):
            if let problem = Self.checkPermissions(path) { throw SecretError(message: problem) }
            do {
                let bytes = try FileError.readSmallFile(path, role: "secret file", limit: 1 << 20)
                return Secret(String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
            } catch {
                throw SecretError(message: error.description)
            }
        case .command(let command, let directory):
            return try Self.run(command, in: directory)
        }
    }

    private static func run(_ command: String, in directory: String) throws -> Secret {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw SecretError(message: "cannot run secret command `\(command)`: \(error.localizedDescription)")
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw SecretError(message: "secret command `\(command)` exited with status \(process.terminationStatus)")
        }
        return Secret(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

/// A resolved secret. Its description never shows the value, so it cannot leak through logs or errors.
public struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The value itself; read it only where it goes on the wire or into a MAC.
    public let value: String

    public init(_ value: String) { self.value = value }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
}

/// A secret could not be read.
public struct SecretError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
