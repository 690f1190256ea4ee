// InputWindow.swift — the reader's byte buffer: the unfinished record plus what was read after it.

import Glibc

/// A growable window over the decoded input.
///
/// Bytes before `start` are done with; bytes from `start` to `end` are the record being scanned and any
/// bytes read beyond it. A refill first slides the window's contents to the front, so memory stays at one
/// record plus one chunk however long the file is. The scanner refuses records above `maxRecordBytes` before
/// asking for more, which bounds the growth. Owns its memory and frees it in `deinit`.
final class InputWindow {
    /// The first byte of the buffer; valid until the next `refill()`.
    private(set) var base: UnsafeMutablePointer<UInt8>
    /// How many bytes the buffer holds.
    private(set) var capacity: Int
    /// The offset of the first byte still needed.
    var start = 0
    /// The offset one past the last byte read.
    private(set) var end = 0
    /// Whether the source has reported the end of the input.
    private(set) var isAtEnd = false
    private let source: any ByteSource
    private let chunkSize: Int

    /// Creates an empty window over `source`.
    ///
    /// - Parameters:
    ///   - source: Where the (UTF-8) bytes come from.
    ///   - chunkSize: The most bytes to ask for at a time.
    init(source: any ByteSource, chunkSize: Int) {
        self.source = source
        self.chunkSize = chunkSize
        capacity = max(2 * chunkSize, 1_024)
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deallocate()
    }

    /// The number of bytes from `start` to `end`.
    var count: Int { end - start }

    /// The bytes from `start` to `end`.
    var bytes: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + start, count: end - start)
    }

    /// Reads one more chunk after `end`, keeping every byte from `start` on.
    ///
    /// - Returns: `false` once the input is exhausted.
    /// - Throws: `SourceError` from the source.
    func refill() throws(SourceError) -> Bool {
        if isAtEnd { return false }
        if start > 0 {
            memmove(base, base + start, end - start)
            end -= start
            start = 0
        }
        if end == capacity {
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            grown.update(from: base, count: end)
            base.deallocate()
            base = grown
            capacity *= 2
        }
        let room = min(chunkSize, capacity - end)
        let count = try source.read(into: UnsafeMutableBufferPointer(start: base + end, count: room))
        if count == 0 {
            isAtEnd = true
            return false
        }
        end += count
        return true
    }
}
