// escapedForDisplay: makes untrusted text (server replies) safe to print, log or store.

extension String {
    /// Decodes `bytes` as UTF-8 and escapes anything a terminal or log viewer could misinterpret: C0 and C1
    /// control characters (ESC, CR, LF, NUL, ...) as `\x1B` or `\u{85}`, each byte of invalid UTF-8 as `\xFF`,
    /// and invisible bidi and zero-width format characters as `\u{202E}`.
    public init(escapingForDisplay bytes: some Collection<UInt8>) {
        // Nearly every reply is printable ASCII, which needs no escaping (and no per-scalar work).
        if bytes.allSatisfy({ (0x20...0x7E).contains($0) }) {
            self = String(decoding: bytes, as: UTF8.self)
            return
        }
        let bytes = Array(bytes)
        var output = ""
        var index = 0
        while index < bytes.count {
            if let (scalar, length) = Self.decodeScalar(bytes, at: index) {
                output += Self.escaped(scalar)
                index += length
            } else {
                output += Self.hex(bytes[index])
                index += 1
            }
        }
        self = output
    }

    /// This string with control and invisible format characters escaped (see `init(escapingForDisplay:)`).
    public var escapedForDisplay: String {
        if utf8.allSatisfy({ (0x20...0x7E).contains($0) }) { return self }
        var output = ""
        for scalar in unicodeScalars { output += Self.escaped(scalar) }
        return output
    }

    /// One well-formed UTF-8 scalar at `index` (RFC 3629 §4: no overlongs, surrogates or values past U+10FFFF).
    private static func decodeScalar(_ bytes: [UInt8], at index: Int) -> (Unicode.Scalar, Int)? {
        let lead = bytes[index]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0x00...0x7F: return (Unicode.Scalar(lead), 1)
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xE1...0xEF: length = 3
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        case 0xF1...0xF3: length = 4
        default: return nil
        }
        guard index + length <= bytes.count, secondRange.contains(bytes[index + 1]) else { return nil }
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard (0x80...0xBF).contains(byte) else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        return Unicode.Scalar(value).map { ($0, length) }
    }

    private static func escaped(_ scalar: Unicode.Scalar) -> String {
        let value = scalar.value
        if value < 0x20 || value == 0x7F { return hex(UInt8(value)) }
        if (0x80...0x9F).contains(value) || (0x200B...0x200F).contains(value) || (0x202A...0x202E).contains(value)
            || (0x2066...0x2069).contains(value) || value == 0xFEFF || value == 0x2028 || value == 0x2029 {
            return "\\u{" + String(value, radix: 16, uppercase: true) + "}"
        }
        return String(scalar)
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "B", "C", "D", "E", "F"]
        return "\\x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }
}
