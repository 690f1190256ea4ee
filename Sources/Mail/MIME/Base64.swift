// Base64: the base64 content-transfer-encoding (RFC 2045 §6.8) and the RFC 2047 "B" encoding.

/// Base64 encoding into byte buffers.
enum Base64 {
    // RFC 2045 §6.8: encoded lines must be no more than 76 characters long.
    static let lineLength = 76
    private static let bytesPerLine = lineLength / 4 * 3

    /// Characters needed for `count` input bytes, without line breaks.
    @inline(__always)
    static func encodedLength(_ count: Int) -> Int { (count + 2) / 3 * 4 }

    /// Appends the base64 of `bytes` with no line breaks (for encoded-words).
    static func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.appendUninitialized(count: encodedLength(bytes.count)) { target in
            encode(bytes, into: target)
        }
    }

    /// Appends the base64 of `bytes` in lines of 76 characters separated by CRLF, without a final CRLF.
    static func appendLines(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        let lines = (bytes.count + bytesPerLine - 1) / bytesPerLine
        let total = encodedLength(bytes.count) + max(0, lines - 1) * 2
        out.appendUninitialized(count: total) { target in
            var written = 0
            var offset = 0
            while offset < bytes.count {
                let chunk = min(bytesPerLine, bytes.count - offset)
                if offset > 0 {
                    target[written] = ASCII.carriageReturn
                    target[written + 1] = ASCII.lineFeed
                    written += 2
                }
                encode(UnsafeBufferPointer(rebasing: bytes[offset..<(offset + chunk)]), into: target + written)
                written += encodedLength(chunk)
                offset += chunk
            }
        }
    }

    @inline(__always)
    private static func symbol(_ value: UInt8) -> UInt8 {
        // A–Z, a–z, 0–9, '+', '/' (RFC 2045 Table 1), computed to avoid a table lookup.
        switch value {
        case 0..<26: return 0x41 &+ value
        case 26..<52: return 0x61 &+ (value &- 26)
        case 52..<62: return 0x30 &+ (value &- 52)
        case 62: return 0x2B
        default: return 0x2F
        }
    }

    private static func encode(_ bytes: UnsafeBufferPointer<UInt8>, into target: UnsafeMutablePointer<UInt8>) {
        var input = 0
        var output = 0
        let whole = bytes.count / 3 * 3
        while input < whole {
            let b0 = bytes[input], b1 = bytes[input + 1], b2 = bytes[input + 2]
            target[output] = symbol(b0 >> 2)
            target[output + 1] = symbol((b0 & 0x03) << 4 | b1 >> 4)
            target[output + 2] = symbol((b1 & 0x0F) << 2 | b2 >> 6)
            target[output + 3] = symbol(b2 & 0x3F)
            input += 3
            output += 4
        }
        let rest = bytes.count - whole
        if rest > 0 {
            let b0 = bytes[input]
            let b1: UInt8 = rest == 2 ? bytes[input + 1] : 0
            target[output] = symbol(b0 >> 2)
            target[output + 1] = symbol((b0 & 0x03) << 4 | b1 >> 4)
            target[output + 2] = rest == 2 ? symbol((b1 & 0x0F) << 2) : ASCII.equals
            target[output + 3] = ASCII.equals
        }
    }
}
