// TransferEncoding: the choice made from what the quoted-printable pass gathers equals a plain byte-by-byte scan.
@testable import Mail
import Testing

@Suite struct TransferEncodingTests {
    /// The rules of `TransferEncoding.choose`, one byte at a time, as a reference.
    static func reference(_ bytes: [UInt8]) -> TransferEncoding {
        var plain = true
        var escapes = 0
        var lineLength = 0
        var maxLineLength = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0D || byte == 0x0A {
                if lineLength > 0, bytes[index - 1] == 0x20 || bytes[index - 1] == 0x09 { plain = false }
                maxLineLength = max(maxLineLength, lineLength)
                lineLength = 0
                index += byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
                continue
            }
            if byte >= 0x80 || byte == 0x7F || (byte < 0x20 && byte != 0x09) {
                escapes += 1
                plain = false
            } else if byte == 0x3D {
                escapes += 1
                if index + 1 < bytes.count, bytes[index + 1] == 0x5F { plain = false }
            } else if lineLength == 0, bytes[index...].starts(with: Array("From ".utf8)) {
                plain = false
            }
            lineLength += 1
            index += 1
        }
        if lineLength > 0, let last = bytes.last, last == 0x20 || last == 0x09 { plain = false }
        maxLineLength = max(maxLineLength, lineLength)
        return TransferEncoding.choose(
            count: bytes.count, TextStatistics(escapes: escapes, plain: plain, maxLineLength: maxLineLength))
    }

    static func fused(_ bytes: [UInt8], stopAtBase64: Bool = false) -> TransferEncoding {
        var out: [UInt8] = []
        let statistics = bytes.withUnsafeBufferPointer { QuotedPrintable.append($0, to: &out, stopAtBase64: stopAtBase64) }
        return TransferEncoding.choose(count: bytes.count, statistics)
    }

    @Test("fixed cases: 7bit, quoted-printable and base64 where each belongs")
    func fixedCases() {
        let cases: [(String, TransferEncoding)] = [
            ("", .sevenBit), ("Hello\r\nworld\n", .sevenBit), ("a = b\n", .sevenBit), ("a =_b\n", .quotedPrintable),
            ("trailing \nspace", .quotedPrintable), ("tab\t", .quotedPrintable), ("From me\n", .quotedPrintable),
            ("x\nFrom me", .quotedPrintable), ("a From b\n", .sevenBit), (String(repeating: "a", count: 999), .quotedPrintable),
            (String(repeating: "a", count: 998) + "\n" + String(repeating: "b", count: 998), .sevenBit),
            ("Café au lait", .quotedPrintable), ("春季大促，全场八折", .base64), ("del\u{7F}", .quotedPrintable),
        ]
        for (text, expected) in cases {
            #expect(Self.fused(Array(text.utf8)) == expected, "\(text.debugDescription)")
            #expect(Self.reference(Array(text.utf8)) == expected, "\(text.debugDescription)")
        }
    }

    @Test("20,000 random texts: the fused pass chooses as the byte-by-byte scan does")
    func randomTexts() {
        let pieces: [[UInt8]] = [
            Array("From ".utf8), Array("F".utf8), [0x3D], [0x3D, 0x5F], [0x20], [0x09], [0x0D], [0x0A], [0x0D, 0x0A],
            Array("é".utf8), Array("中".utf8), Array("😀".utf8), [0x7F], [0x01], [0x00], [0xFF], [0xE4], [0xC3],
            Array("plain text".utf8), Array(repeating: 0x61, count: 120), Array(repeating: 0x62, count: 1000),
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0..<24, using: &generator) {
                bytes += pieces[Int.random(in: 0..<pieces.count, using: &generator)]
            }
            // Mostly ASCII texts, so 7bit and quoted-printable both come up often.
            if Bool.random(using: &generator) { bytes = bytes.filter { $0 < 0x80 } }
            let expected = Self.reference(bytes)
            #expect(Self.fused(bytes) == expected, "\(bytes)")
            #expect(Self.fused(bytes, stopAtBase64: true) == expected, "\(bytes)")
        }
    }

    @Test("the escape limit is exactly where base64 becomes smaller")
    func escapeLimit() {
        for count in [0, 1, 2, 3, 10, 75, 76, 77, 100, 1000, 4999, 65536] {
            let limit = TransferEncoding.maxQuotedPrintableEscapes(count: count)
            let at = TextStatistics(escapes: limit, plain: false, maxLineLength: 0)
            let above = TextStatistics(escapes: limit + 1, plain: false, maxLineLength: 0)
            if limit >= 0 { #expect(TransferEncoding.choose(count: count, at) == .quotedPrintable, "\(count)") }
            #expect(TransferEncoding.choose(count: count, above) == .base64, "\(count)")
        }
    }

    /// RFC 2045 §6.7 decoding: `=XY` is the octet, `=` CRLF is a soft break, CRLF is a line end.
    static func decode(_ encoded: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        while index < encoded.count {
            if encoded[index] == 0x3D, index + 2 < encoded.count {
                if encoded[index + 1] == 0x0D && encoded[index + 2] == 0x0A {
                    index += 3
                    continue
                }
                let hex = String(decoding: encoded[(index + 1)...(index + 2)], as: UTF8.self)
                out.append(UInt8(hex, radix: 16) ?? 0)
                index += 3
                continue
            }
            out.append(encoded[index])
            index += 1
        }
        return out
    }

    @Test("5,000 random texts encode to lines of at most 76, no trailing space, no From line, and decode back")
    func quotedPrintableRoundTrip() {
        let pieces: [[UInt8]] = [
            Array("From ".utf8), [0x3D], [0x3D, 0x5F], [0x20], [0x09], [0x0D, 0x0A], [0x0A], Array("中文".utf8),
            Array("é".utf8), Array("😀".utf8), [0xE4], Array(repeating: 0x61, count: 70), Array("<a href=\"x\">".utf8),
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0..<30, using: &generator) {
                bytes += pieces[Int.random(in: 0..<pieces.count, using: &generator)]
            }
            var encoded: [UInt8] = []
            bytes.withUnsafeBufferPointer { _ = QuotedPrintable.append($0, to: &encoded) }
            var normalised: [UInt8] = []
            bytes.withUnsafeBufferPointer { TextBody.appendNormalised($0, to: &normalised) }
            #expect(Self.decode(encoded) == normalised, "\(bytes)")
            let lines = encoded.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast()
            for line in lines {
                #expect(line.last == 0x0D)
                let content = line.dropLast()
                #expect(content.count <= 76, "\(bytes)")
                #expect(content.last != 0x20 && content.last != 0x09, "\(bytes)")
                #expect(!content.starts(with: Array("From ".utf8)), "\(bytes)")
            }
        }
    }
}
