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
        var text = "\(location): \(severity) \(diagnostic.message)\n"
        if let source = diagnostic.sourceLine, diagnostic.line > 0 {
            let number = String(diagnostic.line)
            let gutter = String(repeating: " ", count: number.count)
            text += " \(number) | \(visible(source))\n"
            if diagnostic.column > 0 {
                text += " \(gutter) | \(String(repeating: " ", count: diagnostic.column - 1))^\n"
            }
        }
        return text
    }

    /// Control characters shown as U+2400 pictures so a stray CR or ESC cannot garble the terminal.
    private static func visible(_ line: String) -> String {
        String(String.UnicodeScalarView(line.unicodeScalars.map { scalar in
            if scalar == "\t" { return " " }
            if scalar.value < 0x20, let picture = Unicode.Scalar(0x2400 + scalar.value) { return picture }
            if scalar.value == 0x7F { return "\u{2421}" }
            return scalar
        }))
    }
}
