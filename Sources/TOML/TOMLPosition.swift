// TOMLPosition: a 1-based line/column location inside a TOML document.

/// A location in a TOML document, used for error messages and for pointing users at keys and values.
///
/// Both numbers are 1-based. `column` counts Unicode scalars (not bytes) from the start of the line,
/// so a key written after `"é" = 1, ` reports the column a human would count. A leading UTF-8 byte
/// order mark is not counted.
public struct TOMLPosition: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The 1-based line number.
    public var line: Int
    /// The 1-based column, counted in Unicode scalars.
    public var column: Int

    /// Creates a position from a 1-based line and column.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The start of a document: line 1, column 1.
    public static let start = TOMLPosition(line: 1, column: 1)

    /// `"line L, column C"`, the wording used in error messages.
    public var description: String {
        "line \(line), column \(column)"
    }
}
