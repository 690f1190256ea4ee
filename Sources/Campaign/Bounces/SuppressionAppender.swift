// SuppressionAppender: adds entries to a suppression list file atomically (temp file, fsync, rename).
import Foundation
import Mail

/// Appends addresses to a suppression list without ever leaving it half-written: the new content goes to a
/// temporary file in the same folder, is fsynced, renamed over the list, and the folder is fsynced (POSIX
/// makes a rename durable only then). A reader sees the old list or the new one, never a mixture.
///
/// Kept minimal on purpose: `edm suppress` has its own writer; this one only appends.
public enum SuppressionAppender {
    /// One line to add.
    public struct Entry: Sendable, Equatable {
        /// The normalised address key.
        public var key: String
        /// The comment after ` # `: class, reason, status, date and source.
        public var comment: String

        public init(key: String, comment: String) {
            self.key = key
            self.comment = comment
        }

        /// The line as written; control characters in the comment become spaces.
        var line: String {
            let clean = String(comment.map { $0.isNewline || ($0.asciiValue.map { $0 < 0x20 } ?? false) ? " " : $0 })
            return "\(key) # \(clean)\n"
        }
    }

    /// The address keys already in the list at `path` (empty when it does not exist yet). Lines that are not
    /// plain addresses (domains, hashes) are ignored here: only exact duplicates are avoided.
    public static func existingKeys(path: String, caseSensitiveLocalPart: Bool) throws(FileError) -> Set<String> {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let bytes = try FileError.readSmallFile(path, role: "suppression list", limit: 1 << 30)
        var keys = Set<String>()
        for rawLine in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            var line = Substring(rawLine)
            if let hash = line.range(of: " #") { line = line[..<hash.lowerBound] }
            let entry = line.trimmingCharacters(in: .whitespaces)
            guard !entry.isEmpty, !entry.hasPrefix("#"), !entry.hasPrefix("@"), !entry.hasPrefix("*") else { continue }
            if let address = try? AddressParser.parse(entry) {
                keys.insert(address.key(caseSensitiveLocalPart: caseSensitiveLocalPart))
            }
        }
        return keys
    }

    /// Appends `entries` to the list at `path`, creating it (mode 0600) when missing.
    /// - Throws: `FileError` `.cannotWrite` (exit 73); the list is then unchanged.
    public static func append(_ entries: [Entry], to path: String, displayPath: String) throws(FileError) {
        guard !entries.isEmpty else { return }
        var content: [UInt8] = []
        var mode: mode_t = 0o600
        if FileManager.default.fileExists(atPath: path) {
            content = try FileError.readSmallFile(path, role: "suppression list", limit: 1 << 30)
            var info = stat()
            if stat(path, &info) == 0 { mode = info.st_mode & 0o7777 }
            if let last = content.last, last != 0x0A { content.append(0x0A) }
        } else {
            content = Array("# Suppression list: one address per line. Written by edm bounces import.\n".utf8)
        }
        for entry in entries { content += Array(entry.line.utf8) }
        try AtomicFile.write(content, to: path, shown: displayPath, role: "suppression list", newFileMode: mode)
    }
}
