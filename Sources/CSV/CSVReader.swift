// CSVReader.swift — the streaming RFC 4180 reader: the header in init, then one CSVRecord per next() call.

/// Reads a CSV file (RFC 4180) record by record, in constant memory.
///
/// The file is read in chunks (`CSVOptions.chunkSize`) and decoded to UTF-8; the reader holds one record at a
/// time, so a file of millions of rows needs no more memory than its longest record. The first non-empty
/// record is the header; every later record must have as many fields (RFC 4180 §2.3, §2.4).
///
/// What is accepted:
/// - fields separated by the delimiter, optionally enclosed in double quotes; inside quotes the delimiter,
///   line breaks and doubled quotes (`""` for `"`) are data (RFC 4180 §2.5–§2.7);
/// - records ending with CRLF, LF or a lone CR, and a last record without a line break (§2.1, §2.2);
/// - a UTF-8 byte-order mark, and any encoding iconv knows (`CSVOptions.encoding`).
///
/// What is skipped: fully empty lines (no bytes between two line breaks), anywhere in the file. A line with
/// only spaces, or only `""`, is a record. This matches Python's `csv` module, which yields `[]` for such
/// lines, once those empty rows are dropped. A one-column file therefore writes an empty value as `""`.
///
/// What is an error, with the line and column where it was found: an unclosed quote (reported where it
/// opened), a quote inside an unquoted field, anything but a delimiter or line break after a closing quote,
/// a record with the wrong number of fields, a NUL character, text that is not valid in the file's
/// encoding, and anything over the limits in `CSVOptions`. The first two are where this reader is stricter
/// than Python's `csv` module (even with `strict=True`), which would keep the quote as text.
///
/// Not `Sendable`: one owner reads it. It owns the file descriptor and closes it in `deinit`.
public final class CSVReader {
    /// The header's names, trimmed of surrounding whitespace; unique and non-empty.
    public let header: [String]

    /// The delimiter in use: the one given in `CSVOptions.delimiter`, or the one sniffed from the header.
    public let delimiter: UInt8

    private let scanner: RecordScanner
    /// An error that leaves the scanner in the middle of a record, thrown again by every later `next()`.
    private var failure: CSVError?

    /// Opens the file at `path` and reads its header.
    ///
    /// - Parameters:
    ///   - path: The file to read.
    ///   - options: Delimiter, encoding, limits and chunk size.
    /// - Throws: `CSVError`: `.fileNotFound`, `.isDirectory` or `.unreadable` if the file cannot be opened;
    ///   `.unknownEncoding` or `.invalidDelimiter` for bad options; `.missingHeader`, `.emptyHeaderName`,
    ///   `.duplicateHeaderName`, or any error of the header record itself.
    public convenience init(path: String, options: CSVOptions = CSVOptions()) throws(CSVError) {
        try self.init(source: FileByteSource(path: path), options: options)
    }

    /// Reads CSV text from memory and reads its header; otherwise the same as `init(path:options:)`.
    ///
    /// - Parameters:
    ///   - bytes: The file's contents.
    ///   - options: Delimiter, encoding, limits and chunk size (which still applies, so tests can split the
    ///     text at every byte).
    /// - Throws: `CSVError` as `init(path:options:)` does, bar the errors of opening a file.
    public convenience init(bytes: [UInt8], options: CSVOptions = CSVOptions()) throws(CSVError) {
        try self.init(source: MemoryByteSource(bytes), options: options)
    }

    private init(source: any ByteSource, options: CSVOptions) throws(CSVError) {
        if let delimiter = options.delimiter, !DelimiterSniffer.isUsable(delimiter) {
            throw CSVError(.invalidDelimiter(delimiter))
        }
        let chunkSize = max(1, options.chunkSize)
        let text = try SourcePipeline.utf8Source(from: source, encoding: options.encoding, chunkSize: chunkSize)
        let limits = RecordScanner.Limits(
            maxFieldBytes: options.maxFieldBytes,
            maxColumns: options.maxColumns,
            maxRecordBytes: options.maxRecordBytes
        )
        let scanner = RecordScanner(window: InputWindow(source: text, chunkSize: chunkSize), limits: limits)
        try Self.skipByteOrderMark(scanner)
        let delimiter: UInt8
        if let given = options.delimiter {
            delimiter = given
        } else {
            delimiter = try Self.sniffDelimiter(scanner, limit: options.maxRecordBytes)
        }
        scanner.setDelimiter(delimiter)
        guard try scanner.nextRecord() else {
            throw CSVError(.missingHeader)
        }
        header = try Self.readHeader(scanner)
        self.delimiter = delimiter
        self.scanner = scanner
    }

