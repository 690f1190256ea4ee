// DKIMBase64: base64 for DKIM's bh=, b= and p= values: encoding shared with MIME, decoding that allows whitespace.

/// Base64 with the standard alphabet and padding, as DKIM's `base64string` (RFC 6376 §2.4) uses it.
enum DKIMBase64 {
    /// `bytes` as base64 characters, padded with `=` (the MIME encoder's, on one line).
    static func encode(_ bytes: [UInt8]) -> [UInt8] {
        var out = [UInt8]()
        bytes.withUnsafeBufferPointer { Base64.append($0, to: &out) }
        return out
    }

    /// `bytes` as a base64 string.
    static func encodeToString(_ bytes: [UInt8]) -> String {
        String(decoding: encode(bytes), as: UTF8.self)
    }

    /// Decodes `text`, skipping whitespace (RFC 6376 §3.6.1 allows FWS inside `p=`).
    /// - Returns: nil when a character is outside the alphabet, padding is misplaced or the length is wrong.
    static func decode(_ text: String) -> [UInt8]? {
        var out = [UInt8]()
        var accumulator: UInt32 = 0
        var count = 0
        var padding = 0
        for character in text.utf8 {
            if character == 0x20 || character == 0x09 || character == 0x0D || character == 0x0A { continue }
            if character == UInt8(ascii: "=") {
                padding += 1
                continue
            }
            guard padding == 0, let value = sextet(character) else { return nil }
            accumulator = accumulator << 6 | UInt32(value)
            count += 1
            if count == 4 {
                out.append(UInt8(accumulator >> 16 & 0xFF))
                out.append(UInt8(accumulator >> 8 & 0xFF))
                out.append(UInt8(accumulator & 0xFF))
                accumulator = 0
                count = 0
            }
        }
        switch (count, padding) {
        case (0, 0):
            break
        case (2, 0), (2, 2):
            out.append(UInt8(accumulator >> 4 & 0xFF))
        case (3, 0), (3, 1):
            out.append(UInt8(accumulator >> 10 & 0xFF))
            out.append(UInt8(accumulator >> 2 & 0xFF))
        default:
            return nil
        }
        return out
    }

    private static func sextet(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): character - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): character - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }
}
