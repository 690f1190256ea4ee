// TextStatistics: what choosing a text body's transfer encoding needs to know about the text.

/// Gathered by `QuotedPrintable.append` while it encodes; read by `TransferEncoding.choose`.
struct TextStatistics: Sendable, Equatable {
    /// Octets quoted-printable must escape wherever they stand: 8-bit, control characters but tab (CR and
    /// LF end lines), `=` and DEL. Whitespace ending a line and `From ` are escaped too, but not counted.
    var escapes = 0
    /// Whether the text can go as 7bit: none of the above but `=`, no `=_`, no whitespace ending a line, no
    /// line starting `From `.
    var plain = true
    /// The longest line in octets, line ends (CR, LF or CRLF) not counted.
    var maxLineLength = 0

    /// Notes one unit of the text: an octet, or a whole UTF-8 sequence (all 8-bit).
    /// - Parameters:
    ///   - endsLine: the unit is followed by a line end or the end of the text.
    ///   - startsLine: the unit is the first of a line.
    @inline(__always)
    mutating func note(_ bytes: UnsafeBufferPointer<UInt8>, unit: Range<Int>, endsLine: Bool, startsLine: Bool) {
        let byte = bytes[unit.lowerBound]
        if byte >= 0x80 {
            escapes += unit.count
            plain = false
        } else if byte == ASCII.space || byte == ASCII.tab {
            if endsLine { plain = false }
        } else if byte < ASCII.space || byte == ASCII.delete {
            escapes += 1
            plain = false
        } else if byte == ASCII.equals {
            escapes += 1
            if unit.upperBound < bytes.count, bytes[unit.upperBound] == ASCII.underscore { plain = false }
        } else if startsLine, byte == 0x46, QuotedPrintable.startsFromLine(bytes, at: unit.lowerBound) {
            plain = false
        }
    }
}
