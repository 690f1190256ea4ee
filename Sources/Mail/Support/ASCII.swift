// ASCII: byte constants and character classes shared by the address parser and the MIME writer.

/// Named ASCII bytes and bit-mask character classes.
///
/// The classes are 128-bit sets split into two `UInt64` masks so a lookup is a shift and a test,
/// with no table to initialise and no Foundation.
enum ASCII {
    static let tab: UInt8 = 0x09
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22           // "
    static let percent: UInt8 = 0x25         // %
    static let apostrophe: UInt8 = 0x27      // '
    static let leftParen: UInt8 = 0x28       // (
    static let rightParen: UInt8 = 0x29      // )
    static let comma: UInt8 = 0x2C
    static let hyphen: UInt8 = 0x2D
    static let dot: UInt8 = 0x2E
    static let slash: UInt8 = 0x2F
    static let zero: UInt8 = 0x30
    static let nine: UInt8 = 0x39
    static let colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B
    static let lessThan: UInt8 = 0x3C
    static let equals: UInt8 = 0x3D
    static let greaterThan: UInt8 = 0x3E
    static let questionMark: UInt8 = 0x3F
    static let at: UInt8 = 0x40
    static let upperA: UInt8 = 0x41
    static let upperZ: UInt8 = 0x5A
    static let leftBracket: UInt8 = 0x5B     // [
    static let backslash: UInt8 = 0x5C
    static let rightBracket: UInt8 = 0x5D    // ]
    static let underscore: UInt8 = 0x5F
    static let lowerA: UInt8 = 0x61
    static let lowerZ: UInt8 = 0x7A
    static let delete: UInt8 = 0x7F

    // RFC 5322 §3.2.3 atext: ALPHA / DIGIT / "!#$%&'*+-/=?^_`{|}~".
    private static let atextLow: UInt64 = 0xA3FF_ACFA_0000_0000
    private static let atextHigh: UInt64 = 0x7FFF_FFFF_C7FF_FFFE
    // RFC 5890 §2.3.1 LDH after lowercasing: a–z, 0–9 and hyphen.
    private static let ldhLow: UInt64 = 0x03FF_2000_0000_0000
    private static let ldhHigh: UInt64 = 0x07FF_FFFE_0000_0000
    // RFC 2047 §5 (3): the only characters a "Q" encoded-word in a phrase may carry literally.
    private static let qSafeLow: UInt64 = 0x03FF_AC02_0000_0000
    private static let qSafeHigh: UInt64 = 0x07FF_FFFE_07FF_FFFE
    // RFC 2231 §7 attribute-char: CHAR except SPACE, CTLs, "*", "'", "%" and tspecials.
    private static let attributeLow: UInt64 = 0x03FF_685A_0000_0000
    private static let attributeHigh: UInt64 = 0x7FFF_FFFF_C7FF_FFFE
    // RFC 2045 §5.1 token: CHAR except SPACE, CTLs and tspecials.
    private static let tokenLow: UInt64 = 0x03FF_6CFA_0000_0000
    private static let tokenHigh: UInt64 = 0x7FFF_FFFF_C7FF_FFFE

    @inline(__always)
    private static func contains(_ byte: UInt8, low: UInt64, high: UInt64) -> Bool {
        if byte < 64 { return (low >> UInt64(byte)) & 1 == 1 }
        if byte < 128 { return (high >> UInt64(byte &- 64)) & 1 == 1 }
        return false
    }

    /// RFC 5322 §3.2.3 atext (ASCII only; RFC 6531 adds UTF-8 non-ASCII, handled by callers).
    @inline(__always) static func isAtext(_ byte: UInt8) -> Bool { contains(byte, low: atextLow, high: atextHigh) }
    /// A lower-case letter, digit or hyphen.
    @inline(__always) static func isLDH(_ byte: UInt8) -> Bool { contains(byte, low: ldhLow, high: ldhHigh) }
    /// Literal in a phrase "Q" encoded-word (RFC 2047 §5 rule 3).
    @inline(__always) static func isQSafe(_ byte: UInt8) -> Bool { contains(byte, low: qSafeLow, high: qSafeHigh) }
    /// RFC 2231 attribute-char, allowed unescaped in an extended parameter value.
    @inline(__always) static func isAttributeChar(_ byte: UInt8) -> Bool {
        contains(byte, low: attributeLow, high: attributeHigh)
    }
    /// RFC 2045 §5.1 token character.
    @inline(__always) static func isTokenChar(_ byte: UInt8) -> Bool { contains(byte, low: tokenLow, high: tokenHigh) }

    /// C0 controls and DEL (RFC 5234 CTL).
    @inline(__always) static func isControl(_ byte: UInt8) -> Bool { byte < 0x20 || byte == delete }
    /// SP or HTAB (RFC 5234 WSP).
    @inline(__always) static func isWhitespace(_ byte: UInt8) -> Bool { byte == space || byte == tab }
    /// An ASCII digit.
    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte &- zero < 10 }
    /// An upper-case ASCII letter.
    @inline(__always) static func isUpper(_ byte: UInt8) -> Bool { byte &- upperA < 26 }
    /// CRLF, the only line end on the wire.
    static let crlf: [UInt8] = [carriageReturn, lineFeed]
    /// RFC 5322 §3.6.8 ftext: printable ASCII except the colon.
    @inline(__always) static func isFieldNameByte(_ byte: UInt8) -> Bool { byte >= 33 && byte <= 126 && byte != colon }
    /// The byte with A–Z mapped to a–z.
    @inline(__always) static func lowercased(_ byte: UInt8) -> UInt8 { isUpper(byte) ? byte | 0x20 : byte }
    /// The upper-case hexadecimal digit for `value` (0–15), as RFC 2045 §6.7 and RFC 2231 require.
    @inline(__always) static func hexDigit(_ value: UInt8) -> UInt8 { value < 10 ? 0x30 &+ value : 0x37 &+ value }

    /// True when `bytes` (UTF-8) holds a character no header or address may carry: a C0 control other
    /// than HTAB (when `allowTab`), DEL, a C1 control (U+0080–U+009F, including NEL) or U+2028/U+2029,
    /// all of which some agent treats as a line break.
    static func containsForbiddenControl(_ bytes: UnsafeBufferPointer<UInt8>, allowTab: Bool) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x20 {
                if !(allowTab && byte == tab) { return true }
            } else if byte == delete {
                return true
            } else if byte == 0xC2, index + 1 < count, bytes[index + 1] < 0xA0 {
                return true
            } else if byte == 0xE2, index + 2 < count, bytes[index + 1] == 0x80,
                bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 {
                return true
            }
            index += 1
        }
        return false
    }
}
