// Transcript tests of STARTTLS policy (RFC 3207): nothing but EHLO and STARTTLS ever goes out in plaintext.
import EdmTestSupport
import EdmCrypto
import SMTP
import Testing

@Suite struct StartTLSTranscriptTests {
    static let credentials = Credentials.password(user: "user@mx.test", password: "hunter2-secret")

    @Test("STARTTLS not offered while TLS is required: abort after EHLO, no AUTH, no MAIL, no QUIT")
    func notOffered() {
        let stream = ScriptedStream([Script.greeting, Script.ehlo(["PIPELINING", "AUTH PLAIN LOGIN"])])
        let (client, error) = Script.client(stream, Script.configuration(credentials: Self.credentials))
        #expect(error == SMTPError(.startTLSNotOffered, command: "STARTTLS"))
        #expect(error?.category == .configuration)
        #expect(!client.isUsable)
        #expect(stream.transcript == """
            \(Script.greetingLine)
            \(Script.expectedEHLO(["PIPELINING", "AUTH PLAIN LOGIN"]))
            -- closed --
            """)
        #expect(String(decoding: stream.clientBytes, as: UTF8.self) == "EHLO client.test\r\n")
    }

    static let refusals: [(String, String)] = [
        ("502 5.5.1 command not implemented\n", "S: 502 5.5.1 command not implemented"),
        ("454 4.7.0 TLS not available\n", "S: 454 4.7.0 TLS not available"),
        ("354 go ahead\n", "S: 354 go ahead"),
        ("hello there\n", "S: hello there"),
    ]

    @Test("STARTTLS answered 502, 454, 354 or garbage while TLS is required: abort", arguments: refusals)
    func refused(reply: String, line: String) {
        let stream = ScriptedStream([Script.greeting, Script.ehlo(["STARTTLS", "AUTH PLAIN"]), .reply(reply),
                                     .reply("250 would-be reply to anything else\n")])
        let (_, error) = Script.client(stream, Script.configuration(credentials: Self.credentials))
        let failure = error
        #expect(failure != nil)
        #expect(failure?.breaksConnection == true)
        switch failure?.kind {
        case .startTLSRefused(let refusal):
            #expect(failure?.category == .configuration)
            #expect(failure?.isTransient == (refusal.code.severity == .transientNegative))
        case .malformedReply:
            #expect(reply == "hello there\n")
        default:
            Issue.record("unexpected error \(String(describing: failure))")
        }
        #expect(stream.transcript == """
            \(Script.greetingLine)
            \(Script.expectedEHLO(["STARTTLS", "AUTH PLAIN"]))
            C: STARTTLS
            \(line)
            -- closed --
            """)
        #expect(String(decoding: stream.clientBytes, as: UTF8.self) == "EHLO client.test\r\nSTARTTLS\r\n")
    }

    static let injections: [String] = [
        "220 2.0.0 Ready\r\n250-mx.test\r\n250-PIPELINING\r\n250 AUTH PLAIN\r\n",
        "220 2.0.0 Ready\r\n250 fragment without line end",
    ]

    @Test("bytes after the 220 to STARTTLS are discarded, never read as post-TLS replies", arguments: injections)
    func injectionDiscarded(segment: String) throws {
        let post = ["AUTH LOGIN", "SIZE 100000"]
        let recorder = TranscriptRecorder()
        let stream = ScriptedStream([Script.greeting, Script.ehlo(["STARTTLS"]), .server(Array(segment.utf8)), .tls,
                                     Script.ehlo(post)])
        let (client, error) = Script.client(stream, transcript: recorder)
        #expect(error == nil)
        #expect(client.capabilities.authMechanisms == ["LOGIN"])
        #expect(!client.capabilities.pipelining)
        #expect(client.capabilities.maximumMessageSize == 100000)
        let discarded = segment.utf8.count - "220 2.0.0 Ready\r\n".utf8.count
        #expect(recorder.entries.contains(TranscriptEntry(
            .note, "discarded \(discarded) bytes the server sent in plaintext after its 220 reply to STARTTLS")))
        #expect(stream.transcript.hasSuffix("-- TLS --\n\(Script.expectedEHLO(post))"))
    }

    @Test("post-TLS capabilities replace pre-TLS ones; STARTTLS is never issued twice")
    func capabilitiesReplaced() throws {
        let pre = ["PIPELINING", "STARTTLS", "AUTH PLAIN", "SIZE 10"]
        let post = ["STARTTLS", "AUTH LOGIN", "SIZE 100000"]
        let stream = ScriptedStream(Script.startTLS(post: post, pre: pre) + [
            .reply("334 VXNlcm5hbWU6\n"), .reply("334 UGFzc3dvcmQ6\n"), .reply("235 2.7.0 ok\n"),
            .reply("250 2.1.0 ok\n"), .reply("250 2.1.5 ok\n"), .reply("354 go\n"), .reply("250 2.0.0 queued\n"),
        ])
        let (client, error) = Script.client(stream, Script.configuration(credentials: Self.credentials))
        #expect(error == nil)
        let result = try client.send(Array("Subject: t\r\n\r\nhi\r\n".utf8),
                                     envelope: Envelope(sender: "a@mx.test", recipients: ["b@example.org"]))
        #expect(result.disposition == .accepted)
        // LOGIN (post-TLS), not PLAIN (pre-TLS); no pipelining (pre-TLS only); SIZE under the post-TLS limit.
        #expect(stream.transcript == """
            \(Script.expectedStartTLS(post: post, pre: pre))
            C: AUTH LOGIN
            S: 334 VXNlcm5hbWU6
            C: dXNlckBteC50ZXN0
            S: 334 UGFzc3dvcmQ6
            C: aHVudGVyMi1zZWNyZXQ=
            S: 235 2.7.0 ok
            C: MAIL FROM:<a@mx.test> SIZE=18
            S: 250 2.1.0 ok
            C: RCPT TO:<b@example.org>
            S: 250 2.1.5 ok
            C: DATA
            S: 354 go
            C: Subject: t
            C: 
            C: hi
            C: .
            S: 250 2.0.0 queued
            """)
    }

    @Test("a failed handshake ends the session: nothing else is sent")
    func handshakeFailure() {
        // The scripted server answers 220 but then keeps talking plaintext instead of a handshake.
        let stream = ScriptedStream([Script.greeting, Script.ehlo(["STARTTLS"]), .reply("220 go\n"),
                                     .reply("250 plaintext\n")])
        let (_, error) = Script.client(stream, Script.configuration(credentials: Self.credentials))
        guard case .tls = error?.kind else {
            Issue.record("expected a TLS error, got \(String(describing: error))")
            return
        }
        #expect(stream.transcript.hasSuffix("C: STARTTLS\nS: 220 go\n-- closed --"))
    }

    @Test("implicit TLS: the handshake comes before the greeting, and no STARTTLS is sent")
    func implicitTLS() {
        let stream = ScriptedStream([.tls, Script.greeting, Script.ehlo(["STARTTLS", "AUTH PLAIN"]),
                                     .reply("235 2.7.0 ok\n"), .reply("221 bye\n")])
        let configuration = Script.configuration(policy: .implicit, credentials: Self.credentials)
        let (client, error) = Script.client(stream, configuration)
        #expect(error == nil)
        client.quit()
        #expect(stream.transcript == """
            -- TLS --
            \(Script.greetingLine)
            \(Script.expectedEHLO(["STARTTLS", "AUTH PLAIN"]))
            C: AUTH PLAIN AHVzZXJAbXgudGVzdABodW50ZXIyLXNlY3JldA==
            S: 235 2.7.0 ok
            C: QUIT
            S: 221 bye
            -- closed --
            """)
    }

    @Test("EHLO refused: HELO only when TLS is not required")
    func heloFallback() {
        let required = ScriptedStream([Script.greeting, .reply("502 5.5.2 what?\n")])
        let (_, error) = Script.client(required)
        #expect(error == SMTPError(.permanent(Reply(code: ReplyCode(502)!, lines: ["5.5.2 what?"])), command: "EHLO"))
        #expect(String(decoding: required.clientBytes, as: UTF8.self) == "EHLO client.test\r\n")

        let plaintext = ScriptedStream([Script.greeting, .reply("502 5.5.2 what?\n"), .reply("250 mx.test\n")])
        let (client, heloError) = Script.client(plaintext, Script.configuration(policy: .dangerousPlaintext))
        #expect(heloError == nil)
        #expect(client.isUsable)
        #expect(String(decoding: plaintext.clientBytes, as: UTF8.self) == "EHLO client.test\r\nHELO client.test\r\n")
    }

    @Test("dangerousPlaintext never starts TLS, and refuses AUTH unless loopback and insecure option")
    func plaintextPolicy() {
        let caps = ["STARTTLS", "AUTH PLAIN"]
        let refused = ScriptedStream([Script.greeting, Script.ehlo(caps)], loopback: true)
        let plaintext = Script.configuration(policy: .dangerousPlaintext, credentials: Self.credentials)
        let (_, error) = Script.client(refused, plaintext)
        #expect(error == SMTPError(.authenticationRequiresTLS, command: "AUTH"))
        #expect(error?.category == .configuration)
        #expect(String(decoding: refused.clientBytes, as: UTF8.self) == "EHLO client.test\r\n")

        let remote = ScriptedStream([Script.greeting, Script.ehlo(caps)], loopback: false)
        let (_, remoteError) = Script.client(remote, Script.configuration(
            policy: .dangerousPlaintext, credentials: Self.credentials, insecureLoopbackAuth: true))
        #expect(remoteError == SMTPError(.authenticationRequiresTLS, command: "AUTH"))

        let loopback = ScriptedStream([Script.greeting, Script.ehlo(caps), .reply("235 ok\n")], loopback: true)
        let (client, loopbackError) = Script.client(loopback, Script.configuration(
            policy: .dangerousPlaintext, credentials: Self.credentials, insecureLoopbackAuth: true))
        #expect(loopbackError == nil)
        #expect(client.authenticatedMechanism == .plain)
        #expect(!client.isTLS)
    }

    @Test("421 at the greeting: transient, connection dropped without QUIT")
    func greeting421() {
        let stream = ScriptedStream([.reply("421 4.3.2 too busy, try later\n")])
        let (client, error) = Script.client(stream)
        #expect(error?.isTransient == true)
        #expect(error?.breaksConnection == true)
        #expect(error?.category == .unavailable)
        #expect(!client.isUsable)
        #expect(stream.transcript == "S: 421 4.3.2 too busy, try later\n-- closed --")
    }
}
