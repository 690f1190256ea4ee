// DKIMByte: the byte constants and classes DKIM's canonicalisation and parsing need (RFC 5234 Appendix B.1).

/// ASCII byte values, named.
///
/// Named for DKIM so these files stay independent of the rest of Mail.
enum DKIMByte {
    static let tab: UInt8 = 0x09
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let colon: UInt8 = 0x3A
    static let crlf: [UInt8] = [0x0D, 0x0A]

    /// RFC 5322 §3.6.8 ftext: printable ASCII except the colon.
    static func isFieldNameByte(_ byte: UInt8) -> Bool {
        byte >= 33 && byte <= 126 && byte != colon
    }

    /// The byte lower-cased if it is an ASCII capital letter.
    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }
}
