// CSVError.swift — every way reading a CSV file can fail, with the line and column where it happened.

/// A CSV file that cannot be read, or text that is not a well-formed CSV file (RFC 4180 §2).
///
/// Errors about the text carry the 1-based physical line and the 1-based column of the offending character.
/// Columns count Unicode scalars (a TAB counts as one, a byte-order mark as none) from the start of the
/// physical line, so they match what an editor shows for most text. Errors about the file itself (it does not
/// exist, an unknown encoding name) have `line` and `column` 0.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// No file exists at the path.
        case fileNotFound(path: String)
        /// The file exists but cannot be opened; `reason` is the system's text for `errno`.
        case unreadable(path: String, reason: String)
        /// The path names a directory.
        case isDirectory(path: String)
        /// The path names something other than a regular file or directory: a fifo, a socket, a device.
        case notRegularFile(path: String)
        /// Reading failed part-way; `reason` is the system's text for `errno`.
        case readFailed(reason: String)
        /// The `encoding` option names no encoding iconv knows.
        case unknownEncoding(String)
        /// The `delimiter` option is a byte that cannot delimit fields.
        case invalidDelimiter(UInt8)
        /// The file has no header row: it is empty or holds only blank lines.
        case missingHeader
        /// A header name is empty after trimming whitespace; `field` is its 1-based position.
        case emptyHeaderName(field: Int)
        /// A header name appears twice; `firstField` is the 1-based position of its first appearance.
        case duplicateHeaderName(String, firstField: Int)
        /// A quoted field is never closed; the error points at its opening quote.
        case unclosedQuote
        /// A quote inside a field that does not start with a quote (RFC 4180 §2.5).
        case strayQuote
        /// Something other than a delimiter or a line break follows a closing quote (RFC 4180 §2.6, §2.7).
        case characterAfterClosingQuote(Character)
        /// A record has a different number of fields than the header (RFC 4180 §2.4).
        case fieldCountMismatch(expected: Int, found: Int)
        /// A NUL character, which no recipient list contains unless it is UTF-16 read as UTF-8.
        case nulByte
        /// Bytes that are not UTF-8, with the encoding the file most likely is in.
        case invalidUTF8(byte: UInt8, suggestedEncoding: String)
        /// Bytes that are not valid in the declared encoding; `bytes` are the first ones iconv refused.
        case invalidEncodedInput(encoding: String, bytes: [UInt8])
        /// The file ends in the middle of a multibyte character of the declared encoding.
        case truncatedEncodedInput(encoding: String, bytes: [UInt8])
        /// A field is longer than `maxFieldBytes`; the error points at its start.
        case fieldTooLarge(limit: Int, quoted: Bool)
        /// A record has more than `maxColumns` fields; the error points at the first field too many.
        case tooManyColumns(limit: Int)
        /// A record is longer than `maxRecordBytes`; the error points at its start.
        case recordTooLarge(limit: Int)
    }

    /// What went wrong.
    public var kind: Kind

    /// The 1-based physical line of the problem, or 0 when it concerns the file rather than a place in it.
    public var line: Int

    /// The 1-based column (in Unicode scalars) within `line`, or 0 when `line` is 0.
    public var column: Int

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - kind: What went wrong.
    ///   - line: The 1-based physical line, or 0 for errors about the file as a whole.
    ///   - column: The 1-based column within the line, or 0.
    public init(_ kind: Kind, line: Int = 0, column: Int = 0) {
        self.kind = kind
        self.line = line
        self.column = column
    }

    /// A lower-case, user-facing sentence: `line 17, column 5: unclosed quoted field (opened here)`.
    public var description: String {
        line > 0 ? "line \(line), column \(column): \(kind.message)" : kind.message
    }
}
