// CSVRecord.swift — one data record of a CSV file: its fields and the line it starts on.

/// One data record (RFC 4180 §2.1): its fields, in header order, and where it starts.
public struct CSVRecord: Sendable, Equatable {
    /// The 1-based physical line the record starts on, so messages can cite `recipients.csv:17`.
    ///
    /// Lines end at LF, CRLF or a lone CR, including the line breaks inside quoted fields, so a record
    /// after a field spanning three lines starts three lines further on.
    public var line: Int

    /// The field values with quoting removed: surrounding quotes dropped, doubled quotes made single, and
    /// line breaks inside quoted fields kept exactly as written (LF, CRLF or CR).
    public var fields: [String]

    /// Creates a record.
    ///
    /// - Parameters:
    ///   - line: The 1-based physical line the record starts on.
    ///   - fields: The field values.
    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}
