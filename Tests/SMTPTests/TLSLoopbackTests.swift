// STARTTLS against a real TLS server on loopback: verified chains pass; bad certificates and TLS 1.1 are
// refused with the reason named, and nothing more is sent, in plaintext or otherwise.
import EdmTestSupport
import EdmCrypto
import Foundation
import SMTP
import Testing

@Suite struct TLSLoopbackTests {
    static let credentials = Credentials.password(user: "tester@edm.test", password: "loopback-secret-42")

    private func configuration(host: String = "localhost", port: Int, ca: String = "ca", serverName: String? = nil,
                               policy: TLSPolicy = .required) throws -> SMTPConfiguration {
        let certificates = try TestCertificates.get()
        return SMTPConfiguration(
            host: host, port: port, tlsPolicy: policy, tlsServerName: serverName,
            tls: TLSConfiguration(trustRoots: .file(certificates.pem(ca))), credentials: Self.credentials,
            clientName: "client.test", timeouts: .uniform(.seconds(10)))
    }

    private func server(_ certificate: String, _ arguments: [String] = []) throws -> PeerProcess {
        let certificates = try TestCertificates.get()
        return try PeerProcess(python: "tls-server.py", ["--mode", "starttls", "--cert", certificates.pem(certificate),
                                                         "--key", certificates.key(certificate)] + arguments)
    }

    @Test("a valid chain passes: EHLO and STARTTLS in plaintext, AUTH only over TLS; probe reports TLS details")
    func validChain() throws {
        let peer = try server("good")
        let recorder = TranscriptRecorder()
        let report = try SMTPClient.probe(try configuration(port: peer.port), transcript: recorder)
        #expect(report.tls?.protocolVersion == "TLSv1.3")
        #expect(report.tls?.peerCertificate?.subject == "CN=localhost")
        #expect(report.authenticatedWith == .plain)
        #expect(report.capabilities.maximumMessageSize == 1_000_000)
        #expect(!report.capabilities.pipelining)  // announced before TLS only
        _ = peer.waitForLine { $0 == "CLOSED" }
        let dialogue = peer.output.filter { $0.hasPrefix("PLAIN ") || $0.hasPrefix("TLS ") }
        #expect(dialogue == ["PLAIN EHLO client.test", "PLAIN STARTTLS", "TLS EHLO client.test",
                             "TLS AUTH PLAIN AHRlc3RlckBlZG0udGVzdABsb29wYmFjay1zZWNyZXQtNDI=", "TLS QUIT"])
        #expect(!recorder.text.contains("loopback-secret-42"))
        #expect(!recorder.text.contains("AHRlc3RlckBlZG0udGVzdABsb29wYmFjay1zZWNyZXQtNDI="))
        #expect(recorder.text.contains("C: AUTH PLAIN <redacted>"))
    }

    @Test("connected by IP address, verified against a separate server name")
    func separateServerName() throws {
        let peer = try server("wronghost")
        let configuration = try configuration(host: "127.0.0.1", port: peer.port, serverName: "mail.example.org")
        let report = try SMTPClient.probe(configuration)
        #expect(report.tls?.peerCertificate?.subject == "CN=mail.example.org")
    }

    @Test("IPv6 loopback works")
    func ipv6() throws {
        let peer = try server("good", ["--listen", "::1"])
        let report = try SMTPClient.probe(try configuration(host: "::1", port: peer.port))
        #expect(report.tls != nil)
    }

    static let refusals: [(String, String, [String], CryptoError.Kind)] = [
        ("selfsigned", "ca", [], .certificateRejected(.selfSigned)),
        ("good", "otherca", [], .certificateRejected(.unknownIssuer)),
        ("expired", "ca", [], .certificateRejected(.expired)),
        ("wronghost", "ca", [], .certificateRejected(.hostnameMismatch(expected: "localhost"))),
        ("good", "ca", ["--max-tls", "1.1"], .protocolVersionRefused),
    ]

    @Test("refused peers: the reason is named, the error maps to exit 78, nothing is sent after", arguments: refusals)
    func refused(certificate: String, ca: String, arguments: [String], kind: CryptoError.Kind) throws {
        let peer = try server(certificate, arguments)
        let recorder = TranscriptRecorder()
        #expect {
            try SMTPClient.probe(try configuration(port: peer.port, ca: ca), transcript: recorder)
        } throws: { error in
            guard let error = error as? SMTPError, case .tls(let crypto) = error.kind else { return false }
            return crypto.kind == kind && error.category == .configuration && !error.isTransient
        }
        #expect(peer.waitForLine { $0.hasPrefix("AFTER") } == "AFTER 0 ", "\(peer.output)")
        _ = peer.waitForLine { $0 == "CLOSED" }
        #expect(peer.output.filter { $0.hasPrefix("PLAIN ") } == ["PLAIN EHLO client.test", "PLAIN STARTTLS"])
        #expect(!peer.output.contains { $0.hasPrefix("TLS ") })
        #expect(!recorder.text.contains("AUTH"))
    }

    @Test("nobody listening: unavailable (exit 69)")
    func refusedConnection() throws {
        let port = try PostfixPeer.freePort()
        #expect {
            try SMTPClient.connect(try configuration(host: "127.0.0.1", port: port))
        } throws: { error in
            guard let error = error as? SMTPError, case .network(let code, _) = error.kind else { return false }
            return code == ECONNREFUSED && error.category == .unavailable && error.isTransient
        }
    }
}
