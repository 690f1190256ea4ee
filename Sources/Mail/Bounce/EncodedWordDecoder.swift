// EncodedWordDecoder: decodes RFC 2047 encoded-words (=?charset?B|Q?text?=) in header values.

/// Turns `=?GB2312?B?...?=` and friends back into text.
///
/// RFC 2047 §6.2: white space between adjacent encoded-words is not displayed. Adjacent words in the same
/// charset are joined before decoding, because real mailers split a multibyte character across two words.
public enum EncodedWordDecoder {
    /// The decoded form of an unstructured header value.
    public static func decode(_ value: String) -> String {
        guard value.contains("=?") else { return value }
        var output = ""
        var pendingCharset: String?
        var pendingBytes: [UInt8] = []
        var pendingSpace = ""
        var rest = Substring(value)

        func flush() {
            if let charset = pendingCharset {
                output += CharsetDecoder.decode(pendingBytes, charset: charset)
            }
            pendingCharset = nil
            pendingBytes = []
        }

        while !rest.isEmpty {
            if let (charset, bytes, length) = word(at: rest) {
                if pendingCharset != nil, pendingCharset == charset {
                    pendingBytes += bytes
                } else {
                    flush()
                    pendingCharset = charset
                    pendingBytes = bytes
                }
                pendingSpace = ""
                rest = rest.dropFirst(length)
                continue
            }
            let character = rest.removeFirst()
            if character == " " || character == "\t" || character == "\r\n" || character == "\n" {
                if pendingCharset != nil { pendingSpace.append(character); continue }
                output.append(character)
                continue
            }
            // Ordinary text ends a run of encoded-words; the white space before it is kept.
            flush()
            output += pendingSpace
            pendingSpace = ""
            output.append(character)
        }
        flush()
        return output
    }

    /// Parses one encoded-word at the start of `text`: (charset, bytes, length in characters).
    private static func word(at text: Substring) -> (String, [UInt8], Int)? {
        guard text.hasPrefix("=?") else { return nil }
        let utf8 = Array(text.utf8.prefix(400))
        // RFC 2047 §2: =?charset?encoding?encoded-text?=, no spaces inside.
        var index = 2
        var fields: [ArraySlice<UInt8>] = []
        var start = 2
        while index < utf8.count, fields.count < 2 {
            let byte = utf8[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { return nil }
            if byte == 0x3F { fields.append(utf8[start..<index]); start = index + 1 }
            index += 1
        }
        guard fields.count == 2, fields[1].count == 1 else { return nil }
        var end = start
        while end + 1 < utf8.count, !(utf8[end] == 0x3F && utf8[end + 1] == 0x3D) {
            if utf8[end] == 0x20 || utf8[end] == 0x0A || utf8[end] == 0x0D { return nil }
            end += 1
        }
        guard end + 1 < utf8.count else { return nil }
        let charset = String(decoding: fields[0], as: UTF8.self).lowercased()
        let payload = utf8[start..<end]
        let bytes: [UInt8]
        switch fields[1].first {
        case 0x42, 0x62: bytes = TransferDecoding.base64(payload)
        case 0x51, 0x71: bytes = TransferDecoding.quotedPrintable(payload, underscoreIsSpace: true)
        default: return nil
        }
        let byteLength = end + 2
        let characters = String(decoding: utf8[0..<byteLength], as: UTF8.self).count
        return (charset, bytes, characters)
    }
}
