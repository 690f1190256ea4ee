// Base64: RFC 4648 §4 encoding for SASL messages (RFC 4954 §4), without Foundation.

/// Standard base64 with padding.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            let values = Array(chunk) + [UInt8](repeating: 0, count: 3 - chunk.count)
            let group = UInt32(values[0]) << 16 | UInt32(values[1]) << 8 | UInt32(values[2])
            for position in 0..<4 {
                if position <= chunk.count {
                    output.append(alphabet[Int(group >> UInt32(18 - 6 * position) & 0x3F)])
                } else {
                    output.append(UInt8(ascii: "="))
                }
            }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }
}
