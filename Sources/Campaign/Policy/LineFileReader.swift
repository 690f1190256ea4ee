// LineFileReader: reads a text file line by line through a fixed buffer, so a big list never sits in memory.
import Foundation

/// Streams the lines of a file (without their `\n`) in 1 MiB reads. A million-line suppression list then
/// costs its index, not its text (docs/suppression.md has the measurements).
struct LineFileReader {
    /// Longest line accepted, in bytes without the newline: an entry with its reason and date fits many times
    /// over, and a file without newlines (binary, or not a list at all) is refused before it fills memory.
    static let maximumLineLength = 64 << 10

    /// Calls `body` with each line and its 1-based number.
    /// - Throws: `FileError` naming `shown` (missing, a folder, not a regular file, unreadable), or what
    ///   `body` throws.
    static func forEachLine(
        path: String, shown: String, role: String, _ body: (ArraySlice<UInt8>, Int) throws -> Void
    ) throws {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw FileError(.notFound, path: shown, role: role) }
            throw FileError(.unreadable(reason: String(cString: strerror(code))), path: shown, role: role)
        }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw FileError(.isDirectory, path: shown, role: role) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw FileError(.notRegularFile, path: shown, role: role) }
        // O_NONBLOCK: should the path turn into a fifo after the stat, opening it cannot hang (regular files
        // ignore the flag).
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            throw FileError(.unreadable(reason: String(cString: strerror(errno))), path: shown, role: role)
        }
        defer { close(fd) }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 21)
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var lineNumber = 0
        var atEnd = false
        while !atEnd {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileError(.unreadable(reason: String(cString: strerror(errno))), path: shown, role: role)
            }
            if count == 0 {
                atEnd = true
                if buffer.isEmpty { break }
                buffer.append(0x0A)     // a last line without a newline
            } else {
                buffer.append(contentsOf: chunk[0..<count])
            }
            // Only the bytes just read can hold a newline the last pass did not see.
            var start = 0
            var searchFrom = max(0, buffer.count - (count > 0 ? count : 1))
            while let newline = buffer[searchFrom...].firstIndex(of: 0x0A) {
                lineNumber += 1
                guard newline - start <= maximumLineLength else {
                    throw tooLong(shown: shown, role: role, line: lineNumber)
                }
                try body(buffer[start..<newline], lineNumber)
                start = newline + 1
                searchFrom = start
            }
            buffer.removeFirst(start)
            if buffer.count > maximumLineLength { throw tooLong(shown: shown, role: role, line: lineNumber + 1) }
        }
    }

    /// The error for a line over `maximumLineLength`, pointing just past the limit.
    private static func tooLong(shown: String, role: String, line: Int) -> CampaignFailure {
        CampaignFailure(category: .badData, diagnostics: [
            Diagnostic(.error, file: shown, line: line, column: maximumLineLength + 1,
                       message: "line longer than \(maximumLineLength) bytes; is this file really a \(role)?"),
        ])
    }
}
