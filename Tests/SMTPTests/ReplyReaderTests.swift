// Tests of reply parsing: multi-line replies, splits across reads, bounds, codes and enhanced status codes.
@testable import SMTP
import EdmTestSupport
import Testing

@Suite struct ReplyReaderTests {
    private func read(_ chunks: [String], chunkSize: Int = .max) throws(SMTPError) -> [Reply] {
        let stream = ScriptedStream(chunks.map { .reply($0) }, chunkSize: chunkSize)
        var reader = ReplyReader()
        var replies: [Reply] = []
        while !stream.scriptFinished {
            replies.append(try reader.readReply(from: stream).0)
        }
        return replies
    }

    @Test("a multi-line reply is one reply; every line keeps its text", arguments: [Int.max, 1, 3])
    func multiLine(chunkSize: Int) throws {
        let replies = try read(["250-mx.test hello\n250-PIPELINING\n250 SIZE 1000\n"], chunkSize: chunkSize)
        #expect(replies == [Reply(code: .ok, lines: ["mx.test hello", "PIPELINING", "SIZE 1000"])])
    }

    @Test("a reply split across reads in the middle of a line and of a CRLF")
    func splitAcrossReads() throws {
        let chunks = ["25", "0-first\r", "\n250 sec", "ond\r\n354 go\r\n"]
        let stream = ScriptedStream(chunks.map { .server(Array($0.utf8)) })
        var reader = ReplyReader()
        let replies = [try reader.readReply(from: stream).0, try reader.readReply(from: stream).0]
        #expect(replies.map(\.code.rawValue) == [250, 354])
        #expect(replies[0].lines == ["first", "second"])
    }

    @Test("a bare code line and a code followed by a space are both complete replies")
    func bareCode() throws {
        #expect(try read(["250\n", "221 \n"]).map(\.lines) == [[""], [""]])
    }

    @Test("lines with different codes are malformed")
    func mixedCodes() {
        #expect(throws: SMTPError(.malformedReply("reply lines carry different codes (250 and 251)"))) {
            try read(["250-a\n251 b\n"])
        }
    }

    @Test("codes outside 200...599 and non-digit starts are malformed",
          arguments: ["199 x\n", "600 x\n", "abc\n", "25\n", "250x\n"])
    func badCodes(line: String) {
        #expect { try read([line]) } throws: { error in
            guard let error = error as? SMTPError, case .malformedReply = error.kind else { return false }
            return error.breaksConnection
        }
    }

    @Test("a line of exactly 8192 bytes is accepted, one byte more is refused")
    func lineLimit() throws {
        let ok = "250 " + String(repeating: "a", count: 8188) + "\n"
        #expect(try read([ok]).count == 1)
        let tooLong = "250 " + String(repeating: "a", count: 8189) + "\n"
        #expect(throws: SMTPError(.malformedReply("reply line longer than 8192 bytes"))) { try read([tooLong]) }
        // Without any line end at all, the reader stops buffering at the limit instead of waiting forever.
        let endless = ScriptedStream([.reply(String(repeating: "b", count: 20000))], chunkSize: 1000)
        var reader = ReplyReader()
        #expect(throws: SMTPError(.malformedReply("reply line longer than 8192 bytes"))) {
            try reader.readReply(from: endless)
        }
    }

    @Test("a reply with more than 256 lines is refused")
    func lineCount() {
        let text = String(repeating: "250-x\n", count: 300) + "250 end\n"
        #expect { try read([text]) } throws: { error in
            guard let error = error as? SMTPError, case .malformedReply = error.kind else { return false }
            return true
        }
    }

    @Test("end of stream in the middle of a reply is a closed connection")
    func truncated() {
        #expect(throws: SMTPError(.connectionClosed)) { try read(["250-partial\n250 no end"]) }
    }

    @Test("RFC 3463 enhanced status codes are parsed when consistent with the reply code")
    func enhancedStatus() throws {
        let replies = try read(["550 5.1.1 <x@y> no such user\n", "250 2.0.0 ok\n", "550 2.1.1 mismatch\n",
                                "250 8BITMIME\n", "451 4.7.650 dmarc\n", "250 1.2.3 bad class\n"])
        #expect(replies.map { $0.enhancedStatus?.description } == ["5.1.1", "2.0.0", nil, nil, "4.7.650", nil])
    }

    @Test("control characters and invalid UTF-8 in reply text are stored escaped")
    func escapedText() throws {
        let stream = ScriptedStream([.server(Array("550 5.7.1 \u{1B}[31mred\u{1B}[0m \u{7}".utf8) + [0xFF, 13, 10])])
        var reader = ReplyReader()
        let reply = try reader.readReply(from: stream).0
        #expect(reply.lines == ["5.7.1 \\x1B[31mred\\x1B[0m \\x07\\xFF"])
        #expect(!reply.description.contains("\u{1B}"))
    }

    @Test("STARTTLS discards bytes buffered after the 220 reply")
    func discardBuffered() throws {
        let stream = ScriptedStream([.reply("220 go\n250 injected\n"), .reply("250 real\n")])
        var reader = ReplyReader()
        #expect(try reader.readReply(from: stream).0.code == .serviceReady)
        #expect(reader.discardBuffered() == 14)
        #expect(try reader.readReply(from: stream).0.lines == ["real"])
    }
}
