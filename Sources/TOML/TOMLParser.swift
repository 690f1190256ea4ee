// TOMLParser: the public entry points for parsing TOML 1.0.0 documents.

/// Parses TOML 1.0.0 documents (https://toml.io/en/v1.0.0) into ``TOMLTable`` values.
///
/// The parser is strict: it rejects everything the specification rejects, reports the first
/// problem as a ``TOMLError`` with an exact line and column, and bounds nesting of tables and
/// arrays at ``maxNestingDepth`` so hostile input cannot exhaust the stack.
public enum TOMLParser {
    /// The deepest nesting of tables and arrays accepted (the root table is level 0). Deeper input
    /// is reported as an error instead of recursing further.
    public static let maxNestingDepth = 128

    /// Parses a document held in a `String` (which is always valid Unicode).
    public static func parse(_ text: String) throws(TOMLError) -> TOMLTable {
        try parse(bytes: Array(text.utf8))
    }

    /// Parses a document from raw bytes, which must be UTF-8 (a leading byte order mark is
    /// skipped). Invalid UTF-8 is reported as an error at the offending byte.
    public static func parse(bytes: [UInt8]) throws(TOMLError) -> TOMLTable {
        var parser = try TOMLDocumentParser(bytes: bytes)
        return try parser.parseDocument()
    }
}