    /// Whether reading has stopped at an error that `next()` will throw again on every later call.
    ///
    /// Check this, not the error's kind, before going on after an error: an invalid UTF-8 byte right after
    /// a closing quote is `.invalidUTF8` too, but the scanner cannot resume inside that record, so a caller
    /// that went on by kind alone would loop forever (found by fuzzing; docs/fuzzing.md).
    public var hasFailed: Bool { failure != nil }

    /// Reads the next record.
    ///
    /// Errors about the content of one complete record — a wrong number of fields, or a field that is not
    /// UTF-8 — are thrown after the record has been read past, so a caller that wants to report every bad
    /// row can call `next()` again to go on with the following record. Every other error is final: later
    /// calls throw it again, and `hasFailed` is true.
    ///
    /// - Returns: The record, or `nil` at the end of the file.
    /// - Throws: `CSVError` with the line and column of the problem.
    public func next() throws(CSVError) -> CSVRecord? {
        guard try advance() else { return nil }
        return CSVRecord(line: scanner.recordLine, fields: try scanner.strings())
    }

    /// Reads the next record but makes a string of only its field at `column`: for a pass that needs one
    /// column (the recipient dedupe pre-pass), at a fraction of `next()`'s cost.
    ///
    /// Errors as `next()`, except that the other fields are not checked to be UTF-8.
    /// - Returns: The record's line and that field, or `nil` at the end of the file.
    public func next(column: Int) throws(CSVError) -> (line: Int, field: String)? {
        guard try advance() else { return nil }
        guard column < scanner.fields.count else { throw scanner.fieldCountError(expected: column + 1) }
        return (scanner.recordLine, try scanner.string(for: scanner.fields[column]))
    }

    /// Scans the next record (false at the end), with `next()`'s errors: a failure is final, a record with
    /// the wrong number of fields is not.
    private func advance() throws(CSVError) -> Bool {
        if let failure {
            throw failure
        }
        do {
            guard try scanner.nextRecord() else { return false }
        } catch {
            failure = error
            throw error
        }
        guard scanner.fields.count == header.count else {
            throw scanner.fieldCountError(expected: header.count)
        }
        return true
    }

    /// How many bytes the reader's buffer holds now; for tests that check memory stays flat.
    var bufferCapacity: Int { scanner.window.capacity }

    // MARK: - Opening

    /// Drops U+FEFF from the start of the decoded text: the UTF-8 byte-order mark Excel writes, or the one
    /// a GB18030 or "utf-16le" decoder produced.
    private static func skipByteOrderMark(_ scanner: RecordScanner) throws(CSVError) {
        let window = scanner.window
        while window.count < 3, try scanner.readMore() {}
        if window.bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            window.start += 3
        }
    }

    private static func sniffDelimiter(_ scanner: RecordScanner, limit: Int) throws(CSVError) -> UInt8 {
        var sniffer = DelimiterSniffer()
        // Past the record limit the header is refused anyway; stop there rather than read the whole file.
        while !sniffer.scan(scanner.window.bytes), sniffer.scannedCount <= limit, try scanner.readMore() {}
        return sniffer.delimiter
    }

    /// Validates the header record: names trimmed, none empty, none twice.
    private static func readHeader(_ scanner: RecordScanner) throws(CSVError) -> [String] {
        var names: [String] = []
        var positions: [String: Int] = [:]
        for field in scanner.fields {
            let name = try scanner.string(for: field).trimmingWhitespace()
            let number = names.count + 1
            if name.isEmpty {
                throw scanner.error(.emptyHeaderName(field: number), at: field.origin)
            }
            if let first = positions[name] {
                throw scanner.error(.duplicateHeaderName(name, firstField: first), at: field.origin)
            }
            positions[name] = number
            names.append(name)
        }
        return names
    }
}

@available(*, unavailable, message: "CSVReader has one owner; read it on one task or thread")
extension CSVReader: Sendable {}
