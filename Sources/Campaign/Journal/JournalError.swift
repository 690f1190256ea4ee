// JournalError: why the journal, the campaign lock or the outbox could not do its job, naming file and line.

/// A failure of the durable record of a campaign (DESIGN.md invariant 1), of its lock, or of the outbox.
///
/// The CLI maps kinds to exit codes: `locked` → 4; `notFound` → 66; `cannotCreate`, `notRegularFile`,
/// `notADirectory` → 73; `corruptRecord`, `missingHeader`, `readFailed`, `writeFailed`, `syncFailed`,
/// `closed`, `tooLarge`, `otherCampaign` → 74; `recordTooLong` is a bug in the caller (70).
public struct JournalError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Another process (or another open of the lock file in this one) holds the campaign lock.
        /// `holderPID` is what the holder wrote into the lock file; nil when it could not be read.
        case locked(holderPID: Int32?)
        /// A complete line that is not the last one is not a valid journal record.
        case corruptRecord(reason: String)
        /// The first line is a JSON object but not a `"type":"header"` record.
        case missingHeader
        /// The header names another campaign: two campaigns' `journal.path` point at one file, or the header
        /// was edited. Appending would mix their recipients.
        case otherCampaign(found: String, expected: String)
        /// A file or directory could not be created or opened for writing.
        case cannotCreate(reason: String)
        /// The journal does not exist (no run has started yet).
        case notFound
        /// The journal (or a lock file) exists but could not be read.
        case readFailed(reason: String)
        /// The path exists and is not a regular file (a directory, a fifo, a device).
        case notRegularFile
        /// The path exists and is not a directory (the outbox).
        case notADirectory
        /// `write(2)` failed (ENOSPC, EIO, …). Sticky: every later append fails too.
        case writeFailed(reason: String)
        /// `fsync(2)`/`fdatasync(2)` failed. Sticky: after a failed fsync the kernel may have dropped the dirty
        /// pages, so a later successful fsync proves nothing.
        case syncFailed(reason: String)
        /// The writer was closed before this append.
        case closed
        /// A record longer than `limit` bytes was refused (a key, Message-ID or reply far too long).
        case recordTooLong(limit: Int)
        /// The journal holds more recipients (or key bytes) than the compact index can address.
        case tooLarge
    }

    public var kind: Kind
    /// The file concerned: the journal, its lock file, or an outbox file or directory.
    public var path: String
    /// 1-based line in the journal, for record errors.
    public var line: Int?

    public init(_ kind: Kind, path: String, line: Int? = nil) {
        self.kind = kind
        self.path = path
        self.line = line
    }

    /// True for the failures that stop sending at once because the journal can no longer record outcomes.
    public var isSticky: Bool {
        switch kind {
        case .writeFailed, .syncFailed: true
        default: false
        }
    }

    public var description: String {
        let location = line.map { "\(path):\($0)" } ?? path
        switch kind {
        case .locked(let pid):
            let holder = pid.map { "process \($0)" } ?? "another process"
            return "campaign lock '\(path)' is held by \(holder); is another 'edm send' running?"
        case .corruptRecord(let reason):
            return "\(location): corrupt journal record: \(reason)"
        case .missingHeader:
            return "\(location): not an edm journal: the first line is not a header record"
        case .otherCampaign(let found, let expected):
            return "\(location): this journal belongs to campaign '\(found)', not '\(expected)'"
        case .cannotCreate(let reason):
            return "cannot create '\(path)': \(reason)"
        case .notFound:
            return "journal '\(path)' does not exist; has this campaign been sent?"
        case .readFailed(let reason):
            return "cannot read '\(path)': \(reason)"
        case .notRegularFile:
            return "'\(path)' is not a regular file"
        case .notADirectory:
            return "'\(path)' exists and is not a directory"
        case .writeFailed(let reason):
            return "cannot write '\(path)': \(reason)"
        case .syncFailed(let reason):
            return "cannot flush '\(path)' to disk: \(reason)"
        case .closed:
            return "journal '\(path)' is already closed"
        case .recordTooLong(let limit):
            return "journal '\(path)': refused a record longer than \(limit) bytes"
        case .tooLarge:
            return "journal '\(path)' has too many recipients to index in memory"
        }
    }
}
