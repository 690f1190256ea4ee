// CSVCell: one CSV field as RFC 4180 writes it, defused against spreadsheet formula injection.

/// Encodes text cells of exported CSV files.
enum CSVCell {
    /// First characters that make Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP "CSV
    /// Injection": `=`, `+`, `-`, `@`, tab, carriage return). A reply text such as `=HYPERLINK(…)` from a
    /// hostile relay must stay text.
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// `text` as a field: prefixed with `'` when a spreadsheet would run it as a formula, then quoted (RFC 4180
    /// §2 rules 6 and 7: `"` doubled) when it holds a quote, a comma, a semicolon (the separator of many
    /// locales), a line break or a tab, or when it was defused.
    static func encode(_ text: String) -> String {
        var value = text
        var quote = false
        if let first = value.first, formulaStarts.contains(first) {
            value = "'" + value
            quote = true
        }
        quote = quote || value.contains { $0 == "\"" || $0 == "," || $0 == ";" || $0 == "\n" || $0 == "\r" || $0 == "\t" }
        guard quote else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
