// Tests of the DATA encoding: CRLF normalisation and dot-stuffing (RFC 5321 §2.3.8, §4.5.2), smuggling.
@testable import SMTP
import EdmTestSupport
import Testing

@Suite struct MessageEncoderTests {
    private func wire(_ text: String) -> String {
        String(decoding: MessageEncoder.encode(Array(text.utf8)).wire, as: UTF8.self)
    }

    @Test("CRLF stays, bare LF and bare CR become CRLF, a missing last line end is added")
    func lineEnds() {
        #expect(wire("a\r\nb\nc\rd") == "a\r\nb\r\nc\r\nd\r\n")
        #expect(wire("a\r\r\nb") == "a\r\n\r\nb\r\n")
        #expect(wire("") == "")
        #expect(wire("\n") == "\r\n")
    }

    @Test("a leading dot is doubled on every line, including the first")
    func dotStuffing() {
        #expect(wire(".a\r\n..b\r\nc.d\r\n.\r\n") == "..a\r\n...b\r\nc.d\r\n..\r\n")
    }

    @Test("SIZE counts the normalised message without the stuffing dots (RFC 1870 §3)")
    func size() {
        #expect(MessageEncoder.encode(Array(".a\nb".utf8)).size == 7)
    }

    static let smuggling = ["\n.\n", "\r.\r", "\r.\n", "\n.\r", "\n.\r\n", "\r\n.\n", "\r.\r\n", "\r\n.\r",
                            "\r\n\u{0}.\r\n"]

    @Test("no SMTP smuggling sequence survives: no bare CR or LF, no lone dot line", arguments: smuggling)
    func smugglingNeutralised(sequence: String) {
        let content = Array("Subject: x\r\n\r\nbefore\(sequence)MAIL FROM:<evil@x>\r\nafter\r\n".utf8)
        let wire = MessageEncoder.encode(content).wire + MessageEncoder.terminator
        // Every CR is followed by LF and every LF preceded by CR.
        for (index, byte) in wire.enumerated() {
            if byte == 13 { #expect(index + 1 < wire.count && wire[index + 1] == 10) }
            if byte == 10 { #expect(index > 0 && wire[index - 1] == 13) }
        }
        // The only "CRLF . CRLF" is the terminator at the very end.
        let text = String(decoding: wire, as: UTF8.self)
        #expect(text.components(separatedBy: "\r\n.\r\n").count == 2)
        #expect(text.hasSuffix("after\r\n.\r\n"))
    }

    @Test("the fast path for clean CRLF content and the byte-by-byte path agree on 5,000 random messages")
    func fastPathAgrees() {
        var generator = SystemRandomNumberGenerator()
        // Mostly clean CRLF lines (the fast path), sometimes a bare CR or LF, a leading dot, 8-bit bytes or a
        // missing last line end (the general path), so both are exercised and compared.
        let pieces: [[UInt8]] = [Array("abc".utf8), Array("\r\n".utf8), Array("Hello, 世界".utf8), [46], [13], [10],
                                 Array(repeating: 120, count: 90), [0xFF], Array("\r\n.".utf8), []]
        var fast = 0
        for _ in 0..<5000 {
            var content: [UInt8] = []
            for _ in 0..<Int.random(in: 0...40, using: &generator) {
                content += Int.random(in: 0..<10, using: &generator) < 6 ? pieces[1] + pieces[0] : pieces.randomElement(using: &generator) ?? []
            }
            if Bool.random(using: &generator) { content += pieces[1] }
            for terminated in [false, true] {
                let a = MessageEncoder.encode(content, terminated: terminated)
                let b = MessageEncoder.encodeByteByByte(content, terminated: terminated)
                #expect(a.wire == b.wire && a.size == b.size && a.longestLine == b.longestLine && a.is8Bit == b.is8Bit,
                        "\(content)")
            }
            if content.count >= 2, content.suffix(2) == [13, 10], !content.contains(46) { fast += 1 }
        }
        #expect(fast > 100)
    }
}
