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

    /// What `encode` makes of a message.
    struct Encoded {
        /// The content normalised and dot-stuffed, ending in CRLF (and in ".\r\n" when asked for).
        var wire: [UInt8]
        /// RFC 1870's size: the normalised content without stuffing and without the terminator.
        var size: Int
        /// The longest line, without CRLF or stuffing.
        var longestLine: Int
        /// Some byte is 0x80 or above (BODY=8BITMIME, RFC 6152).
        var is8Bit: Bool
    }

    /// Encodes `content` for DATA in one pass; with `terminated`, the final ".\r\n" is appended too, so content
    /// and dot go out as one buffer without another copy.
    static func encode(_ content: [UInt8], terminated: Bool = false) -> Encoded {
        let cr: UInt8 = 13
        let lf: UInt8 = 10
        let dot: UInt8 = 46
        // Worst case: every byte a bare CR or LF (each becomes two), plus a final CRLF and the terminator.
        let capacity = content.count * 2 + 5
        var size = 0
        var longestLine = 0
        var high: UInt8 = 0
        let wire = [UInt8](unsafeUninitializedCapacity: capacity) { output, written in
            var out = 0
            var lineStart = 0  // index in `content` where the current line began
            content.withUnsafeBufferPointer { bytes in
                let count = bytes.count
                var index = 0
                var atLineStart = true
                while index < count {
                    let byte = bytes[index]
                    high |= byte
                    if byte == cr || byte == lf {
                        // CR LF, a bare CR and a bare LF all end exactly one line.
                        longestLine = max(longestLine, index - lineStart)
                        if byte == cr && index + 1 < count && bytes[index + 1] == lf { index += 1 }
                        output[out] = cr
                        output[out + 1] = lf
                        out += 2
                        size += 2
                        index += 1
                        lineStart = index
                        atLineStart = true
                        continue
                    }
                    if atLineStart && byte == dot {
                        output[out] = dot
                        out += 1
                    }
                    atLineStart = false
                    output[out] = byte
                    out += 1
                    size += 1
                    index += 1
                }
                longestLine = max(longestLine, count - lineStart)
                if !atLineStart {
                    output[out] = cr
                    output[out + 1] = lf
                    out += 2
                    size += 2
                }
            }
            if terminated {
                output[out] = dot
                output[out + 1] = cr
                output[out + 2] = lf
                out += 3
            }
            written = out
        }
        return Encoded(wire: wire, size: size, longestLine: longestLine, is8Bit: high >= 0x80)
    }

    /// RFC 5321 §4.1.1.4: the end of mail data.
    static let terminator: [UInt8] = [46, 13, 10]
}
