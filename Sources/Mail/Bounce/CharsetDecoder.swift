// CharsetDecoder: bytes in a MIME charset (RFC 2046 §4.1.2, RFC 2978 names) to a String via glibc iconv(3).
import Glibc

/// Decodes text in the charset a message declares. Never fails: unknown charsets fall back to UTF-8, then
/// GB18030, then Latin-1; invalid sequences become U+FFFD, so a damaged bounce is still classified.
public enum CharsetDecoder {
    /// Decodes `bytes` declared as `charset` (nil: undeclared, which RFC 2045 §5.2 says is US-ASCII; in
    /// practice raw 8-bit text is UTF-8 or, in Chinese mail, GB18030).
    public static func decode(_ bytes: [UInt8], charset: String?) -> String {
        if bytes.isEmpty { return "" }
        if bytes.allSatisfy({ $0 < 0x80 }), !isStateful(charset) { return String(decoding: bytes, as: UTF8.self) }
        let name = charset.map(iconvName) ?? "utf-8"
        if name == "utf-8" || name == "us-ascii" {
            if let text = String(validating: bytes, as: UTF8.self) { return text }
            return convert(bytes, from: "GB18030", strict: true) ?? String(decoding: bytes, as: UTF8.self)
        }
        if let text = convert(bytes, from: name, strict: false) { return text }
        return String(validating: bytes, as: UTF8.self) ?? latin1(bytes)
    }

    /// Decodes a raw (not RFC 2047) header value: UTF-8 when valid (RFC 6532), else GB18030, else Latin-1.
    static func decodeRawHeader(_ bytes: ArraySlice<UInt8>) -> String {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        let array = Array(bytes)
        if let text = String(validating: array, as: UTF8.self) { return text }
        return convert(array, from: "GB18030", strict: true) ?? latin1(array)
    }

    private static func isStateful(_ charset: String?) -> Bool {
        guard let charset = charset?.lowercased() else { return false }
        return charset.hasPrefix("iso-2022") || charset.hasPrefix("utf-7") || charset == "hz-gb-2312"
    }

    /// Maps a declared name to the one glibc knows, widening to the supersets mailers really use: mail
    /// labelled GB2312 is routinely GBK, and Big5 is routinely Big5-HKSCS.
    static func iconvName(_ declared: String) -> String {
        var name = declared.trimmingASCIISpace().lowercased()
        if let star = name.firstIndex(of: "*") { name = String(name[..<star]) }   // RFC 2231 §5 language
        switch name {
        case "utf8", "utf-8", "unicode-1-1-utf-8": return "utf-8"
        case "us-ascii", "ascii", "ansi_x3.4-1968", "": return "us-ascii"
        case "gb2312", "gbk", "x-gbk", "cp936", "gb_2312-80", "euc-cn", "x-euc-cn", "gb18030": return "GB18030"
        case "big5", "x-big5", "cn-big5", "big5-hkscs", "cp950": return "BIG5-HKSCS"
        case "ks_c_5601-1987", "euc-kr", "cp949": return "CP949"
        case "shift_jis", "x-sjis", "sjis", "ms932", "windows-31j", "cp932": return "CP932"
        case "iso-2022-jp": return "ISO-2022-JP-2"
        case "utf-7", "unicode-1-1-utf-7": return "UTF-7"
        default: return name
        }
    }

    static func latin1(_ bytes: [UInt8]) -> String {
        String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }

    /// Converts with iconv; nil when the charset is unknown, or (with `strict`) when any byte is invalid.
    static func convert(_ bytes: [UInt8], from name: String, strict: Bool) -> String? {
        guard let descriptor = iconv_open("UTF-8", name), Int(bitPattern: descriptor) != -1 else { return nil }
        defer { iconv_close(descriptor) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 2 + 16)
        let ok = bytes.withUnsafeBufferPointer { input -> Bool in
            guard let base = input.baseAddress else { return true }
            var offset = 0
            while offset < input.count {
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: base + offset)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = input.count - offset
                let room = inLeft * 4 + 16
                let oldCount = output.count
                output.append(contentsOf: repeatElement(0, count: room))
                var outLeft = room
                let result = output.withUnsafeMutableBytes { raw -> Int in
                    var outPointer: UnsafeMutablePointer<CChar>? = raw.baseAddress.map {
                        ($0 + oldCount).assumingMemoryBound(to: CChar.self)
                    }
                    return iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                }
                let code = errno
                output.removeLast(outLeft)
                offset = input.count - inLeft
                if result != -1 { break }
                if code == E2BIG { continue }
                if strict { return false }
                // EILSEQ or a sequence cut off at the end: mark it and go on (the bounce is still useful).
                output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                offset += 1
                iconv(descriptor, nil, nil, nil, nil)
            }
            return true
        }
        guard ok else { return nil }
        return String(decoding: output, as: UTF8.self)
    }
}

extension StringProtocol {
    /// The string without leading and trailing spaces, tabs, CR and LF.
    func trimmingASCIISpace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !Self.isASCIISpace($0) }),
              let last = scalars.lastIndex(where: { !Self.isASCIISpace($0) })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }

    private static func isASCIISpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\n"
    }
}
