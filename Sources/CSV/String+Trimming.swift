// String+Trimming.swift — whitespace trimming without Foundation, for header names and encoding names.

extension String {
    /// The string without leading and trailing Unicode whitespace (`Character.isWhitespace`: spaces, TABs,
    /// line breaks, NO-BREAK SPACE and the other `White_Space` characters).
    func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
            let last = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[first...last])
    }
}
