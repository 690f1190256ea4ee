// Tests of the probe behind `edm check --smtp`, and of how errors map to its exit codes.
import EdmTestSupport
import EdmCrypto
import SMTP
import Testing

@Suite struct ProbeTests {
    @Test("probe: EHLO, STARTTLS, EHLO, AUTH, then QUIT; reports capabilities, TLS and the mechanism")
    func probe() throws {
        let post = ["PIPELINING", "SIZE 35882577", "AUTH PLAIN LOGIN", "8BITMIME", "SMTPUTF8"]
        let stream = ScriptedStream(Script.startTLS(post: post) + [.reply("235 ok\n"), .reply("221 bye\n")])
        let report = try SMTPClient.probe(stream: stream, configuration: Script.configuration(
            credentials: .password(user: "u", password: "p")))
        #expect(report.capabilities.maximumMessageSize == 35882577)
        #expect(report.capabilities.pipelining && report.capabilities.smtpUTF8 && report.capabilities.eightBitMIME)
        #expect(report.tls?.protocolVersion == "TLSv1.3")
        #expect(report.tls?.peerCertificate?.subject == "CN=mx.test")
        #expect(report.authenticatedWith == .plain)
        #expect(report.greeting.text == "mx.test ESMTP ready")
        #expect(stream.transcript.hasSuffix("C: QUIT\nS: 221 bye\n-- closed --"))
        #expect(!stream.transcript.contains("MAIL"))
    }

    static let categories: [(SMTPError, SMTPError.Category)] = [
        (SMTPError(.resolution(host: "x", message: "unknown")), .unavailable),
        (SMTPError(.network(errno: 111, operation: "connect")), .unavailable),
        (SMTPError(.timedOut(operation: "greeting")), .unavailable),
        (SMTPError(.permanent(Reply(code: ReplyCode(554)!, lines: ["no"]))), .unavailable),
        (SMTPError(.authenticationFailed(Reply(code: ReplyCode(535)!, lines: ["no"])), command: "AUTH"),
         .credentialsRefused),
        (SMTPError(.startTLSNotOffered), .configuration),
        (SMTPError(.authenticationRequiresTLS), .configuration),
        (SMTPError(.tls(CryptoError(operation: "TLS handshake", details: [], kind: .certificateRejected(.expired)))),
         .configuration),
        (SMTPError(.tls(CryptoError(operation: "TLS handshake", details: [], kind: .protocolVersionRefused))),
         .configuration),
        (SMTPError(.tls(CryptoError(operation: "TLS handshake", details: [], kind: .timedOut))), .unavailable),
        (SMTPError(.permanent(Reply(code: ReplyCode(550)!, lines: ["no"])), command: "RCPT"), .messageRejected),
    ]

    @Test("errors are classified for exit codes 69, 77 and 78", arguments: categories)
    func category(error: SMTPError, expected: SMTPError.Category) {
        #expect(error.category == expected)
    }

    @Test("transient and connection-breaking classification")
    func classification() {
        let rcpt450 = SMTPError(.transient(Reply(code: ReplyCode(450)!, lines: [])), command: "RCPT")
        #expect(rcpt450.isTransient && !rcpt450.breaksConnection)
        let rcpt550 = SMTPError(.permanent(Reply(code: ReplyCode(550)!, lines: [])), command: "RCPT")
        #expect(!rcpt550.isTransient && !rcpt550.breaksConnection)
        let closing = SMTPError(.transient(Reply(code: .serviceClosing, lines: [])), command: "MAIL")
        #expect(closing.isTransient && closing.breaksConnection)
        let expired = SMTPError(.tls(CryptoError(operation: "h", details: [], kind: .certificateRejected(.expired))))
        #expect(!expired.isTransient && expired.breaksConnection)
        #expect(SMTPError(.timedOut(operation: "x")).isTransient)
        #expect(!SMTPError(.messageTooLarge(size: 2, limit: 1)).breaksConnection)
    }

    @Test("EHLO capabilities: keywords are case-insensitive, SIZE 0 means no limit, old AUTH= form is read")
    func capabilities() {
        let reply = Reply(
            code: .ok, lines: ["mx.test greets you", "size 0", "Auth=LOGIN PLAIN", "auth CRAM-MD5", "starttls"])
        let caps = ServerCapabilities(ehloReply: reply)
        #expect(caps.serverName == "mx.test")
        #expect(caps.maximumMessageSize == nil)
        #expect(caps.supports("SIZE") && caps.startTLS)
        #expect(caps.authMechanisms == ["LOGIN", "PLAIN", "CRAM-MD5"])
    }
}
