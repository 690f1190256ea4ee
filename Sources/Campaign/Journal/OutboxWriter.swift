// OutboxWriter: the `outbox` transport: each message written whole into a Maildir-style `new/` directory.
import Foundation
import Synchronization

/// Writes messages as files, Maildir style, so a reader of `new/` never sees a partial message:
/// write to `tmp/<unique>`, `fsync`, `rename(2)` to `new/<unique>.eml` (atomic within one file system:
/// the name points at the old or the new inode, never at a half-written one), then `fsync` the `new/`
/// directory so the rename survives a crash (POSIX leaves directory durability to an fsync on the directory).
///
/// `<unique>` is `<seconds>.M<microseconds>P<pid>Q<counter>.<message-id fragment>`: time, process and a
/// per-process counter make it unique; the fragment (letters, digits, `.`, `_`, `-`, at most 40) helps people
/// find a message by its Message-ID.
///
/// `write` returns only when its rename is durable, so the caller may journal `accepted` right after.
/// Concurrent writers share directory fsyncs (a group commit): one thread syncs `new/` for every rename
/// finished before it started; the others wait on the mutex and find themselves covered. A failed directory
/// fsync is sticky, like the journal's.
///
/// `Sendable`: counters are atomics; the directory-sync state is in a `Locked`; the descriptor is immutable.
public final class OutboxWriter: Sendable {
    /// Counters for tests and the run summary.
    public struct Statistics: Sendable, Equatable {
        public var messages: Int
        /// fsyncs of `new/` (fewer than `messages` when writers run concurrently).
        public var directorySyncs: Int
    }

    private struct DirectorySync {
        var covered: UInt64 = 0
        var failure: JournalError?
    }

    /// The outbox root (holding `tmp/`, `new/`, `cur/`).
    public let directory: String
    private let newDirectory: String
    private let newDirectoryDescriptor: Int32
    private let names = Atomic<UInt64>(0)
    private let renames = Atomic<UInt64>(0)
    private let messages = Atomic<Int>(0)
    private let directorySyncs = Atomic<Int>(0)
    private let directorySync = Locked(DirectorySync())

    /// Opens the outbox at `directory`, creating it and `tmp/`, `new/`, `cur/` (mode 0700) as needed.
    ///
    /// - Throws: `JournalError` `.notADirectory` when a path exists as a file; `.cannotCreate` with errno text.
    public init(directory: String) throws(JournalError) {
        self.directory = directory
        newDirectory = directory + "/new"
        for sub in ["", "/tmp", "/new", "/cur"] {
            try JournalFiles.makeDirectories(directory + sub)
        }
        let descriptor = open(newDirectory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw JournalError(.cannotCreate(reason: JournalFiles.reason(errno)), path: newDirectory)
        }
        newDirectoryDescriptor = descriptor
    }

    deinit {
        JournalFiles.closeDescriptor(newDirectoryDescriptor)
    }

    public var statistics: Statistics {
        Statistics(messages: messages.load(ordering: .relaxed), directorySyncs: directorySyncs.load(ordering: .relaxed))
    }

    /// Writes one message and returns its final path in `new/`, once the file and its name are durable.
    ///
    /// - Parameters:
    ///   - message: the complete message (headers, blank line, body), as it would go after DATA.
    ///   - messageID: the Message-ID, used only to make the file name recognisable.
    /// - Returns: the path of the message in `new/`.
    /// - Throws: `JournalError` `.cannotCreate`, `.writeFailed`, `.syncFailed` (with errno text). Nothing is
    ///   left in `tmp/` after a failure.
    public func write(_ message: [UInt8], messageID: String? = nil) throws(JournalError) -> String {
        let unique = uniqueName(messageID)
        let temporary = directory + "/tmp/" + unique
        let final = newDirectory + "/" + unique + ".eml"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw JournalError(.cannotCreate(reason: JournalFiles.reason(errno)), path: temporary)
        }
        do throws(JournalError) {
            try JournalFiles.withBytes(message) { bytes throws(JournalError) in
                try JournalFiles.writeAll(descriptor, bytes, path: temporary)
            }
            // fsync, not fdatasync: the file is new, and its inode must be durable before the rename is.
            while fsync(descriptor) != 0 {
                let code = errno
                if code == EINTR { continue }
                throw JournalError(.syncFailed(reason: JournalFiles.reason(code)), path: temporary)
            }
            // close(2) can report a deferred write error (NFS); a message that may be incomplete is not moved.
            let closed = close(descriptor)
            guard closed == 0 else {
                throw JournalError(.writeFailed(reason: JournalFiles.reason(errno)), path: temporary)
            }
            guard rename(temporary, final) == 0 else {
                throw JournalError(.cannotCreate(reason: JournalFiles.reason(errno)), path: final)
            }
        } catch {
            // The descriptor may already be closed; closing twice is harmless here (EBADF), unlinking is not.
            _ = close(descriptor)
            unlink(temporary)
            throw error
        }
        let generation = renames.add(1, ordering: .sequentiallyConsistent).newValue
        try syncNewDirectory(covering: generation)
        messages.add(1, ordering: .relaxed)
        return final
    }

    /// Group commit of directory fsyncs: returns once an fsync that started after rename number
    /// `generation` has finished.
    private func syncNewDirectory(covering generation: UInt64) throws(JournalError) {
        try directorySync.withLock { state throws(JournalError) in
            if let failure = state.failure { throw failure }
            if state.covered >= generation { return }
            // Every rename counted so far has completed (the counter is bumped after rename returns).
            let target = renames.load(ordering: .sequentiallyConsistent)
            while fsync(newDirectoryDescriptor) != 0 {
                let code = errno
                if code == EINTR { continue }
                let error = JournalError(.syncFailed(reason: JournalFiles.reason(code)), path: newDirectory)
                state.failure = error
                throw error
            }
            state.covered = target
            directorySyncs.add(1, ordering: .relaxed)
        }
    }

    private func uniqueName(_ messageID: String?) -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let counter = names.add(1, ordering: .relaxed).newValue
        var fragment = ""
        for scalar in (messageID ?? "").unicodeScalars where fragment.count < 40 {
            switch scalar {
            case "<", ">": continue
            case "a"..."z", "A"..."Z", "0"..."9", ".", "_", "-": fragment.unicodeScalars.append(scalar)
            default: fragment.unicodeScalars.append("_")
            }
        }
        if fragment.isEmpty { fragment = "message" }
        return "\(now.tv_sec).M\(now.tv_nsec / 1000)P\(getpid())Q\(counter).\(fragment)"
    }
}
