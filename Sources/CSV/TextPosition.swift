// TextPosition.swift — turns a byte offset inside a record into a 1-based line and character column.

/// Where a byte sits in the text, computed only when an error needs it.
///
/// The scanner keeps no running column: counting characters for every byte would slow the hot loop for the
/// benefit of error messages alone. Every line an error can be on starts inside the record being scanned
/// (the record's first line, or after a line break inside a quoted field), and that record is still in
/// memory, so the position can be worked out afterwards from the record's first line.
enum TextPosition {
    /// The line and column of `offset` within `bytes`, whose first byte is at column 1 of `firstLine`.
    ///
    /// Lines end at LF, CRLF or a lone CR. Columns count Unicode scalars, i.e. bytes that are not UTF-8
    /// continuation bytes (an invalid byte counts as one).
    ///
    /// - Parameters:
    ///   - offset: The byte to locate; may equal `bytes.count` (the end of the text read so far).
    ///   - bytes: Text starting at the beginning of a line.
    ///   - firstLine: The line number of `bytes[0]`.
    /// - Returns: The 1-based line and column.
    static func locate(_ offset: Int, in bytes: UnsafeBufferPointer<UInt8>, firstLine: Int)
        -> (line: Int, column: Int)
    {
        let end = min(offset, bytes.count)
        var line = firstLine
        var lineStart = 0
        var index = 0
        while index < end {
            let byte = bytes[index]
            if byte == ASCII.lineFeed || byte == ASCII.carriageReturn {
                if byte == ASCII.carriageReturn && index + 1 < end && bytes[index + 1] == ASCII.lineFeed {
                    index += 1
                }
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        var column = 1
        for index in lineStart..<end where bytes[index] & 0xC0 != 0x80 {
            column += 1
        }
        return (line, column)
    }
}
