// Transcript tests of transactions: pipelining, per-recipient results, RSET, SIZE, 421, uncertain delivery.
import EdmTestSupport
import EdmCrypto
import SMTP
import Testing

@Suite struct TransactionTranscriptTests {
    static let pipelined = ["PIPELINING", "SIZE 10000", "8BITMIME", "ENHANCEDSTATUSCODES"]
    static let message = Array("Subject: test\r\n\r\nHello\r\n".utf8)  // 24 bytes
    static let messageLines = "C: Subject: test\nC: \nC: Hello\nC: ."

    private func session(_ post: [String], _ steps: [ScriptedStream.Step], chunkSize: Int = .max)
        -> (SMTPClient, ScriptedStream) {
        let stream = ScriptedStream(Script.startTLS(post: post) + steps, chunkSize: chunkSize)
        let (client, error) = Script.client(stream)
        #expect(error == nil)
        return (client, stream)
    }

    private func to(_ recipients: String...) -> Envelope {
        Envelope(sender: "s@mx.test", recipients: recipients)
    }

    private func reply(_ code: Int, _ text: String) -> Reply {
        Reply(code: ReplyCode(code)!, lines: [text])
    }

    @Test("pipelined RCPTs answered 250, 550, 450, 452, 553: one write, per-recipient results",
          arguments: [Int.max, 1, 5])
    func pipelinedRecipients(chunkSize: Int) throws {
        let (client, stream) = session(Self.pipelined, [
            .reply("250 2.1.0 ok\n250 2.1.5 ok\n550 5.1.1 no such user\n450 4.2.1 mailbox busy\n"
                   + "452 4.5.3 too many recipients\n553 5.1.3 bad address syntax\n354 go ahead\n"),
            .reply("250 2.0.0 queued as ABC\n"), .reply("221 2.0.0 bye\n"),
        ], chunkSize: chunkSize)
        let recipients = ["a@x.test", "b@x.test", "c@x.test", "d@x.test", "e@x.test"]
        let envelope = Envelope(sender: "news@mx.test", recipients: recipients)
        let result = try client.send(Self.message, envelope: envelope)
        client.quit()
        #expect(result.disposition == .accepted)
        #expect(result.reply == reply(250, "2.0.0 queued as ABC"))
        #expect(result.recipients.map(\.disposition) == [.accepted, .permanent, .transient, .transient, .permanent])
        #expect(result.recipients[1].reply?.enhancedStatus?.description == "5.1.1")
        #expect(result.recipients[0].reply == reply(250, "2.0.0 queued as ABC"))
        #expect(stream.transcript == """
            \(Script.expectedStartTLS(post: Self.pipelined))
            C: MAIL FROM:<news@mx.test> SIZE=24
            C: RCPT TO:<a@x.test>
            C: RCPT TO:<b@x.test>
            C: RCPT TO:<c@x.test>
            C: RCPT TO:<d@x.test>
            C: RCPT TO:<e@x.test>
            C: DATA
            S: 250 2.1.0 ok
            S: 250 2.1.5 ok
            S: 550 5.1.1 no such user
            S: 450 4.2.1 mailbox busy
            S: 452 4.5.3 too many recipients
            S: 553 5.1.3 bad address syntax
            S: 354 go ahead
            \(Self.messageLines)
            S: 250 2.0.0 queued as ABC
            C: QUIT
            S: 221 2.0.0 bye
            -- closed --
            """)
    }

    @Test("without PIPELINING every command waits for its reply")
    func notPipelined() throws {
        let (client, stream) = session(["SIZE 10000"], [
            .reply("250 ok\n"), .reply("250 ok\n"), .reply("250 ok\n"), .reply("354 go\n"), .reply("250 queued\n"),
        ])
        let result = try client.send(Self.message, envelope: to("a@x.test", "b@x.test"))
        #expect(result.disposition == .accepted)
        #expect(stream.transcript.hasSuffix("""
            C: MAIL FROM:<s@mx.test> SIZE=24
            S: 250 ok
            C: RCPT TO:<a@x.test>
            S: 250 ok
            C: RCPT TO:<b@x.test>
            S: 250 ok
            C: DATA
            S: 354 go
            \(Self.messageLines)
            S: 250 queued
            """))
    }

    @Test("all RCPTs rejected (pipelined): no message bytes, RSET, and the next transaction works")
    func allRejectedPipelined() throws {
        let (client, stream) = session(Self.pipelined, [
            .reply("250 2.1.0 ok\n550 5.1.1 unknown\n450 4.2.2 full\n554 5.5.1 no valid recipients\n"),
            .reply("250 2.0.0 reset\n"),
            .reply("250 2.1.0 ok\n250 2.1.5 ok\n354 go\n"), .reply("250 2.0.0 queued\n"),
        ])
        let first = try client.send(Self.message, envelope: to("a@x.test", "b@x.test"))
        #expect(first.disposition == .transient)
        #expect(first.recipients.map(\.disposition) == [.permanent, .transient])
        #expect(client.isUsable)
        let second = try client.send(Self.message, envelope: to("c@x.test"))
        #expect(second.disposition == .accepted)
        #expect(stream.transcript.hasSuffix("""
            C: MAIL FROM:<s@mx.test> SIZE=24
            C: RCPT TO:<a@x.test>
            C: RCPT TO:<b@x.test>
            C: DATA
            S: 250 2.1.0 ok
            S: 550 5.1.1 unknown
            S: 450 4.2.2 full
            S: 554 5.5.1 no valid recipients
            C: RSET
            S: 250 2.0.0 reset
            C: MAIL FROM:<s@mx.test> SIZE=24
            C: RCPT TO:<c@x.test>
            C: DATA
            S: 250 2.1.0 ok
            S: 250 2.1.5 ok
            S: 354 go
            \(Self.messageLines)
            S: 250 2.0.0 queued
            """))
    }

    @Test("all RCPTs rejected but DATA accepted anyway: a lone dot ends it (RFC 2920 §3.1), then RSET")
    func allRejectedButDataAccepted() throws {
        let (client, stream) = session(Self.pipelined, [
            .reply("250 ok\n550 5.1.1 unknown\n354 go\n"), .reply("554 5.5.1 no recipients\n"), .reply("250 reset\n"),
        ])
        let result = try client.send(Self.message, envelope: to("a@x.test"))
        #expect(result.disposition == .permanent)
        #expect(stream.transcript.hasSuffix("S: 354 go\nC: .\nS: 554 5.5.1 no recipients\nC: RSET\nS: 250 reset"))
        #expect(!stream.transcript.contains("Subject"))
    }

    @Test("all RCPTs rejected without PIPELINING: no DATA at all, RSET")
    func allRejectedSequential() throws {
        let (client, stream) = session([], [.reply("250 ok\n"), .reply("550 5.1.1 unknown\n"), .reply("250 reset\n")])
        let result = try client.send(Self.message, envelope: to("a@x.test"))
        #expect(result.disposition == .permanent)
        #expect(result.error?.command == "RCPT")
        #expect(stream.transcript.hasSuffix("C: RCPT TO:<a@x.test>\nS: 550 5.1.1 unknown\nC: RSET\nS: 250 reset"))
    }

    @Test("MAIL refused (pipelined): every recipient shares MAIL's reply, not the 503s that follow")
    func mailRefused() throws {
        let (client, stream) = session(Self.pipelined, [
            .reply("553 5.1.8 sender refused\n503 5.5.1 need MAIL\n503 5.5.1 need MAIL\n503 5.5.1 need MAIL\n"),
            .reply("250 reset\n"),
        ])
        let result = try client.send(Self.message, envelope: to("a@x.test", "b@x.test"))
        #expect(result.disposition == .permanent)
        let refusal = reply(553, "5.1.8 sender refused")
        #expect(result.recipients.map(\.reply) == [refusal, refusal])
        #expect(stream.transcript.hasSuffix("C: RSET\nS: 250 reset"))
    }

    @Test("a message over the announced SIZE is refused before anything is sent (RFC 1870)")
    func sizeLocal() throws {
        let (client, stream) = session(["SIZE 10"], [])
        let before = stream.clientBytes.count
        let result = try client.send(Self.message, envelope: to("a@x.test"))
        #expect(result.disposition == .permanent)
        #expect(result.error == SMTPError(.messageTooLarge(size: 24, limit: 10), command: "MAIL"))
        #expect(stream.clientBytes.count == before)
        #expect(client.isUsable)
    }

    @Test("a line longer than 998 octets is refused before anything is sent (RFC 5321 §4.5.3.1.6)")
    func lineLength() throws {
        let (client, stream) = session(Self.pipelined, [.reply("250 ok\n250 ok\n354 go\n"), .reply("250 queued\n")])
        let before = stream.clientBytes.count
        let long = Array(("Subject: x\r\n\r\n" + String(repeating: "y", count: 999) + "\r\n").utf8)
        let refused = try client.send(long, envelope: to("a@x.test"))
        #expect(refused.disposition == .permanent)
        #expect(stream.clientBytes.count == before)
        let fits = Array(("Subject: x\r\n\r\n." + String(repeating: "y", count: 997)).utf8)
        #expect(try client.send(fits, envelope: to("a@x.test")).disposition == .accepted)
    }

    @Test("552 to MAIL FROM SIZE=: permanent, RSET, connection kept")
    func size552() throws {
        let (client, stream) = session(
            ["SIZE 10000"], [.reply("552 5.3.4 message size exceeds limit\n"), .reply("250 ok\n")])
        let result = try client.send(Self.message, envelope: to("a@x.test"))
        #expect(result.disposition == .permanent)
        #expect(result.recipients.map(\.disposition) == [.permanent])
        #expect(result.reply?.enhancedStatus?.description == "5.3.4")
        #expect(client.isUsable)
        #expect(stream.transcript.hasSuffix("S: 552 5.3.4 message size exceeds limit\nC: RSET\nS: 250 ok"))
    }

    static let closingPoints: [(String, [String])] = [
        ("MAIL", ["421 4.3.2 shutting down\n"]),
        ("RCPT", ["250 ok\n", "421 4.3.2 shutting down\n"]),
        ("DATA", ["250 ok\n", "250 ok\n", "421 4.3.2 shutting down\n"]),
    ]

    @Test("421 at MAIL, RCPT or DATA: thrown as transient, connection dropped without QUIT", arguments: closingPoints)
    func closingBeforeDot(command: String, replies: [String]) {
        let (client, stream) = session([], replies.map { .reply($0) })
        #expect {
            try client.send(Self.message, envelope: to("a@x.test"))
        } throws: { error in
            guard let error = error as? SMTPError else { return false }
            return error.command == command && error.isTransient && error.breaksConnection
        }
        #expect(!client.isUsable)
        #expect(stream.transcript.hasSuffix("S: 421 4.3.2 shutting down\n-- closed --"))
        #expect(!stream.transcript.contains("Subject"))
    }

    @Test("421 after the final dot: the message was not taken (transient), not uncertain")
    func closingAfterDot() throws {
        let (client, stream) = session([], [.reply("250 ok\n"), .reply("250 ok\n"), .reply("354 go\n"),
                                            .reply("421 4.3.0 shutting down\n")])
        let result = try client.send(Self.message, envelope: to("a@x.test"))
        #expect(result.disposition == .transient)
        #expect(result.recipients.map(\.disposition) == [.transient])
        #expect(!client.isUsable)
        #expect(stream.transcript.hasSuffix("C: .\nS: 421 4.3.0 shutting down\n-- closed --"))
    }

    @Test("connection dropped, silent or nonsensical after the final dot: uncertain", arguments: [
        ScriptedStream.Step.hangUp, .silence, .reply("250 ok, but the line never ends"), .reply("354 again?\n"),
    ])
    func uncertainAfterDot(ending: ScriptedStream.Step) throws {
        let (client, _) = session(Self.pipelined, [.reply("250 ok\n250 ok\n354 go\n"), ending])
        let result = try client.send(Self.message, envelope: to("a@x.test"))
        #expect(result.disposition == .uncertain)
        #expect(result.recipients.map(\.disposition) == [.uncertain])
        #expect(result.error?.breaksConnection == true)
        #expect(!client.isUsable)
    }

    @Test("connection dropped before the final dot: thrown (nothing delivered), not uncertain")
    func droppedBeforeDot() {
        let (client, _) = session([], [.reply("250 ok\n"), .hangUp])
        #expect(throws: SMTPError(.connectionClosed, command: "RCPT")) {
            try client.send(Self.message, envelope: to("a@x.test"))
        }
        #expect(!client.isUsable)
    }

    @Test("a refusal of the final dot is the message's result; no RSET is needed after it")
    func dotRefused() throws {
        let (client, stream) = session(Self.pipelined, [.reply("250 ok\n250 ok\n354 go\n"),
                                                        .reply("554 5.7.1 spam detected\n")])
        let result = try client.send(Self.message, envelope: to("a@x.test"))
        #expect(result.disposition == .permanent)
        #expect(client.isUsable)
        #expect(stream.transcript.hasSuffix("C: .\nS: 554 5.7.1 spam detected"))
    }

    @Test("content is dot-stuffed and CRLF-normalised on the wire; smuggling sequences become text")
    func wireEncoding() throws {
        let (client, stream) = session(Self.pipelined, [.reply("250 ok\n250 ok\n354 go\n"), .reply("250 queued\n")])
        let content = Array("Subject: t\n\n.first\r\nx\n.\ny\r.\rz\r\n.\r\n..two\rend".utf8)
        _ = try client.send(content, envelope: to("a@x.test"))
        let sent = String(decoding: stream.clientBytes, as: UTF8.self)
        #expect(sent.hasSuffix(
            "DATA\r\nSubject: t\r\n\r\n..first\r\nx\r\n..\r\ny\r\n..\r\nz\r\n..\r\n...two\r\nend\r\n.\r\n"))
    }

    @Test("BODY=8BITMIME for 8-bit content; SMTPUTF8 for a non-ASCII address, refused when not offered")
    func internationalised() throws {
        let (client, stream) = session(
            Self.pipelined + ["SMTPUTF8"], [.reply("250 ok\n250 ok\n354 go\n"), .reply("250 ok\n")])
        let content = Array("Subject: =?utf-8?q?x?=\r\n\r\nGrüße\r\n".utf8)
        _ = try client.send(content, envelope: to("jürgen@bücher.test"))
        #expect(stream.transcript.contains(
            "C: MAIL FROM:<s@mx.test> SIZE=35 BODY=8BITMIME SMTPUTF8\nC: RCPT TO:<jürgen@bücher.test>"))

        let (plain, plainStream) = session(["PIPELINING"], [])
        let result = try plain.send(Self.message, envelope: to("jürgen@bücher.test"))
        #expect(result.error == SMTPError(.extensionNotOffered("SMTPUTF8"), command: "MAIL"))
        let eightBit = try plain.send(content, envelope: to("a@x.test"))
        #expect(eightBit.error == SMTPError(.extensionNotOffered("8BITMIME"), command: "MAIL"))
        #expect(!plainStream.transcript.contains("MAIL FROM"))
    }

    @Test("CR, LF or brackets in an address: refused before any byte is sent", arguments: [
        "a@x.test\r\nRCPT TO:<evil@x.test>", "a@x.test>", "a@x\u{0}.test", "a@x.test\n",
    ])
    func injectionInAddress(address: String) {
        let (client, stream) = session(Self.pipelined, [])
        let before = stream.clientBytes.count
        #expect { try client.send(Self.message, envelope: self.to(address)) } throws: {
            guard let error = $0 as? SMTPError, case .invalidArgument = error.kind else { return false }
            return !error.breaksConnection && !error.description.contains("\r") && !error.description.contains("\n")
        }
        #expect(stream.clientBytes.count == before)
        #expect(client.isUsable)
    }

    @Test("beforeFinalDot runs after 354, before the content and dot; false drops the connection, no content sent")
    func finalDotHook() throws {
        let (client, stream) = session(Self.pipelined, [.reply("250 ok\n250 ok\n354 go\n"), .reply("250 queued\n")])
        var calls = 0
        #expect(throws: SMTPError(.cancelled, command: "DATA")) {
            try client.send(Self.message, envelope: to("a@x.test")) {
                calls += 1
                return false
            }
        }
        #expect(calls == 1)
        #expect(stream.transcript.hasSuffix("S: 354 go\n-- closed --"))
        #expect(!stream.transcript.contains("C: Hello"))
        #expect(!client.isUsable)
    }

    @Test("timeouts follow RFC 5321 §4.5.3.2 per step")
    func timeoutsPerStep() throws {
        let stream = ScriptedStream(
            Script.startTLS(post: Self.pipelined) + [.reply("250 ok\n250 ok\n354 go\n"), .reply("250 ok\n")])
        let configuration = SMTPConfiguration(host: "mx.test", clientName: "client.test")
        let client = SMTPClient(stream: stream, configuration: configuration)
        try client.start()
        _ = try client.send(Self.message, envelope: to("a@x.test"))
        #expect(stream.timeouts == [
            // greeting, EHLO, STARTTLS, TLS handshake, EHLO
            .seconds(300), .seconds(300), .seconds(300), .seconds(60), .seconds(300),
            // MAIL, RCPT, DATA pipelined: their replies arrive in one read, waited for as long as the longest
            // of the three (they are minimums), and no timeout is set for replies already buffered; then the
            // message data, and the reply to the dot.
            .seconds(300), .seconds(180), .seconds(600),
        ])
    }
}
