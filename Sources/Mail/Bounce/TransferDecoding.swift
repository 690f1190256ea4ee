// TransferDecoding: undoes Content-Transfer-Encoding (RFC 2045 §6.7 quoted-printable, §6.8 base64).

/// Decoders for the two transfer encodings that change bytes. Both are lenient, as RFC 2045 asks of
/// readers: characters outside the alphabet are ignored and damaged escapes are kept as they are.
public enum TransferDecoding {
    /// Decodes `body` according to a Content-Transfer-Encoding value (7bit, 8bit and binary are identity).
    public static func decode(_ body: ArraySlice<UInt8>, encoding: String?) -> [UInt8] {
        switch encoding?.trimmingASCIISpace().lowercased() {
        case "base64": return base64(body)
        case "quoted-printable": return quotedPrintable(body, underscoreIsSpace: false)
        default: return Array(body)
        }
    }

    /// RFC 2045 §6.8: four characters to three bytes; anything outside the alphabet is skipped.
    public static func base64(_ text: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for byte in text {
            let value: UInt32
            switch byte {
            case 0x41...0x5A: value = UInt32(byte - 0x41)
            case 0x61...0x7A: value = UInt32(byte - 0x61 + 26)
            case 0x30...0x39: value = UInt32(byte - 0x30 + 52)
            case 0x2B, 0x2D: value = 62   // '+' (and '-' of the URL alphabet)
            case 0x2F, 0x5F: value = 63   // '/' (and '_')
            case 0x3D: return out          // '=' padding ends the data
            default: continue
            }
            accumulator = accumulator << 6 | value
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        return out
    }

    /// RFC 2045 §6.7 (and RFC 2047 §4.2 "Q", where `_` is a space): `=XX` escapes, soft line breaks.
    public static func quotedPrintable(_ text: ArraySlice<UInt8>, underscoreIsSpace: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            if byte == 0x3D {
                let next = text.index(after: index)
                if next < text.endIndex, text[next] == 0x0A { index = text.index(after: next); continue }
                if next < text.endIndex, text[next] == 0x0D {
                    let after = text.index(after: next)
                    index = after < text.endIndex && text[after] == 0x0A ? text.index(after: after) : after
                    continue
                }
                if text.distance(from: next, to: text.endIndex) >= 2,
                   let high = hexValue(text[next]), let low = hexValue(text[text.index(after: next)]) {
                    out.append(high << 4 | low)
                    index = text.index(next, offsetBy: 2)
                    continue
                }
                // RFC 2045 §6.7 note (2): a lone '=' not followed by hex is kept as is.
                out.append(byte)
            } else if byte == 0x5F && underscoreIsSpace {
                out.append(0x20)
            } else {
                out.append(byte)
            }
            index = text.index(after: index)
        }
        return out
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}
