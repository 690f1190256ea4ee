// Byte: named ASCII byte constants and character classes used by the TOML scanner.

/// ASCII constants and classification helpers for scanning UTF-8 bytes.
enum Byte {
    static let tab: UInt8 = 0x09
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22          // "
    static let hash: UInt8 = 0x23           // #
    static let apostrophe: UInt8 = 0x27     // '
    static let plus: UInt8 = 0x2B
    static let comma: UInt8 = 0x2C
    static let minus: UInt8 = 0x2D
    static let dot: UInt8 = 0x2E
    static let zero: UInt8 = 0x30
    static let nine: UInt8 = 0x39
    static let colon: UInt8 = 0x3A
    static let equals: UInt8 = 0x3D
    static let leftBracket: UInt8 = 0x5B    // [
    static let backslash: UInt8 = 0x5C
    static let rightBracket: UInt8 = 0x5D   // ]
    static let underscore: UInt8 = 0x5F
    static let leftBrace: UInt8 = 0x7B      // {
    static let rightBrace: UInt8 = 0x7D     // }
    static let delete: UInt8 = 0x7F

    /// Control characters TOML forbids in comments and strings: U+0000–U+0008, U+000A–U+001F and
    /// U+007F (tab is allowed). Newlines are included; callers check for them first.
    static func isControl(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != tab) || byte == delete
    }

    /// ASCII decimal digit.
    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= zero && byte <= nine
    }

    /// ASCII hexadecimal digit (either case).
    static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
    }

    /// ASCII letter.
    static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    /// A character allowed in a bare key: `A-Z a-z 0-9 _ -` (§Keys).
    static func isBareKey(_ byte: UInt8) -> Bool {
        isLetter(byte) || isDigit(byte) || byte == underscore || byte == minus
    }

    /// The value of a hexadecimal digit, or `nil`.
    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: return UInt32(byte - 0x30)
        case 0x41...0x46: return UInt32(byte - 0x41 + 10)
        case 0x61...0x66: return UInt32(byte - 0x61 + 10)
        default: return nil
        }
    }
}
