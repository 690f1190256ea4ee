// TransferEncoding: picks 7bit, quoted-printable or base64 for a text body (RFC 2045 §2.7, §6.7, §6.8).

/// The content-transfer-encoding chosen for a text part.
enum TransferEncoding: Sendable, Equatable {
    case sevenBit
    case quotedPrintable
    case base64

    /// The `Content-Transfer-Encoding` value.
    var headerValue: String {
        switch self {
        case .sevenBit: "7bit"
        case .quotedPrintable: "quoted-printable"
        case .base64: "base64"
        }
    }

    /// Chooses an encoding for text `bytes` whose line ends may be CR, LF or CRLF.
    ///
    /// 7bit only when the text is plain ASCII with no control characters, no line over 998 octets
    /// (RFC 2045 §2.7), no trailing whitespace (which transports may strip), no `From ` line (which mbox
    /// may mangle) and no `=_`, the sequence every multipart boundary starts with, so 7bit text can never
    /// contain a boundary. Otherwise quoted-printable or base64, whichever is smaller.
    static func choose(for bytes: UnsafeBufferPointer<UInt8>) -> TransferEncoding {
        var plain = true
        var escapes = 0
        var lineLength = 0
        var maxLineLength = 0
        var index = 0
        let count = bytes.count
        guard let base = bytes.baseAddress else { return .sevenBit }
        while index < count {
            // Fast path: a run of printable or 8-bit bytes in the middle of a line needs no per-byte checks;
            // its escapes are counted all at once. While the text may still be 7bit, `=` goes to the byte path
            // (which looks for "=_"); once it cannot, `=` only counts as an escape.
            if lineLength > 0 && index + 8 <= count {
                let run = WordScan.textPrefix(WordScan.load(base, index), stopAtEquals: plain)
                if run.length > 0 {
                    if run.escapes > 0 {
                        escapes += run.escapes
                        plain = false
                    }
                    index += run.length
                    lineLength += run.length
                    continue
                }
            }
            let byte = bytes[index]
            if byte == ASCII.carriageReturn || byte == ASCII.lineFeed {
                if lineLength > 0, ASCII.isWhitespace(bytes[index - 1]) { plain = false }
                if lineLength > maxLineLength { maxLineLength = lineLength }
                lineLength = 0
                if byte == ASCII.carriageReturn, index + 1 < count, bytes[index + 1] == ASCII.lineFeed { index += 1 }
                index += 1
                continue
            }
            if byte >= 0x80 {
                escapes += 1
                plain = false
            } else if byte < ASCII.space {
                if byte != ASCII.tab {
                    escapes += 1
                    plain = false
                }
            } else if byte == ASCII.equals {
                escapes += 1
                if index + 1 < count, bytes[index + 1] == ASCII.underscore { plain = false }
            } else if byte == ASCII.delete {
                escapes += 1
                plain = false
            } else if byte == 0x46, lineLength == 0, QuotedPrintable.startsFromLine(bytes, at: index) {
                plain = false
            }
            lineLength += 1
            index += 1
        }
        if lineLength > 0, ASCII.isWhitespace(bytes[count - 1]) { plain = false }
        if lineLength > maxLineLength { maxLineLength = lineLength }
        // RFC 2045 §2.7: 7bit lines are at most 998 octets before CRLF.
        if plain && maxLineLength <= 998 { return .sevenBit }
        // Each escaped octet costs three characters in quoted-printable; base64 costs four per three
        // octets. Both add line breaks: soft breaks ("=" CRLF) every 75 characters, CRLF every 76.
        let quotedPrintableCharacters = count + 2 * escapes
        let quotedPrintableSize = quotedPrintableCharacters + quotedPrintableCharacters / 75 * 3
        let base64Characters = Base64.encodedLength(count)
        let base64Size = base64Characters + base64Characters / 76 * 2
        return quotedPrintableSize <= base64Size ? .quotedPrintable : .base64
    }
}
