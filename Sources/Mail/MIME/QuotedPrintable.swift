// QuotedPrintable: the quoted-printable content-transfer-encoding for text bodies (RFC 2045 §6.7).

/// Quoted-printable encoding of text whose line ends may be CR, LF or CRLF; every line end is written
/// as a CRLF hard break.
enum QuotedPrintable {
    // RFC 2045 §6.7 rule 5: encoded lines must not be longer than 76 characters, not counting the CRLF;
    // a soft break's "=" counts, so a line that continues holds at most 75 other characters.
    static let maxLineLength = 76

    /// True when `bytes` has `From ` at `index` (an mbox separator some agents rewrite as `>From `).
    @inline(__always)
    static func startsFromLine(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        index + 5 <= bytes.count && bytes[index] == 0x46 && bytes[index + 1] == 0x72 && bytes[index + 2] == 0x6F
            && bytes[index + 3] == 0x6D && bytes[index + 4] == ASCII.space
    }

    /// Appends the quoted-printable form of `bytes` to `out`, ending with CRLF.
    static func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.reserveCapacity(out.count + bytes.count + bytes.count / 8 + 64)
        let count = bytes.count
        var lineLength = 0
        var index = 0
        while index < count {
            let byte = bytes[index]
            if byte == ASCII.carriageReturn || byte == ASCII.lineFeed {
                out.appendCRLF()
                lineLength = 0
                index += byte == ASCII.carriageReturn && index + 1 < count && bytes[index + 1] == ASCII.lineFeed ? 2 : 1
                continue
            }
            // A unit is one octet, or a whole UTF-8 sequence kept on one line for readability.
            var unitLength = 1
            if byte >= 0xC2 && byte <= 0xF4 {
                let expected = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                if index + expected <= count { unitLength = expected }
            }
            let next = index + unitLength
            let endsLine = next == count || bytes[next] == ASCII.carriageReturn || bytes[next] == ASCII.lineFeed
            var escaped = unitLength > 1 || needsEscape(byte, endsLine: endsLine)
            var width = escaped ? 3 * unitLength : 1
            if lineLength + width > (endsLine ? maxLineLength : maxLineLength - 1) {
                out.append(ASCII.equals)      // RFC 2045 §6.7 rule 5: soft line break
                out.appendCRLF()
                lineLength = 0
            }
            if lineLength == 0 && !escaped && startsFromLine(bytes, at: index) {
                escaped = true
                width = 3
            }
            if escaped {
                for position in index..<next {
                    let octet = bytes[position]
                    out.append(ASCII.equals)
                    out.append(ASCII.hexDigit(octet >> 4))
                    out.append(ASCII.hexDigit(octet & 0x0F))
                }
            } else {
                out.append(byte)
            }
            lineLength += width
            index = next
        }
        if lineLength > 0 { out.appendCRLF() }
    }

    // RFC 2045 §6.7 rules 1–3: "=" and non-printables are escaped; so is whitespace ending a line.
    @inline(__always)
    private static func needsEscape(_ byte: UInt8, endsLine: Bool) -> Bool {
        if byte == ASCII.space || byte == ASCII.tab { return endsLine }
        return byte < 0x21 || byte > 0x7E || byte == ASCII.equals
    }
}
