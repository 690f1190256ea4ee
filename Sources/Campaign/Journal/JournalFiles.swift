// JournalFiles: the POSIX calls the journal, its lock and the outbox share: retries, errno text, directories.
import Foundation

/// Thin wrappers over POSIX file calls: `EINTR` retried, errors turned into `JournalError` with errno text.
enum JournalFiles {
    /// `strerror` text with a lower-case first letter, to fit edm's lower-case messages.
    static func reason(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }

    /// Writes every byte, looping over short writes (POSIX allows `write` to return less than asked).
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(JournalError) {
        var offset = 0
        while offset < bytes.count {
            let count = write(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
            if count < 0 {
                let code = errno
                if code == EINTR { continue }
                throw JournalError(.writeFailed(reason: reason(code)), path: path)
            }
            offset += count
        }
    }

    /// `fdatasync(2)`, retried only on `EINTR`.
    ///
    /// Enough for an appended file: it also flushes the size change needed to read the new data back (POSIX
    /// "synchronized I/O data integrity completion"). A failure is never retried: after a failed fsync Linux may have
    /// dropped the dirty pages, so a second call could falsely succeed.
    static func syncData(_ descriptor: Int32, path: String) throws(JournalError) {
        while fdatasync(descriptor) != 0 {
            let code = errno
            if code == EINTR { continue }
            throw JournalError(.syncFailed(reason: reason(code)), path: path)
        }
    }

    /// `fsync` on a directory, which makes the names created, renamed or removed in it durable
    /// (POSIX leaves this to the directory; Linux requires it after `open(O_CREAT)` and `rename`).
    static func syncDirectory(_ directory: String) throws(JournalError) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw JournalError(.syncFailed(reason: reason(errno)), path: directory)
        }
        defer { close(descriptor) }
        while fsync(descriptor) != 0 {
            let code = errno
            if code == EINTR { continue }
            // Some file systems cannot fsync a directory at all; there is nothing more to make durable.
            if code == EINVAL || code == EROFS { return }
            throw JournalError(.syncFailed(reason: reason(code)), path: directory)
        }
    }

    /// `Array.withUnsafeBytes` with a typed error (the standard library's version only rethrows `any Error`).
    static func withBytes(
        _ bytes: [UInt8], _ body: (UnsafeRawBufferPointer) throws(JournalError) -> Void
    ) throws(JournalError) {
        var failure: JournalError?
        bytes.withUnsafeBytes { raw in
            do throws(JournalError) {
                try body(raw)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }

    /// `open(2)`, callable from types that have an `open` method of their own.
    static func openDescriptor(_ path: String, _ flags: Int32, _ mode: mode_t = 0) -> Int32 {
        open(path, flags, mode)
    }

    /// `close(2)`, callable from types that have a `close()` method of their own.
    static func closeDescriptor(_ descriptor: Int32) {
        _ = close(descriptor)
    }

    /// The directory part of `path` ("." when there is none).
    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// Creates `directory` and any missing parents, making each new name durable in its parent.
    ///
    /// Mode 0700: journals and outboxes hold addresses. Refuses a path that exists and is not a directory.
    static func makeDirectories(_ directory: String, mode: mode_t = 0o700) throws(JournalError) {
        var info = stat()
        if stat(directory, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else { throw JournalError(.notADirectory, path: directory) }
            return
        }
        let parentDirectory = parent(of: directory)
        if parentDirectory != directory {
            try makeDirectories(parentDirectory, mode: mode)
        }
        if mkdir(directory, mode) != 0 {
            let code = errno
            // Another process may have created it meanwhile; then it only has to be a directory.
            guard code == EEXIST, stat(directory, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
                let kind: JournalError.Kind = code == EEXIST ? .notADirectory : .cannotCreate(reason: reason(code))
                throw JournalError(kind, path: directory)
            }
            return
        }
        try syncDirectory(parentDirectory)
    }

    /// Whether `path` exists (without following a final symlink's absence as "missing").
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }
}
