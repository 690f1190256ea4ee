// CSVOptions.swift — the knobs of a CSVReader: delimiter, text encoding, size limits and read chunk size.

/// How a ``CSVReader`` reads its input.
///
/// The defaults suit recipient lists exported by spreadsheets and CRMs: UTF-8 text, a delimiter sniffed from
/// the header line, and limits that stop a broken file (say, one with an unclosed quote) long before it
/// could exhaust memory.
public struct CSVOptions: Sendable, Equatable {
    /// The field delimiter, or `nil` to sniff it from the header line.
    ///
    /// Sniffing counts `,`, `;` and TAB outside quotes in the header line and takes the most frequent one;
    /// ties go to `,`, then `;`, then TAB, and a header without any of them means `,`. A given delimiter must
    /// be an ASCII byte other than `"`, CR, LF and NUL.
    public var delimiter: UInt8?

    /// The name of the file's text encoding.
    ///
    /// `"utf-8"` (the default) is read without conversion and validated. Any other name is decoded to UTF-8 by
    /// glibc's iconv: `"gb18030"`, `"gbk"`, `"big5"`, `"latin1"` (`"iso-8859-1"`), `"windows-1252"`,
    /// `"utf-16"` (`"utf-16le"`, `"utf-16be"`) and every other name `iconv --list` knows. Names are
    /// case-insensitive; iconv suffixes such as `//IGNORE` or `//TRANSLIT` are refused, because they would
    /// silently drop or replace characters.
    ///
    /// A byte-order mark at the start of the file overrides this option, as in the WHATWG Encoding Standard's
    /// "decode" algorithm: `EF BB BF` means UTF-8, `FF FE` UTF-16LE and `FE FF` UTF-16BE. So a UTF-16 file
    /// exported by Excel ("Unicode Text") is read correctly without setting anything.
    public var encoding: String

    /// The longest field accepted, in bytes; default 64 KiB.
    ///
    /// Fields are measured in UTF-8 as written in the file: between the quotes, with doubled quotes
    /// counted twice.
    public var maxFieldBytes: Int

    /// The most fields accepted in one record, header included; default 1,000.
    public var maxColumns: Int

    /// The longest record accepted, in bytes of UTF-8 without its line break; default 1 MiB.
    ///
    /// This bounds the reader's memory: it holds at most one record (plus one chunk) at a time.
    public var maxRecordBytes: Int

    /// How many bytes each `read(2)` asks for; default 64 KiB, and values below 1 count as 1.
    ///
    /// Tests use tiny sizes so that multibyte characters and CRLF pairs straddle chunk boundaries.
    public var chunkSize: Int

    /// Creates options; every parameter defaults to the documented default.
    ///
    /// - Parameters:
    ///   - delimiter: The field delimiter, or `nil` to sniff it from the header line.
    ///   - encoding: The file's text encoding name.
    ///   - maxFieldBytes: The longest field accepted, in bytes.
    ///   - maxColumns: The most fields accepted in one record.
    ///   - maxRecordBytes: The longest record accepted, in bytes.
    ///   - chunkSize: How many bytes each read asks for.
    public init(
        delimiter: UInt8? = nil,
        encoding: String = "utf-8",
        maxFieldBytes: Int = 65_536,
        maxColumns: Int = 1_000,
        maxRecordBytes: Int = 1_048_576,
        chunkSize: Int = 65_536
    ) {
        self.delimiter = delimiter
        self.encoding = encoding
        self.maxFieldBytes = maxFieldBytes
        self.maxColumns = maxColumns
        self.maxRecordBytes = maxRecordBytes
        self.chunkSize = chunkSize
    }
}
