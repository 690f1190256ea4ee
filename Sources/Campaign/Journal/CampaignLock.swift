// CampaignLock: one `edm send` per campaign at a time, via flock(2) on a file beside the journal.
import Foundation
import Synchronization

/// An exclusive, non-blocking `flock(2)` on `<journal>.lock`, holding the holder's PID as text.
///
/// Why `flock`: the kernel drops it when the holder's last descriptor closes, crash or `kill -9` included,
/// so a dead holder never blocks a new run and there is no stale-lock clean-up. It belongs to the open file
/// description, so even a second `open` in the same process conflicts. The file is never unlinked: removing
/// it would let two processes lock two different inodes under one name. The PID inside is for the message
/// only; the lock itself is the `flock`.
///
/// `Sendable`: the descriptor sits in a `Locked`, so `release` may race with `deinit` or another `release`.
public final class CampaignLock: Sendable {
    /// The lock file.
    public let path: String
    private let descriptor: Locked<Int32>

    /// The lock file used for the journal at `journalPath`.
    public static func path(forJournal journalPath: String) -> String {
        journalPath + ".lock"
    }

    /// Takes the lock at once or fails; never waits.
    ///
    /// - Throws: `JournalError` `.locked(holderPID:)` when held elsewhere; `.cannotCreate` when the file
    ///   cannot be opened or the file system refuses locks.
    public init(path: String) throws(JournalError) {
        self.path = path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw JournalError(.cannotCreate(reason: JournalFiles.reason(errno)), path: path)
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            defer { close(descriptor) }
            guard code == EWOULDBLOCK else {
                throw JournalError(.cannotCreate(reason: "cannot lock: " + JournalFiles.reason(code)), path: path)
            }
            throw JournalError(.locked(holderPID: Self.holderPID(descriptor)), path: path)
        }
        // The lock is ours; the PID is advisory text for the next acquirer's message.
        let text = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        self.descriptor = Locked(descriptor)
    }

    deinit {
        release()
    }

    /// True until `release`.
    public var isHeld: Bool {
        descriptor.withLock { $0 >= 0 }
    }

    /// Gives the lock up: unlocks, then closes the descriptor.
    ///
    /// Why unlock first: closing drops the `flock` only once no descriptor refers to the open file any more,
    /// and a child process being started by another thread holds a copy of every descriptor from its fork
    /// until its exec closes them (`O_CLOEXEC`). `LOCK_UN` releases the lock for all copies at once.
    ///
    /// Idempotent.
    public func release() {
        let held = descriptor.withLock { value in
            defer { value = -1 }
            return value
        }
        guard held >= 0 else { return }
        _ = flock(held, LOCK_UN)
        JournalFiles.closeDescriptor(held)
    }

    /// The PID the holder wrote.
    ///
    /// The holder writes it just after locking, so an empty file is retried for a moment before giving up with nil.
    private static func holderPID(_ descriptor: Int32) -> Int32? {
        for attempt in 0..<20 {
            var buffer = [UInt8](repeating: 0, count: 32)
            let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                let text = String(decoding: buffer[0..<count], as: UTF8.self)
                let digits = text.prefix { $0.isASCII && $0.isNumber }
                return Int32(digits)
            }
            if attempt < 19 { usleep(5000) }
        }
        return nil
    }
}
