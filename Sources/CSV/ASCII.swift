// ASCII.swift — names for the bytes the CSV grammar is made of.

/// The ASCII bytes the CSV grammar is made of (RFC 4180 §2: DQUOTE, COMMA, CR, LF).
enum ASCII {
    static let nul: UInt8 = 0x00
    static let tab: UInt8 = 0x09
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let quote: UInt8 = 0x22
    static let comma: UInt8 = 0x2C
    static let semicolon: UInt8 = 0x3B
}
