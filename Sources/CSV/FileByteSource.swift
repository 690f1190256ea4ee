// FileByteSource.swift — reads a file through its own descriptor with read(2), one chunk at a time.

import Glibc

/// An open file, read sequentially.
///
/// Owns its descriptor and closes it in `deinit`.
final class FileByteSource: ByteSource {
    private let descriptor: Int32

    /// Opens `path` for reading.
    ///
    /// - Throws: `CSVError` with `.fileNotFound`, `.isDirectory`, `.notRegularFile` or `.unreadable` (with the
    ///   `errno` text).
    init(path: String) throws(CSVError) {
        // O_NONBLOCK: opening a fifo for reading would wait for a writer forever; fstat below refuses it. On
        // a regular file the flag changes nothing (POSIX: reads of regular files never block).
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            let code = errno
            switch code {
            case ENOENT: throw CSVError(.fileNotFound(path: path))
            case EISDIR: throw CSVError(.isDirectory(path: path))
            default: throw CSVError(.unreadable(path: path, reason: Self.text(errno: code)))
            }
        }
        // open(2) succeeds on a directory with O_RDONLY; only fstat tells, and a clear message beats EISDIR
        // from the first read.
        var status = stat()
        if fstat(descriptor, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR {
            close(descriptor)
            throw CSVError(.isDirectory(path: path))
        }
        // A fifo, socket or device has no end a second pass (the journal's input fingerprint) could find again.
        guard status.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw CSVError(.notRegularFile(path: path))
        }
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(SourceError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let count = Glibc.read(descriptor, base, buffer.count)
            if count >= 0 { return count }
            let code = errno
            if code != EINTR {
                throw SourceError(kind: .readFailed(reason: Self.text(errno: code)))
            }
        }
    }

    /// The system's description of an `errno` value, such as "Permission denied".
    static func text(errno code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text)
    }
}
