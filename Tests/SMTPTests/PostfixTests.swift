// A real Postfix smtpd (private instance, smtpd_forbid_bare_newline = yes): SMTP smuggling sequences arrive
// as text in exactly one message each; PIPELINING, AUTH and the probe against the real thing.
import EdmTestSupport
import EdmCrypto
import Foundation
import SMTP
import Testing

@Suite(.serialized) struct PostfixTests {
    static let sequences = [
        "\n.\n", "\r.\r", "\r.\n", "\n.\r", "\n.\r\n", "\r\n.\n", "\r.\r\n", "\r\n.\r", "\r\n\u{0}.\r\n",
    ]

    private func configuration(_ postfix: PostfixPeer, password: String = "secret") throws -> SMTPConfiguration {
        SMTPConfiguration(
            host: "localhost", port: postfix.port,
            tls: TLSConfiguration(trustRoots: .file(try TestCertificates.get().pem("ca"))),
            credentials: .password(user: "tester@edm.test", password: password), clientName: "client.test",
            timeouts: .uniform(.seconds(20)))
    }

    @Test("smuggling sequences, pipelining, probe and refused credentials against Postfix")
    func postfix() throws {
        let postfix = try PostfixPeer()
        let recorder = TranscriptRecorder()

        // The probe: Postfix offers PIPELINING and AUTH only after TLS.
        let report = try SMTPClient.probe(try configuration(postfix), transcript: recorder)
        #expect(report.capabilities.pipelining)
        #expect(report.capabilities.authMechanisms.contains("PLAIN"))
        #expect(report.tls?.protocolVersion == "TLSv1.3")
        #expect(report.authenticatedWith == .plain)

        // Each smuggling sequence in its own message, all over one pipelining connection.
        let client = try SMTPClient.connect(try configuration(postfix), transcript: recorder)
        #expect(client.capabilities.pipelining)
        for (index, sequence) in Self.sequences.enumerated() {
            let content = "From: a@edm.test\r\nTo: b@example.test\r\nSubject: smuggling \(index)\r\n"
                + "Message-ID: <smuggle-\(index)@edm.test>\r\n\r\nbefore\(sequence)"
                + "MAIL FROM:<evil@edm.test>\r\nRCPT TO:<victim@example.test>\r\nDATA\r\nFrom: evil\r\n\r\nsmuggled\r\n"
                + ".\r\nafter \(index)\r\n"
            let result = try client.send(Array(content.utf8), envelope: Envelope(
                sender: "a@edm.test", recipients: ["b\(index)@example.test"]))
            #expect(result.disposition == .accepted, "sequence \(index): \(String(describing: result.error))")
        }

        // PIPELINING with one recipient Postfix refuses.
        let mixed = try client.send(Array("Subject: mixed\r\n\r\nhello\r\n".utf8), envelope: Envelope(
            sender: "a@edm.test", recipients: ["ok1@example.test", "bad address@", "ok2@example.test"]))
        #expect(mixed.disposition == .accepted)
        #expect(mixed.recipients.map(\.disposition) == [.accepted, .permanent, .accepted])
        #expect(mixed.recipients[1].reply?.code.rawValue == 501)
        client.quit()

        // Postfix saw exactly one message per transaction, and no message from the smuggled sender.
        let held = postfix.heldMessages
        #expect(held.count == Self.sequences.count + 1, "held: \(held.count)\n\(postfix.log.suffix(2000))")
        let dumps = held.map(postfix.postcat)
        #expect(!dumps.contains { $0.contains("sender: evil@edm.test") })
        for index in Self.sequences.indices {
            let dump = try #require(
                dumps.first { $0.contains("Subject: smuggling \(index)\n") }, "message \(index) missing")
            // The lone dot and the smuggled commands are body text, between "before" and "after".
            let body = Array(dump.components(separatedBy: "\n").drop { $0 != "before" })
            let dot = index == Self.sequences.count - 1 ? "\u{0}." : "."
            #expect(Array(body.prefix(3)) == ["before", dot, "MAIL FROM:<evil@edm.test>"], "\(index): \(dump)")
            #expect(body.contains("smuggled"))
            #expect(body.contains("after \(index)"))
        }

        // Wrong password: 535, exit 77, and the password is nowhere.
        #expect {
            try SMTPClient.probe(try configuration(postfix, password: "not-the-secret"), transcript: recorder)
        } throws: { error in
            guard let error = error as? SMTPError else { return false }
            return error.category == .credentialsRefused && !error.description.contains("not-the-secret")
        }
        for secret in ["not-the-secret", "AHRlc3RlckBlZG0udGVzdABzZWNyZXQ=", "\u{0}secret"] {
            #expect(!recorder.text.contains(secret))
        }
    }
}
