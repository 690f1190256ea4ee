// RFC2047Tests: encoded-word sizes, grapheme-safe splitting, B/Q choice and folding of header values.
import Foundation
import Mail
import Testing

@Suite struct RFC2047Tests {
    /// Decodes one `=?utf-8?X?...?=` word to its bytes.
    static func decode(_ word: Substring) -> [UInt8]? {
        let parts = word.dropFirst(2).dropLast(2).split(separator: "?", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].lowercased() == "utf-8" else { return nil }
        if parts[1] == "B" { return Data(base64Encoded: String(parts[2])).map { [UInt8]($0) } }
        var bytes: [UInt8] = []
        var index = parts[2].startIndex
        while index < parts[2].endIndex {
            let character = parts[2][index]
            if character == "=" {
                let hex = parts[2][parts[2].index(after: index)...].prefix(2)
                guard let value = UInt8(hex, radix: 16) else { return nil }
                bytes.append(value)
                index = parts[2].index(index, offsetBy: 3)
            } else {
                bytes.append(character == "_" ? 0x20 : character.asciiValue ?? 0)
                index = parts[2].index(after: index)
            }
        }
        return bytes
    }

    static func words(_ folded: String) -> [Substring] {
        folded.split(whereSeparator: { $0 == " " || $0 == "\r\n" }).filter { $0.hasPrefix("=?") }
    }

    static let values = [
        String(repeating: "👨‍👩‍👧‍👦", count: 12),
        String(repeating: "🇨🇳🇯🇵🇺🇸", count: 10),
        String(repeating: "e\u{301}\u{302}\u{303}", count: 30),
        String(repeating: "中文标题", count: 40),
        "Z" + String(repeating: "\u{301}", count: 40),
        String(repeating: "Ärger über Öl Übel ", count: 8),
    ]

    @Test("encoded-words are at most 75 characters, hold whole grapheme clusters, and decode exactly",
          arguments: values)
    func graphemeSafe(_ value: String) throws {
        let folded = try RFC2047.encodeHeaderValue(value, fieldName: "Subject")
        var decoded = ""
        var clusterCount = 0
        for word in Self.words(folded) {
            #expect(word.count <= 75)
            let bytes = try #require(Self.decode(word))
            let piece = try #require(String(validating: bytes, as: UTF8.self))
            decoded += piece
            clusterCount += piece.count
        }
        #expect(decoded == value.trimmingCharacters(in: .whitespaces))
        // The zalgo cluster is longer than one encoded-word can hold, so it alone may be split.
        if value.unicodeScalars.first != "Z" { #expect(clusterCount == decoded.count) }
        for (index, line) in ("Subject: " + folded).components(separatedBy: "\r\n").enumerated() {
            #expect(line.utf8.count <= 78, "line \(index): \(line)")
            if index > 0 { #expect(line.hasPrefix(" ")) }
        }
    }

    @Test("Q for mostly-Latin text, B for CJK")
    func encodingChoice() throws {
        #expect(try RFC2047.encodeHeaderValue("Qualitätssicherungsmaßnahmen", fieldName: "Subject")
            == "=?utf-8?Q?Qualit=C3=A4tssicherungsma=C3=9Fnahmen?=")
        #expect(try RFC2047.encodeHeaderValue("Café", fieldName: "Subject") == "=?utf-8?B?Q2Fmw6k=?=")
        #expect(try RFC2047.encodeHeaderValue("中文", fieldName: "Subject") == "=?utf-8?B?5Lit5paH?=")
        #expect(try RFC2047.encodeHeaderValue("Hi 中文 there", fieldName: "Subject") == "Hi =?utf-8?B?5Lit5paH?= there")
    }

    @Test("ASCII values are folded at whitespace and never encoded")
    func asciiFolding() throws {
        let value = (1...30).map { "word\($0)" }.joined(separator: " ")
        let folded = try RFC2047.encodeHeaderValue(value, fieldName: "Subject")
        #expect(!folded.contains("=?"))
        #expect(folded.replacingOccurrences(of: "\r\n", with: "") == value)
        for line in ("Subject: " + folded).components(separatedBy: "\r\n") { #expect(line.utf8.count <= 78) }
    }
}
