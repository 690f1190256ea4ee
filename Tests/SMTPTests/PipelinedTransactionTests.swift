// Transactions pipelined across messages (RFC 2920 §3.1): the next message's MAIL, RCPT and DATA leave in the
// same write as the current content and final dot; every reply is still read in order.
import SMTP
import Testing

@Suite struct PipelinedTransactionTests {
    static let pipelined = ["PIPELINING", "SIZE 10000", "8BITMIME"]

    private func session(_ steps: [ScriptedStream.Step], post: [String] = Self.pipelined) -> (SMTPClient, ScriptedStream) {
        let stream = ScriptedStream(Script.startTLS(post: post) + steps)
        let (client, error) = Script.client(stream)
        #expect(error == nil)
        return (client, stream)
    }

    private func message(_ n: Int) -> [UInt8] { Array("Subject: \(n)\r\n\r\nbody \(n)\r\n".utf8) }

    private func envelope(_ n: Int) -> Envelope { Envelope(sender: "s@mx.test", recipients: ["r\(n)@x.test"]) }

    @Test("the next MAIL, RCPT and DATA go in the same write as the dot; replies are read in order")
    func nextGoesWithTheDot() throws {
        let (client, stream) = session([
            .reply("250 ok\n250 ok\n354 go\n"),
            .reply("250 queued 1\n250 ok\n250 ok\n354 go\n"),
            .reply("250 queued 2\n"),
        ])
        let first = try client.prepare(message(1), envelope: envelope(1))
        let second = try client.prepare(message(2), envelope: envelope(2))
        var offered = 0
        let one = try client.send(first, beforeFinalDot: { true }, pipelineNext: {
            offered += 1
            return second
        })
        #expect(offered == 1)
        #expect(one.disposition == .accepted && one.reply?.text == "queued 1")
        let two = try client.send(second, beforeFinalDot: { true })
        #expect(two.disposition == .accepted && two.reply?.text == "queued 2")
        let writes = stream.clientWrites
        #expect(writes.last == "Subject: 2\r\n\r\nbody 2\r\n.\r\n")
        #expect(writes.dropLast().last
            == "Subject: 1\r\n\r\nbody 1\r\n.\r\nMAIL FROM:<s@mx.test> SIZE=22\r\nRCPT TO:<r2@x.test>\r\nDATA\r\n")
        // The second transaction's commands were not written a second time.
        #expect(writes.filter { $0.contains("RCPT TO:<r2@x.test>") }.count == 1)
        #expect(client.isUsable)
    }

    @Test("a refusal of the pipelined MAIL is the next message's alone: RSET, and the session goes on")
    func pipelinedRefusal() throws {
        let (client, stream) = session([
            .reply("250 ok\n250 ok\n354 go\n"),
            .reply("250 queued 1\n452 4.3.1 out of storage\n503 5.5.1 no recipients\n554 5.5.1 no valid recipients\n"),
            .reply("250 reset\n"),
        ])
        let first = try client.prepare(message(1), envelope: envelope(1))
        let second = try client.prepare(message(2), envelope: envelope(2))
        let one = try client.send(first, beforeFinalDot: { true }, pipelineNext: { second })
        #expect(one.disposition == .accepted)
        let two = try client.send(second, beforeFinalDot: { true })
        #expect(two.disposition == .transient)
        #expect(two.reply?.code.rawValue == 452)
        #expect(stream.clientWrites.last == "RSET\r\n")
        #expect(!stream.transcript.contains("body 2"))
        #expect(client.isUsable)
    }

    @Test("a failed write carrying the dot and the next commands: the message is uncertain, the next fails")
    func writeFailureIsUncertain() throws {
        let (client, stream) = session([.reply("250 ok\n250 ok\n354 go\n")])
        let first = try client.prepare(message(1), envelope: envelope(1))
        let second = try client.prepare(message(2), envelope: envelope(2))
        // Writes so far: EHLO, STARTTLS, EHLO, the first group; the next one carries content, dot and MAIL.
        stream.failingWrite = 4
        let one = try client.send(first, beforeFinalDot: { true }, pipelineNext: { second })
        #expect(one.disposition == .uncertain)
        #expect(!client.isUsable)
        #expect(throws: SMTPError.self) { try client.send(second, beforeFinalDot: { true }) }
    }

    @Test("without PIPELINING nothing is attached, and a refused local check is never attached")
    func onlyWhenAllowed() throws {
        let (client, stream) = session([
            .reply("250 ok\n"), .reply("250 ok\n"), .reply("354 go\n"), .reply("250 queued\n"),
        ], post: ["SIZE 10000"])
        let first = try client.prepare(message(1), envelope: envelope(1))
        var asked = 0
        _ = try client.send(first, beforeFinalDot: { true }, pipelineNext: {
            asked += 1
            return nil
        })
        #expect(asked == 0)
        #expect(stream.clientWrites.last == "Subject: 1\r\n\r\nbody 1\r\n.\r\n")

        let (piped, pipedStream) = session(
            [.reply("250 ok\n250 ok\n354 go\n"), .reply("250 queued\n")], post: ["PIPELINING", "SIZE 100"])
        let small = try piped.prepare(message(1), envelope: envelope(1))
        let tooLarge = try piped.prepare(Array(repeating: UInt8(ascii: "x"), count: 200) + [13, 10], envelope: envelope(2))
        #expect(small.canBePipelined)
        #expect(!tooLarge.canBePipelined)
        let result = try piped.send(small, beforeFinalDot: { true }, pipelineNext: { tooLarge })
        #expect(result.disposition == .accepted)
        #expect(pipedStream.clientWrites.last == "Subject: 1\r\n\r\nbody 1\r\n.\r\n")
    }
}
