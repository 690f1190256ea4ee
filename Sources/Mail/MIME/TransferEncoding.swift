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

    /// Chooses an encoding for a text of `count` bytes from what `QuotedPrintable.append` saw in it.
    ///
    /// 7bit only when the text is plain ASCII with no control characters, no line over 998 octets
    /// (RFC 2045 §2.7), no trailing whitespace (which transports may strip), no `From ` line (which mbox
    /// may mangle) and no `=_`, the sequence every multipart boundary starts with, so 7bit text can never
    /// contain a boundary. Otherwise quoted-printable or base64, whichever is smaller.
    static func choose(count: Int, _ statistics: TextStatistics) -> TransferEncoding {
        // RFC 2045 §2.7: 7bit lines are at most 998 octets before CRLF.
        if statistics.plain && statistics.maxLineLength <= 998 { return .sevenBit }
        return quotedPrintableSize(count: count, escapes: statistics.escapes) <= base64Size(count: count)
            ? .quotedPrintable : .base64
    }

    // Each escaped octet costs three characters in quoted-printable; base64 costs four per three
    // octets. Both add line breaks: soft breaks ("=" CRLF) every 75 characters, CRLF every 76.
    private static func quotedPrintableSize(count: Int, escapes: Int) -> Int {
        let characters = count + 2 * escapes
        return characters + characters / 75 * 3
    }

    private static func base64Size(count: Int) -> Int {
        let characters = Base64.encodedLength(count)
        return characters + characters / 76 * 2
    }

    /// The most escapes a text of `count` octets can have and still go as quoted-printable (-1: none).
    static func maxQuotedPrintableEscapes(count: Int) -> Int {
        let limit = base64Size(count: count)
        // The size grows with the escapes; start near the answer and step to it.
        var escapes = max(-1, (limit * 75 / 78 - count) / 2)
        while quotedPrintableSize(count: count, escapes: escapes + 1) <= limit { escapes += 1 }
        while escapes >= 0 && quotedPrintableSize(count: count, escapes: escapes) > limit { escapes -= 1 }
        return escapes
    }
}
