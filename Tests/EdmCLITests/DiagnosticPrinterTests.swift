// DiagnosticPrinterTests: long or binary source lines are cut around the caret, control characters shown.
import Campaign
@testable import EdmCLI
import Testing

@Suite struct DiagnosticPrinterTests {
    @Test("a line up to 160 characters is shown whole; a longer one around the column, caret still on it")
    func excerptWindow() {
        let short = String(repeating: "a", count: DiagnosticPrinter.maximumExcerptWidth)
        #expect(DiagnosticPrinter.window(short, column: 7) == (short, 7))

        for column in [1, 80, 500, 999, 1000] {
            var scalars = Array(repeating: Character("a"), count: 1000)
            scalars[column - 1] = "X"
            let (excerpt, caret) = DiagnosticPrinter.window(String(scalars), column: column)
            let shown = Array(excerpt)
            #expect(shown.count <= DiagnosticPrinter.maximumExcerptWidth + 2)
            #expect(shown[caret - 1] == "X", "column \(column)")
        }
    }

    @Test("NUL and ESC in a message or source line print as control pictures, never raw")
    func controlCharacters() {
        let (output, _) = Output.capturing()
        let context = CommandContext(output: output, environment: ["NO_COLOR": "1"], currentDirectory: "/",
                                     globals: GlobalOptions(), readStandardInput: { [] })
        let diagnostic = Diagnostic(.error, file: "s.txt", line: 1, column: 1,
                                    message: "'\u{0}\u{1B}[31m' is not an address", sourceLine: "\u{0}\u{1B}[31m")
        let text = DiagnosticPrinter.render(diagnostic, context: context)
        #expect(!text.contains("\u{0}") && !text.contains("\u{1B}"))
        #expect(text.contains("'␀␛[31m' is not an address"))
    }
}
