// AtomicFile: replace a file's content durably: write a temp file, fsync, rename, fsync the folder (POSIX).
import Foundation

/// Writes whole files so that a crash leaves the old content or the new, never a mixture.
enum AtomicFile {
    static func write(
        _ bytes: [UInt8], to path: String, mode: mode_t, displayPath: String, role: String
    ) throws(FileError) {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = (directory as NSString).appendingPathComponent(
            ".\((path as NSString).lastPathComponent).tmp.\(getpid())")
        func failure(_ what: String) -> FileError {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            return FileError(.cannotWrite(reason: "\(what): \(reason)"), path: displayPath, role: role)
        }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw failure("cannot create a temporary file") }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { raw in
                Glibc.write(descriptor, raw.baseAddress.map { $0 + written }, bytes.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                close(descriptor)
                throw failure("write failed")
            }
            written += count
        }
        guard fsync(descriptor) == 0 else { close(descriptor); throw failure("fsync failed") }
        close(descriptor)
        guard rename(temporary, path) == 0 else { throw failure("rename failed") }
        let folder = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
    }
}
