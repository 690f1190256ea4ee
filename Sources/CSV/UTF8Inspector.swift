// UTF8Inspector.swift — finds the first byte that is not UTF-8 and guesses which encoding the file is in.

/// Diagnoses text that failed UTF-8 validation.
///
/// Only called on the error path.
enum UTF8Inspector {
    /// The offset of the first byte that does not begin a well-formed UTF-8 sequence, or `nil` if all are.
    ///
    /// Follows the Unicode Standard's table of well-formed UTF-8 byte sequences (Table 3-7, as in
    /// RFC 3629 §4): no overlong forms, no surrogates, nothing above U+10FFFF.
    static func firstInvalidOffset(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            let second: ClosedRange<UInt8>
            switch lead {
            case 0xC2...0xDF: (length, second) = (2, 0x80...0xBF)
            case 0xE0: (length, second) = (3, 0xA0...0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: (length, second) = (3, 0x80...0xBF)
            case 0xED: (length, second) = (3, 0x80...0x9F)
            case 0xF0: (length, second) = (4, 0x90...0xBF)
            case 0xF1...0xF3: (length, second) = (4, 0x80...0xBF)
            case 0xF4: (length, second) = (4, 0x80...0x8F)
            default: return index
            }
            guard index + length <= bytes.count, second.contains(bytes[index + 1]) else { return index }
            for next in index + 2..<index + length where !(0x80...0xBF).contains(bytes[next]) {
                return index
            }
            index += length
        }
        return nil
    }

    /// The encoding to suggest for a file whose first non-UTF-8 byte is `bytes[offset]`.
    ///
    /// Chinese text in GB18030/GBK comes in byte pairs that are both 0x81 or above (GB2312's range is
    /// 0xA1–0xFE for both), while Latin-1 and Windows-1252 text has single high bytes between ASCII letters.
    /// So a high byte followed by another high byte suggests `gb18030`, anything else `windows-1252`.
    static func suggestedEncoding(for bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> String {
        let lead = bytes[offset]
        let next = offset + 1 < bytes.count ? bytes[offset + 1] : 0
        return (0x81...0xFE).contains(lead) && (0x80...0xFE).contains(next) ? "gb18030" : "windows-1252"
    }
}
