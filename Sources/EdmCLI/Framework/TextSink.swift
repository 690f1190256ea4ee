// TextSink: where a streamed command output goes: standard output, or a file that appears only when complete.
import Campaign
import Foundation

/// A `TextOutputStream` that writes in 64 KiB chunks, so a report of a million rows never sits in memory.
///
/// To a file, text goes to a temporary file beside it that `finish()` renames over the target: a reader (or
/// a cron job mailing the report) never sees half a report, and a failed run leaves the old one in place.
final class TextSink: TextOutputStream {
    private static let chunkSize = 1 << 16
    private enum Target {
        case standardOutput(Output)
        case file(descriptor: Int32, temporary: String, path: String, shown: String)
    }

    private let target: Target
    private var buffer: [UInt8] = []
    /// The first write error; later writes are dropped and `finish()` throws it.
    private var failure: FileError?

    /// Writes to standard output.
    init(_ output: Output) {
        target = .standardOutput(output)
    }

    /// Writes to a new temporary file beside `path` (mode 0600: reports may hold addresses).
    /// - Throws: `FileError.cannotWrite` (exit 73) naming `shown`.
    init(path: String, shown: String) throws(FileError) {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = (folder as NSString).appendingPathComponent(".\(name).edm-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw FileError(.cannotWrite(reason: String(cString: strerror(errno))), path: shown, role: "report")
        }
        target = .file(descriptor: descriptor, temporary: temporary, path: path, shown: shown)
        buffer.reserveCapacity(Self.chunkSize)
    }

    /// Set by `finish()`; a sink dropped before (an error while reading the journal) removes its temporary file.
    private var finished = false

    deinit {
        if !finished, case .file(let descriptor, let temporary, _, _) = target {
            close(descriptor)
            unlink(temporary)
        }
    }

    func write(_ string: String) {
        buffer.append(contentsOf: string.utf8)
        if buffer.count >= Self.chunkSize { flush() }
    }

    /// Writes what is buffered and, for a file, puts it in place.
    /// - Throws: `FileError.cannotWrite` when any write, the sync or the rename failed (the target is then unchanged).
    func finish() throws(FileError) {
        flush()
        guard !finished, case .file(let descriptor, let temporary, let path, let shown) = target else { return }
        finished = true
        defer { close(descriptor) }
        if failure == nil, fsync(descriptor) != 0 { fail("fsync", shown) }
        if failure == nil, rename(temporary, path) != 0 { fail("rename", shown) }
        if let failure {
            unlink(temporary)
            throw failure
        }
    }

    private func flush() {
        guard !buffer.isEmpty else { return }
        defer { buffer.removeAll(keepingCapacity: true) }
        switch target {
        case .standardOutput(let output):
            output.writeOut(String(decoding: buffer, as: UTF8.self))
        case .file(let descriptor, _, _, let shown):
            guard failure == nil else { return }
            var offset = 0
            while offset < buffer.count {
                let written = buffer[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { return fail("write", shown) }
                offset += written
            }
        }
    }

    private func fail(_ operation: String, _ shown: String) {
        if failure == nil {
            failure = FileError(.cannotWrite(reason: "\(operation): \(String(cString: strerror(errno)))"), path: shown,
                                role: "report")
        }
    }
}
