// MessageEncoder: message content as DATA puts it on the wire: CRLF line ends and dot-stuffing (RFC 5321).

/// Turns message content into the bytes sent after DATA's 354 reply.
///
/// RFC 5321 §2.3.8: lines end in CRLF only, so every bare CR, bare LF and CRLF becomes CRLF. RFC 5321 §4.5.2:
/// a line starting with "." gets a second "." ("transparency"). Together these neutralise every SMTP
/// smuggling sequence ("\n.\n", "\r.\r", "\r\n.\n", ...): no end-of-data marker other than the final one can
/// reach the server, and no server can read a different one.
enum MessageEncoder {
    /// RFC 5321 §4.5.3.1.6: a text line is at most 1000 octets including CRLF (the stuffing dot not counted).
    static let maximumLineLength = 998

    /// The content normalised and dot-stuffed, ending in CRLF, plus RFC 1870's size (without stuffing) and
    /// the longest line's length (without CRLF or stuffing). The terminating ".\r\n" is not included.
    static func encode(_ content: [UInt8]) -> (wire: [UInt8], size: Int, longestLine: Int) {
        let cr: UInt8 = 13
        let lf: UInt8 = 10
        let dot: UInt8 = 46
        var wire: [UInt8] = []
        wire.reserveCapacity(content.count + content.count / 64 + 8)
        var size = 0
        var longestLine = 0
        var lineLength = 0
        var atLineStart = true
        content.withUnsafeBufferPointer { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == cr || byte == lf {
                    // CR LF, a bare CR and a bare LF all end exactly one line.
                    if byte == cr && index + 1 < bytes.count && bytes[index + 1] == lf { index += 1 }
                    wire.append(cr)
                    wire.append(lf)
                    size += 2
                    longestLine = max(longestLine, lineLength)
                    lineLength = 0
                    atLineStart = true
                } else {
                    if atLineStart && byte == dot { wire.append(dot) }
                    wire.append(byte)
                    size += 1
                    lineLength += 1
                    atLineStart = false
                }
                index += 1
            }
        }
        if !atLineStart {
            wire.append(cr)
            wire.append(lf)
            size += 2
        }
        return (wire, size, max(longestLine, lineLength))
    }

    /// RFC 5321 §4.1.1.4: the end of mail data.
    static let terminator: [UInt8] = [46, 13, 10]
}
