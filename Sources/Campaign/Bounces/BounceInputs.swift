// BounceInputs: the mail files `edm bounces import` reads: .eml files, folders, Maildir (cur/new), mbox.
import Foundation
import Mail

/// One message to import, or why a file could not give one.
public struct BounceInputItem: Sendable {
    /// The file, as shown to the user.
    public var file: String
    /// For mbox files: the line the message starts on.
    public var line: Int?
    public var bytes: [UInt8]
    /// Set when the input was skipped (too large, unreadable); `bytes` is then empty.
    public var problem: String?

    public init(file: String, line: Int? = nil, bytes: [UInt8], problem: String? = nil) {
        self.file = file
        self.line = line
        self.bytes = bytes
        self.problem = problem
    }

    /// `file` or `file:line`.
    public var location: String { line.map { "\(file):\($0)" } ?? file }
}

/// Finds and reads the inputs.
public enum BounceInputs {
    /// Larger single messages are reported and skipped: a bounce is small, and its evidence is at the top.
    public static let maximumMessageBytes = 20 << 20
    /// Largest mbox file read.
    public static let maximumMboxBytes = 4 << 30

    /// The files named by `paths`: files as given; folders walked in name order (a Maildir's `cur` and
    /// `new`, never `tmp`; hidden entries skipped).
    /// - Throws: `FileError` `.notFound` for a path that does not exist (nothing has been read yet).
    public static func files(for paths: [String]) throws(FileError) -> [String] {
        var result: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw FileError(.notFound, path: path, role: "mail input")
            }
            if isDirectory.boolValue { walk(path, into: &result) } else { result.append(path) }
        }
        return result
    }

    private static func walk(_ directory: String, into result: inout [String]) {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: directory) else { return }
        let isMaildir = names.contains("cur") || names.contains("new")
        for name in names.sorted() where !name.hasPrefix(".") {
            if isMaildir, name == "tmp" { continue }
            let path = (directory as NSString).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue { walk(path, into: &result) } else { result.append(path) }
        }
    }

    /// The messages in one file: one for a message file, one per message for an mbox file.
    public static func read(_ path: String, display: String) -> [BounceInputItem] {
        var bytes: [UInt8]
        do {
            bytes = try FileError.readSmallFile(path, role: "mail file", limit: maximumMessageBytes)
        } catch {
            guard case .tooLarge = error.kind, startsWithFromLine(path) else {
                return [BounceInputItem(file: display, bytes: [], problem: problem(error))]
            }
            do {
                bytes = try FileError.readSmallFile(path, role: "mbox file", limit: maximumMboxBytes)
            } catch {
                return [BounceInputItem(file: display, bytes: [], problem: problem(error))]
            }
        }
        guard MboxSplitter.isMbox(bytes[...]) else { return [BounceInputItem(file: display, bytes: bytes)] }
        return MboxSplitter.split(bytes).map { entry in
            entry.message.count > maximumMessageBytes
                ? BounceInputItem(file: display, line: entry.line, bytes: [],
                                  problem: "message larger than \(maximumMessageBytes >> 20) MiB; skipped")
                : BounceInputItem(file: display, line: entry.line, bytes: entry.message)
        }
    }

    private static func problem(_ error: FileError) -> String {
        if case .tooLarge = error.kind {
            return "larger than \(maximumMessageBytes >> 20) MiB and not an mbox file; skipped"
        }
        return error.description
    }

    private static func startsWithFromLine(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 5)) ?? Data()
        return [UInt8](head) == Array("From ".utf8)
    }
}
