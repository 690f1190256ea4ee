// TOMLError: a parse error with a human-readable message and the exact line/column it refers to.

/// A TOML syntax or semantic error.
///
/// `message` is a lower-case sentence without a trailing period, e.g.
/// `duplicate key 'name' (first defined at line 3)`. `line` and `column` are 1-based and the
/// column counts Unicode scalars. `sourceLine` is the text of the offending line with control
/// characters replaced by their visible Unicode "control picture" (U+2400 block), tabs kept so a
/// caret lines up, and invalid UTF-8 replaced by U+FFFD.
public struct TOMLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, as a lower-case sentence.
    public var message: String
    /// The 1-based line the error refers to.
    public var line: Int
    /// The 1-based column (in Unicode scalars) the error refers to.
    public var column: Int
    /// The offending line's text, with control characters made visible.
    public var sourceLine: String

    /// Creates an error; `sourceLine` should already have control characters made visible.
    public init(message: String, line: Int, column: Int, sourceLine: String) {
        self.message = message
        self.line = line
        self.column = column
        self.sourceLine = sourceLine
    }

    /// Creates an error at `position`.
    init(_ message: String, at position: TOMLPosition, sourceLine: String) {
        self.init(message: message, line: position.line, column: position.column, sourceLine: sourceLine)
    }

    /// The error's location as a position.
    public var position: TOMLPosition {
        TOMLPosition(line: line, column: column)
    }

    /// `"line 12, column 5: message"`.
    public var description: String {
        "line \(line), column \(column): \(message)"
    }

    /// A compiler-style report naming `file`, quoting the line and putting a caret under the
    /// column:
    ///
    ///     campaign.toml:12:8: error: expected a value after '=', found '='
    ///        12 | name = = 3
    ///           |        ^
    ///
    /// Lines longer than ``maxQuotedWidth`` scalars are cut to a window around the column.
    public func formatted(file: String) -> String {
        let number = String(line)
        let width = max(5, number.count)
        let gutter = String(repeating: " ", count: width - number.count) + number + " |"
        let blankGutter = String(repeating: " ", count: width) + " |"

        var scalars = Array(sourceLine.unicodeScalars)
        var caretIndex = max(0, column - 1)
        if scalars.count > Self.maxQuotedWidth {
            // Keep the caret about a third of the way in so context on both sides stays visible.
            let start = min(max(0, caretIndex - Self.maxQuotedWidth / 3), max(0, scalars.count - Self.maxQuotedWidth))
            let end = min(scalars.count, start + Self.maxQuotedWidth)
            var window = Array(scalars[start..<end])
            caretIndex -= start
            if start > 0 {
                window.insert("…", at: 0)
                caretIndex += 1
            }
            if end < scalars.count {
                window.append("…")
            }
            scalars = window
        }

        var caret = ""
        for index in 0..<caretIndex {
            // Copy tabs so the caret lines up however wide the terminal renders them.
            caret.unicodeScalars.append(index < scalars.count && scalars[index] == "\t" ? "\t" : " ")
        }
        var quoted = ""
        quoted.unicodeScalars.append(contentsOf: scalars)
        let header = "\(file):\(line):\(column): error: \(message)"
        return header + "\n" + gutter + " " + quoted + "\n" + blankGutter + " " + caret + "^"
    }

    /// The widest source line ``formatted(file:)`` quotes in full.
    public static let maxQuotedWidth = 120

    /// Replaces control characters other than tab with their U+2400-block pictures so they are
    /// visible in a terminal, keeping one scalar per scalar so columns still line up.
    static func visible(_ text: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09:
                result.unicodeScalars.append(scalar)
            case 0x00...0x1F:
                result.unicodeScalars.append(Self.picture(scalar.value))
            case 0x7F:
                result.unicodeScalars.append("\u{2421}")
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The control picture for C0 control `value` (U+2400 + value).
    private static func picture(_ value: UInt32) -> Unicode.Scalar {
        Unicode.Scalar(0x2400 + value) ?? "\u{FFFD}"
    }
}
