// DiagnosticPrinter: prints a diagnostic compiler-style, with the source line and a caret under the column.
import Campaign

/// Renders diagnostics for the terminal.
enum DiagnosticPrinter {
    /// "file:12:5: error: message", then the line and a caret when the source line is known.
    static func render(_ diagnostic: Diagnostic, context: CommandContext) -> String {
        let severity = diagnostic.severity == .error
            ? context.paint("error:", .red) : context.paint("warning:", .yellow)
        var location = diagnostic.file
        if diagnostic.line > 0 {
            location += ":\(diagnostic.line)"
            if diagnostic.column > 0 { location += ":\(diagnostic.column)" }
        }
        let message = diagnostic.message.unicodeScalars.count > maximumMessageWidth
            ? String(String.UnicodeScalarView(diagnostic.message.unicodeScalars.prefix(maximumMessageWidth))) + "…"
            : diagnostic.message
        var text = "\(location): \(severity) \(visible(message, keepingNewlines: true))\n"
        if let source = diagnostic.sourceLine, diagnostic.line > 0 {
            let number = String(diagnostic.line)
            let gutter = String(repeating: " ", count: number.count)
            let (excerpt, caretColumn) = window(source, column: diagnostic.column)
            text += " \(number) | \(visible(excerpt, keepingNewlines: false))\n"
            if diagnostic.column > 0 {
                text += " \(gutter) | \(String(repeating: " ", count: caretColumn - 1))^\n"
            }
        }
        return text
    }

    /// Longest message shown, in Unicode scalars: messages quote the offending text, which in a binary file
    /// can be a whole 64 KiB line.
    static let maximumMessageWidth = 2000

    /// Widest source excerpt shown, in Unicode scalars: a binary file or a minified line can be megabytes
    /// long, and the caret only needs its neighbourhood.
    static let maximumExcerptWidth = 160

    /// The part of `line` around `column` (1-based scalars) that fits `maximumExcerptWidth`, with `…` where
    /// text was cut, and the caret's column within the excerpt.
    static func window(_ line: String, column: Int) -> (String, Int) {
        let scalars = Array(line.unicodeScalars)
        guard scalars.count > maximumExcerptWidth else { return (line, column) }
        let half = maximumExcerptWidth / 2
        let start = max(0, min(max(column - 1, 0) - half, scalars.count - maximumExcerptWidth))
        let end = min(scalars.count, start + maximumExcerptWidth)
        var excerpt = String.UnicodeScalarView(scalars[start..<end])
        var caret = column - start
        if start > 0 {
            excerpt.insert("…", at: excerpt.startIndex)
            caret += 1
        }
        if end < scalars.count { excerpt.append("…") }
        return (String(excerpt), caret)
    }

    /// Control characters shown as U+2400 pictures so a stray CR or ESC cannot garble the terminal.
    /// Messages may quote file content (a NUL, an ESC), so they get the same treatment, newlines apart.
    private static func visible(_ line: String, keepingNewlines: Bool) -> String {
        String(String.UnicodeScalarView(line.unicodeScalars.map { scalar in
            if scalar == "\t" { return " " }
            if keepingNewlines, scalar == "\n" { return scalar }
            if scalar.value < 0x20, let picture = Unicode.Scalar(0x2400 + scalar.value) { return picture }
            if scalar.value == 0x7F { return "\u{2421}" }
            return scalar
        }))
    }
}
