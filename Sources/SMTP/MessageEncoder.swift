// MessageEncoder: message content as DATA puts it on the wire: CRLF line ends and dot-stuffing (RFC 5321).
import Glibc

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
        encodeClean(content, terminated: terminated) ?? encodeByteByByte(content, terminated: terminated)
    }

    /// The general path: any line ends, any leading dots (internal so tests can compare the two paths).
    static func encodeByteByByte(_ content: [UInt8], terminated: Bool) -> Encoded {
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

    /// The fast path for what edm's MIME builder produces: CRLF line ends only, no line starting with ".",
    /// ending in CRLF. Lines are found with `memchr` and the content copied whole; nil when the content is not
    /// like that, and the byte-by-byte path handles it.
    private static func encodeClean(_ content: [UInt8], terminated: Bool) -> Encoded? {
        let scan: (longest: Int, is8Bit: Bool)? = content.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, buffer.count >= 2,
                  buffer[buffer.count - 2] == 13, buffer[buffer.count - 1] == 10
            else { return nil }
            var lineStart = 0
            var longest = 0
            var high: UInt8 = 0
            while lineStart < buffer.count {
                guard let found = memchr(base + lineStart, 10, buffer.count - lineStart) else { return nil }
                let newline = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                let end = newline - 1  // the CR
                guard end >= lineStart, buffer[end] == 13, buffer[lineStart] != 46 else { return nil }
                // A CR inside the line would be a bare CR.
                if end > lineStart, memchr(base + lineStart, 13, end - lineStart) != nil { return nil }
                longest = max(longest, end - lineStart)
                lineStart = newline + 1
            }
            for byte in buffer { high |= byte }
            return (longest, high >= 0x80)
        }
        guard let scan else { return nil }
        var wire: [UInt8] = []
        wire.reserveCapacity(content.count + 3)
        wire.append(contentsOf: content)
        if terminated { wire.append(contentsOf: terminator) }
        return Encoded(wire: wire, size: content.count, longestLine: scan.longest, is8Bit: scan.is8Bit)
    }

    /// RFC 5321 §4.1.1.4: the end of mail data.
    static let terminator: [UInt8] = [46, 13, 10]
}
