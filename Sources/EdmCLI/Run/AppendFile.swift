// AppendFile: a file that log lines are appended to, whole lines at a time, from several threads.
import Campaign
import Foundation

/// A log file opened for appending (created 0600: it names recipients), written line by line under a lock.
final class AppendFile: Sendable {
    /// The descriptor, used only under its lock (a `Locked<Void>` would be zero-sized, and ThreadSanitizer
    /// then mistakes the lock's own field for the guarded value and reports a race).
    private let descriptor: Locked<Int32>

    /// - Throws: `FileError` (exit 73) when it cannot be opened.
    init(path: String, shown: String, role: String) throws(FileError) {
        let opened = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard opened >= 0 else {
            throw FileError(.cannotWrite(reason: String(cString: strerror(errno))), path: shown, role: role)
        }
        descriptor = Locked(opened)
    }

    deinit { descriptor.withLock { _ = close($0) } }

    /// Appends `text`; O_APPEND makes each write land at the end even with other writers (logrotate's copy).
    func write(_ text: String) {
        let bytes = Array(text.utf8)
        descriptor.withLock { _ = Self.writeAll(bytes, to: $0) }
    }

    /// Writes all of `bytes` (retrying short writes and EINTR); false when the descriptor refuses (EPIPE, ENOSPC).
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }
}
