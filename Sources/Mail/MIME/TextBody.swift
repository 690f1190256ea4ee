// TextBody: writes a text/plain or text/html part: headers, CRLF-normalised body, transfer encoding.

/// Renders text parts. Line ends are normalised to CRLF (RFC 5322 §2.3: CR and LF only as a pair) and
/// the body always ends with a line break, so every line of the part is terminated.
enum TextBody {
    /// Appends `Content-Type`, `Content-Transfer-Encoding`, a blank line and the encoded text.
    ///
    /// The text is encoded as quoted-printable first, which also tells which encoding it needs
    /// (`TextStatistics`): when that is 7bit or base64, the part is written again that way. One pass in the
    /// common case of non-ASCII text instead of a scan to choose and then the encoding.
    static func append(_ text: [UInt8], subtype: String, to out: inout [UInt8]) {
        text.withUnsafeBufferPointer { bytes in
            let start = out.count
            appendHeaders(subtype: subtype, encoding: .quotedPrintable, to: &out)
            let statistics = QuotedPrintable.append(bytes, to: &out, stopAtBase64: true)
            let encoding = TransferEncoding.choose(count: bytes.count, statistics)
            guard encoding != .quotedPrintable else { return }
            out.removeLast(out.count - start)
            appendHeaders(subtype: subtype, encoding: encoding, to: &out)
            if encoding == .sevenBit {
                appendNormalised(bytes, to: &out)
            } else {
                var normalised: [UInt8] = []
                appendNormalised(bytes, to: &normalised)
                normalised.withUnsafeBufferPointer { Base64.appendLines($0, to: &out) }
                out.appendCRLF()
            }
        }
    }

    private static func appendHeaders(subtype: String, encoding: TransferEncoding, to out: inout [UInt8]) {
        out.append(utf8: "Content-Type: text/")
        out.append(utf8: subtype)
        out.append(utf8: "; charset=utf-8\r\nContent-Transfer-Encoding: ")
        out.append(utf8: encoding.headerValue)
        out.appendCRLF()
        out.appendCRLF()
    }

    /// Appends `bytes` with every CR, LF or CRLF written as CRLF, adding a final CRLF when missing.
    static func appendNormalised(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        guard !bytes.isEmpty else { return }
        out.reserveCapacity(out.count + bytes.count + bytes.count / 16 + 2)
        var runStart = 0
        var index = 0
        let count = bytes.count
        guard let base = bytes.baseAddress else { return }
        while index < count {
            if index + 8 <= count && !WordScan.hasLineBreak(WordScan.load(base, index)) {
                index += 8
                continue
            }
            let byte = bytes[index]
            if byte == ASCII.carriageReturn && index + 1 < count && bytes[index + 1] == ASCII.lineFeed {
                index += 2
                continue
            }
            if byte == ASCII.carriageReturn || byte == ASCII.lineFeed {
                // A bare CR or LF: copy what came before it and write a CRLF in its place.
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                out.appendCRLF()
                index += 1
                runStart = index
                continue
            }
            index += 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<count]))
        let last = bytes[count - 1]
        if last != ASCII.lineFeed && last != ASCII.carriageReturn { out.appendCRLF() }
    }
}
