// Tests that hostile reply text (ANSI escapes, invalid UTF-8) is escaped in errors, replies and traces.
import EdmTestSupport
import SMTP
import Testing

@Suite struct DisplayEscapingTests {
    @Test("control characters, invalid UTF-8 and bidi overrides are escaped; ordinary text is kept")
    func escaping() {
        #expect(String(escapingForDisplay: Array("a\u{1B}[2Jb\r\n\t".utf8)) == "a\\x1B[2Jb\\x0D\\x0A\\x09")
        #expect(String(escapingForDisplay: [0x61, 0xFF, 0xC3, 0x28, 0xE2, 0x82]) == "a\\xFF\\xC3(\\xE2\\x82")
        #expect(String(escapingForDisplay: Array("Grüße 日本 \u{202E}evil \u{85}".utf8))
                == "Grüße 日本 \\u{202E}evil \\u{85}")
        // A surrogate, a value past U+10FFFF and an overlong encoding are each invalid, byte by byte.
        #expect(String(escapingForDisplay: [0xED, 0xA0, 0x80, 0xF4, 0x90, 0x80, 0x80, 0xC0, 0x80])
                == "\\xED\\xA0\\x80\\xF4\\x90\\x80\\x80\\xC0\\x80")
        #expect("x\u{7}y".escapedForDisplay == "x\\x07y")
    }

    @Test("ANSI escapes in a server reply are escaped in the error and in the trace")
    func hostileReply() throws {
        let recorder = TranscriptRecorder()
        let evil = "\u{1B}]0;pwned\u{7}\u{1B}[31m"
        let stream = ScriptedStream(
            [.reply("220 mx.test \(evil) ready\n")] + Array(Script.startTLS(post: ["PIPELINING"]).dropFirst())
                + [.server(Array("250 ok\n550 5.1.1 \(evil)unknown ".utf8) + [0xFF, 0xFE] + Array("\r\n554 no\n".utf8)),
                   .reply("250 reset\n")])
        let (client, error) = Script.client(stream, transcript: recorder)
        #expect(error == nil)
        #expect(client.greeting?.text == "mx.test \\x1B]0;pwned\\x07\\x1B[31m ready")
        let envelope = Envelope(sender: "s@mx.test", recipients: ["a@x.test"])
        let result = try client.send(Array("x\r\n".utf8), envelope: envelope)
        let refusal = try #require(result.error)
        #expect(refusal.description
                == "RCPT: the server answered 550 5.1.1 \\x1B]0;pwned\\x07\\x1B[31munknown \\xFF\\xFE")
        for text in [recorder.text, refusal.description, String(describing: result)] {
            #expect(!text.contains("\u{1B}"))
            #expect(!text.contains("\u{7}"))
            #expect(!text.unicodeScalars.contains { $0.value == 0xFFFD })
        }
    }
}
