// TranscriptFile: `--trace-smtp FILE`: the SMTP dialogue appended to a file, AUTH already redacted.
import Foundation
import SMTP
import Synchronization

/// Writes each transcript entry as one line with a UTC timestamp and connection label. The client redacts
/// AUTH payloads and escapes control characters before entries reach any sink.
public final class TranscriptFile: TranscriptSink, Sendable {
    private let handle: Locked<FileHandle>
    private let label: String

    /// Opens (creating, mode 0600) `path` for appending.
    /// - Throws: `FileError` (exit 73).
    public init(path: String, label: String = "") throws {
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw FileError(.cannotWrite(reason: "cannot create"), path: path, role: "SMTP trace file")
            }
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw FileError(.cannotWrite(reason: "cannot open"), path: path, role: "SMTP trace file")
        }
        handle.seekToEndOfFile()
        self.handle = Locked(handle)
        self.label = label
    }


    public func record(_ entry: TranscriptEntry) {
        let time = ISO8601DateFormatter().string(from: Date())
        let line = "\(time) \(label.isEmpty ? "" : label + " ")\(entry.description)\n"
        handle.withLock { $0.write(Data(line.utf8)) }
    }
}
