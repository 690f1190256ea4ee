// A real aiosmtpd (STARTTLS, AUTH PLAIN/LOGIN) receives 100 messages over one connection, byte for byte.
import EdmTestSupport
import EdmCrypto
import Foundation
import SMTP
import Testing

@Suite struct AiosmtpdTests {
    static let password = "aio-Secret-7f3a"

    /// A message whose lines exercise dot-stuffing, long lines and 8-bit text.
    static func message(_ index: Int) -> [UInt8] {
        var text = "From: Shop <news@shop.test>\r\nTo: user\(index)@example.test\r\nSubject: Offer \(index)\r\n"
        text += "Message-ID: <\(index).test@shop.test>\r\nMIME-Version: 1.0\r\n"
        text += "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        text += "Hello user \(index), Grüße!\r\n.\r\n..two dots\r\n.leading dot\r\n"
        text += String(repeating: "x", count: 900 + index % 90) + "\r\n"
        text += "end \(index)\r\n"
        return Array(text.utf8)
    }

    @Test("100 messages over one STARTTLS+AUTH connection arrive byte-identical")
    func hundredMessages() throws {
        let certificates = try TestCertificates.get()
        let outbox = NSTemporaryDirectory() + "edm-aiosmtpd-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: outbox) }
        let peer = try PeerProcess(python: "aiosmtpd-server.py", [
            "--cert", certificates.pem("good"), "--key", certificates.key("good"), "--outdir", outbox,
            "--user", "tester@edm.test", "--password", Self.password,
        ])
        let recorder = TranscriptRecorder()
        let configuration = SMTPConfiguration(
            host: "localhost", port: peer.port, tls: TLSConfiguration(trustRoots: .file(certificates.pem("ca"))),
            credentials: .password(user: "tester@edm.test", password: Self.password), clientName: "client.test",
            timeouts: .uniform(.seconds(20)))
        let client = try SMTPClient.connect(configuration, transcript: recorder)
        #expect(client.authenticatedMechanism == .plain)
        #expect(!client.capabilities.pipelining)
        for index in 1...100 {
            let result = try client.send(Self.message(index), envelope: Envelope(
                sender: "bounces+\(index)@shop.test", recipients: ["user\(index)@example.test"]))
            #expect(result.disposition == .accepted, "message \(index): \(String(describing: result.error))")
        }
        client.quit()

        for index in 1...100 {
            let stem = outbox + String(format: "/%04d", index)
            let envelope = try String(contentsOfFile: stem + ".env", encoding: .utf8)
            #expect(envelope == "bounces+\(index)@shop.test\nuser\(index)@example.test\n")
            let received = try #require(FileManager.default.contents(atPath: stem + ".eml"))
            #expect(Array(received) == Self.message(index), "message \(index) differs")
        }
        #expect(!FileManager.default.fileExists(atPath: outbox + "/0101.env"))
        #expect(recorder.text.contains("C: AUTH PLAIN <redacted>"))
        #expect(!recorder.text.contains(Self.password))
        #expect(recorder.text.contains("BODY=8BITMIME"))
    }

    @Test("AUTH LOGIN and a refused password against aiosmtpd")
    func loginAndRefusal() throws {
        let certificates = try TestCertificates.get()
        let outbox = NSTemporaryDirectory() + "edm-aiosmtpd-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: outbox) }
        let peer = try PeerProcess(python: "aiosmtpd-server.py", [
            "--cert", certificates.pem("good"), "--key", certificates.key("good"), "--outdir", outbox,
            "--user", "tester@edm.test", "--password", Self.password,
        ])
        var configuration = SMTPConfiguration(
            host: "localhost", port: peer.port, tls: TLSConfiguration(trustRoots: .file(certificates.pem("ca"))),
            credentials: .password(user: "tester@edm.test", password: Self.password), authMechanism: .login,
            clientName: "client.test", timeouts: .uniform(.seconds(20)))
        let report = try SMTPClient.probe(configuration)
        #expect(report.authenticatedWith == .login)

        configuration.credentials = .password(user: "tester@edm.test", password: "wrong-\(Self.password)")
        let recorder = TranscriptRecorder()
        #expect {
            try SMTPClient.probe(configuration, transcript: recorder)
        } throws: { error in
            guard let error = error as? SMTPError, case .authenticationFailed = error.kind else { return false }
            return error.category == .credentialsRefused && !error.description.contains(Self.password)
        }
        #expect(!recorder.text.contains(Self.password))
    }
}
