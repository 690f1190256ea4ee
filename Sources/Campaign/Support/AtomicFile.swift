// AtomicFile: replace a file's contents all at once (temp file, fsync, rename, fsync folder), under a lock.
import Foundation

/// Whole-file replacement that readers never see half-written: a running `edm send` re-reading a suppression
/// list sees either the old list or the new one, and a crash leaves one of the two on disk.
public enum AtomicFile {
    /// Writes `bytes` to `path`: a temporary file in the same folder (so `rename` stays on one file system),
    /// `fsync`, `rename` over the target, then `fsync` of the folder so the rename itself is durable.
    /// The file keeps its mode; a new file gets `newFileMode`.
    /// - Throws: `FileError.cannotWrite` (exit 73) naming `shown`; the target is then unchanged.
    public static func write(_ bytes: [UInt8], to path: String, shown: String, role: String,
        newFileMode: mode_t = 0o600)
        throws(FileError)
    {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let unique = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let temporary = (folder as NSString).appendingPathComponent(".\(name).edm-\(unique)")
        func fail(_ operation: String) -> FileError {
            let reason = "\(operation): \(String(cString: strerror(errno)))"
            unlink(temporary)
            return FileError(.cannotWrite(reason: reason), path: shown, role: role)
        }
        var mode = newFileMode
        var info = stat()
        if stat(path, &info) == 0 { mode = info.st_mode & 0o7777 }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw fail("cannot create a temporary file beside it") }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else {
                close(fd)
                throw fail("write")
            }
            offset += written
        }
        fchmod(fd, mode)
        guard fsync(fd) == 0 else {
            close(fd)
            throw fail("fsync")
        }
        close(fd)
        guard rename(temporary, path) == 0 else { throw fail("rename") }
        let folderFD = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderFD >= 0 {
            fsync(folderFD)
            close(folderFD)
        }
    }

    /// Runs `body` holding an exclusive `flock` on the folder of `path`, so two `edm suppress` runs editing
    /// lists in the same folder cannot lose each other's changes (read, change, write is not atomic).
    public static func withFolderLock<T>(_ path: String, shown: String, role: String,
        _ body: () throws -> T) throws -> T {
        let folder = (path as NSString).deletingLastPathComponent
        let fd = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else {
            throw FileError(.cannotWrite(reason: "cannot open its folder: \(String(cString: strerror(errno)))"),
                            path: shown, role: role)
        }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw FileError(.cannotWrite(reason: "cannot lock its folder: \(String(cString: strerror(errno)))"),
                                path: shown, role: role)
            }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
