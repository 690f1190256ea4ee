// JournalLineReader: streams a journal file line by line in large reads, with a bound on line length.
import Foundation

/// Reads a file in big chunks and hands out each line's bytes in place (no copy, no String), so loading a
/// journal of millions of lines costs one buffer, not one allocation per line.
final class JournalLineReader {
    /// One line, valid only during the callback.
    struct Line {
        /// The line without its newline (empty when `overlong`).
        var bytes: UnsafeBufferPointer<UInt8>
        /// 1-based line number.
        var number: Int
        /// Offset of the line's first byte in the file.
        var offset: Int64
        /// False for a last line with no newline (cut off by a crash, or not ours).
        var terminated: Bool
        /// The line is longer than `maximumLineLength`; its bytes were skipped.
        var overlong: Bool

        /// Offset just after the line's newline.
        var end: Int64 { offset + Int64(bytes.count) + 1 }
    }

    /// Longest line accepted.
    ///
    /// Writers refuse records over `JournalWriter.maximumRecordLength` (64 KiB), so a longer line is damage, and the
    /// bound keeps a file without newlines from being read into memory whole.
    static let maximumLineLength = 1 << 20
    private static let bufferSize = 2 << 20

    let path: String
    private let descriptor: Int32
    /// File size seen at the end of `forEachLine`.
    private(set) var bytesRead: Int64 = 0

    /// Opens `path` for reading; it must be a regular file.
    init(path: String) throws(JournalError) {
        self.path = path
        // O_NONBLOCK: opening a fifo for reading would otherwise wait for a writer forever; the fstat below
        // then refuses it. On a regular file the flag changes nothing (POSIX: regular files never block).
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            let code = errno
            throw JournalError(code == ENOENT ? .notFound : .readFailed(reason: JournalFiles.reason(code)), path: path)
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw JournalError(.notRegularFile, path: path)
        }
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Calls `body` for every line in order, the unterminated last one included.
    func forEachLine(_ body: (Line) throws(JournalError) -> Void) throws(JournalError) {
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: Self.bufferSize)
        defer { buffer.deallocate() }
        var start = 0  // first byte of the current line
        var end = 0  // end of the bytes read so far
        var searchFrom = 0  // where to look for the next newline
        var base: Int64 = 0  // file offset of buffer[0]
        var number = 0
        var skippedLineOffset: Int64?  // inside an overlong line, its offset

        while true {
            if let found = memchr(buffer + searchFrom, 0x0A, end - searchFrom) {
                let newline = buffer.distance(to: found.assumingMemoryBound(to: UInt8.self))
                number += 1
                if let skipped = skippedLineOffset {
                    try body(Line(bytes: UnsafeBufferPointer(start: buffer, count: 0), number: number,
                                  offset: skipped, terminated: true, overlong: true))
                    skippedLineOffset = nil
                } else {
                    try body(Line(bytes: UnsafeBufferPointer(start: buffer + start, count: newline - start),
                                  number: number, offset: base + Int64(start), terminated: true, overlong: false))
                }
                start = newline + 1
                searchFrom = start
                continue
            }
            if skippedLineOffset == nil, end - start > Self.maximumLineLength {
                skippedLineOffset = base + Int64(start)
            }
            if skippedLineOffset != nil {
                start = end
            }
            if start > 0 {
                // Keep the unfinished line at the front of the buffer and read after it.
                memmove(buffer, buffer + start, end - start)
                base += Int64(start)
                end -= start
                start = 0
            }
            searchFrom = end
            let count = read(descriptor, buffer + end, Self.bufferSize - end)
            if count < 0 {
                let code = errno
                if code == EINTR { continue }
                throw JournalError(.readFailed(reason: JournalFiles.reason(code)), path: path)
            }
            if count == 0 {
                bytesRead = base + Int64(end)
                if let skipped = skippedLineOffset {
                    try body(Line(bytes: UnsafeBufferPointer(start: buffer, count: 0), number: number + 1,
                                  offset: skipped, terminated: false, overlong: true))
                } else if end > start {
                    try body(Line(bytes: UnsafeBufferPointer(start: buffer + start, count: end - start),
                                  number: number + 1, offset: base + Int64(start), terminated: false, overlong: false))
                }
                return
            }
            end += count
        }
    }
}
