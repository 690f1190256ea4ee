// ScratchFile: an anonymous temporary file of fixed-size records, for work too large to hold in memory.
import Foundation

/// A temporary file that holds records on disk instead of in memory (the recipient dedupe pre-pass).
///
/// It is created mode 0600 by `mkstemp` in `$TMPDIR` (or `/tmp`) and unlinked at once: only the open
/// descriptor keeps it alive, so it disappears on every way out of the process, `kill -9` included, and
/// nobody else can open it by name. Writes go through a small buffer; reads are positioned (`pread`), so
/// several readers can share one file. Every I/O error is a `FileError` naming the file's path.
final class ScratchFile {
    /// The name it had when created (for messages; the file has no name any more).
    let path: String
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private let bufferSize: Int
    /// Bytes written so far, buffered ones included.
    private(set) var size = 0

    static let role = "temporary dedupe file"

    /// `$TMPDIR`, or `/tmp` when it is not set.
    static var defaultFolder: String {
        ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    }

    /// - Parameters:
    ///   - folder: where to create it.
    ///   - bufferSize: how many bytes to collect before each `write`.
    /// - Throws: `FileError` when the file cannot be created.
    init(folder: String = ScratchFile.defaultFolder, bufferSize: Int = 16384) throws {
        var template = Array((folder.hasSuffix("/") ? folder : folder + "/").utf8CString.dropLast())
            + Array("edm-dedupe-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { name in name.baseAddress.map { mkstemp($0) } ?? -1 }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard descriptor >= 0 else {
            throw FileError(.cannotWrite(reason: String(cString: strerror(errno))), path: path, role: Self.role)
        }
        // Unlinked now, so no exit path can leave it behind.
        unlink(path)
        self.path = path
        self.descriptor = descriptor
        self.bufferSize = bufferSize
        buffer.reserveCapacity(bufferSize)
    }

    deinit { close(descriptor) }

    /// Appends the raw bytes of `value` (a trivial type: integers, tuples of integers).
    func append<T: BitwiseCopyable>(_ value: T) throws {
        withUnsafeBytes(of: value) { buffer.append(contentsOf: $0) }
        size += MemoryLayout<T>.size
        if buffer.count >= bufferSize { try flush() }
    }

    /// Writes what is buffered.
    func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { bytes in
                bytes.baseAddress.map { write(descriptor, $0 + offset, bytes.count - offset) } ?? 0
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw failure(writing: true)
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Reads up to `into.count` bytes at `offset` (after `flush`); returns how many were read (0 at the end).
    func read(at offset: Int, into target: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let count = pread(descriptor, target.baseAddress, target.count, off_t(offset))
            if count >= 0 { return count }
            if errno != EINTR { throw failure(writing: false) }
        }
    }

    private func failure(writing: Bool) -> FileError {
        let reason = String(cString: strerror(errno))
        return FileError(writing ? .cannotWrite(reason: reason) : .unreadable(reason: reason), path: path, role: Self.role)
    }
}
