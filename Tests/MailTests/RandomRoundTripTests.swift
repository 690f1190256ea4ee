// RandomRoundTripTests: seeded random subjects, names and bodies built from awkward pieces, all parsed by
// Python in one batch: no defects, exact decoding, CRLF-only lines within the limits.
import Foundation
import Mail
import Testing

@Suite struct RandomRoundTripTests {
    static let pieces = [
        "word", "Wörd", "中文", "😀", "👨‍👩‍👧‍👦", "🇨🇳", "e\u{301}", "=?utf-8?q?x?=", "=", "_", "?", "  ", "\t", " ",
        ".", "From ", "--", "=_", "\"", "\\", "<", ">", ",", ";", "(", ")", "@", "é", "ß", "Ω", "\u{A0}",
        String(repeating: "x", count: 90), String(repeating: "长", count: 40), "a=b", "~", "%20",
    ]
    static let bodyPieces = pieces + ["\n", "\r\n", "\r", "\n.\n", "\nFrom me\n", " \n", "\t\n"]

    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        mutating func text(from pieces: [String], count: Int) -> String {
            (0..<count).map { _ in pieces[next(pieces.count)] }.joined()
        }
    }

    @Test("random messages decode exactly", arguments: [1, 2, 3] as [UInt64])
    func randomMessages(seed: UInt64) throws {
        var generator = Generator(state: seed)
        var messages: [OutgoingMessage] = []
        for _ in 0..<25 {
            let subject = generator.text(from: Self.pieces, count: 1 + generator.next(30))
            let name = generator.text(from: Self.pieces.filter { $0.count < 10 }, count: 1 + generator.next(4))
            let body = generator.text(from: Self.bodyPieces, count: generator.next(200))
            let html = generator.text(from: Self.bodyPieces, count: generator.next(200))
            messages.append(Samples.message(
                subject: subject, from: Samples.mailbox(name: name, "from@example.com"), text: body, html: html))
        }
        let built = try messages.map { try MIMEBuilder.build($0, boundarySeed: seed) }
        for bytes in built { #expect(WireChecks.problems(bytes) == []) }
        let parsed = try PythonEmail.parse(built)
        for (message, result) in zip(messages, parsed) {
            #expect(result.error == nil)
            #expect(result.defects == [])
            #expect(result.headerNames == RoundTrip.expectedHeaderNames(message))
            let subject = message.subject.trimmingCharacters(in: [" ", "\t"])
            #expect(result.header("Subject") == (subject.isEmpty ? nil : subject))
            #expect(result.rawHeaders.first { $0.name == "From" }?.value
                == Self.expectedFrom(message.from.displayName ?? ""))
            #expect(result.text("text/plain") == Samples.expectedText(message.text ?? ""))
            #expect(result.text("text/html") == Samples.expectedText(message.html ?? ""))
        }
    }

    /// The From header as an RFC 2047 decoder shows it: the name as given (trimmed), quoted when the
    /// builder quoted it, then the address.
    static func expectedFrom(_ name: String) -> String {
        let trimmed = name.trimmingCharacters(in: [" ", "\t"])
        if trimmed.isEmpty { return "from@example.com" }
        let needsEncoding = trimmed.unicodeScalars.contains { !$0.isASCII } || trimmed.contains("=?")
        let atoms = !trimmed.contains("  ") && trimmed.unicodeScalars.allSatisfy {
            $0 == " " || "!#$%&'*+-/=?^_`{|}~".unicodeScalars.contains($0)
                || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)))
        }
        if needsEncoding || atoms { return trimmed + " <from@example.com>" }
        let escaped = trimmed.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"" + escaped + "\" <from@example.com>"
    }
}
