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
}
