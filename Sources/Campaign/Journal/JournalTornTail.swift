// JournalTornTail: the incomplete last line a crash can leave, which is ignored and, when writing, cut off.

/// An incomplete or damaged last line of a journal (DESIGN.md invariant 1: "a torn last line is ignored").
///
/// A crash or a full disk during `write(2)` can leave part of a line; so can a power cut after a file-size
/// update whose data never reached the disk (the tail then reads as NUL bytes). Only the last line gets this
/// benefit of the doubt: damage anywhere else is reported as corruption.
public struct JournalTornTail: Sendable, Equatable, CustomStringConvertible {
    /// Byte offset where the ignored tail starts (the end of the last good line).
    public var offset: Int64
    /// Number of bytes ignored (and cut off when the journal is opened for writing).
    public var length: Int64
    /// The 1-based line number of the torn line.
    public var line: Int
    /// Why the line was not accepted.
    public var reason: String

    public init(offset: Int64, length: Int64, line: Int, reason: String) {
        self.offset = offset
        self.length = length
        self.line = line
        self.reason = reason
    }

    public var description: String {
        "ignored an incomplete last line (line \(line), \(length) bytes at offset \(offset)): \(reason)"
    }
}
