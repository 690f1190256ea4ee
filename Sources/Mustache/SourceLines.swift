// SourceLines: extracts one line of a template source, to quote it in error messages.

/// Quoting source lines for caret displays (compiler-style `file:line:column` reports).
enum SourceLines {
    /// The text of 1-based line `number` without its line end (LF or CRLF); empty when out of range.
    /// Invalid UTF-8 is replaced by U+FFFD, as String decoding does.
    static func text(ofLine number: Int, in bytes: [UInt8]) -> String {
        var line = 1
        var start = 0
        while line < number {
            guard let newline = bytes[start...].firstIndex(of: ASCII.newline) else {
                return ""
            }
            start = newline + 1
            line += 1
        }
        var end = bytes[start...].firstIndex(of: ASCII.newline) ?? bytes.count
        if end > start && bytes[end - 1] == ASCII.carriageReturn {
            end -= 1
        }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
