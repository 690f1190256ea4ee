// Tests of TLSStream against a real TLS server on loopback, with certificates made at test time.
import EdmCrypto
import Foundation
import Testing

@Suite struct TLSStreamTests {
    private func context(trusting ca: String = "ca", _ configure: (inout TLSConfiguration) throws -> Void = { _ in })
        throws -> TLSContext {
        var configuration = TLSConfiguration(trustRoots: .file(try TLSTestPeer.certificate(ca)))
        try configure(&configuration)
        return try TLSContext(configuration: configuration)
    }

    @Test("a valid chain passes: echo works, session details are reported, SNI is sent")
    func validChain() throws {
        let peer = try TLSTestPeer(certificate: "good")
        let connection = try LoopbackConnection(port: peer.port)
        let stream = try TLSStream(
            fileDescriptor: connection.fileDescriptor, serverName: "localhost", context: try context(),
            timeout: .seconds(5))
        try stream.write(Array("ping\n".utf8))
        #expect(try stream.read(upTo: 100) == Array("ping\n".utf8))
        let session = stream.session
        #expect(session.protocolVersion == "TLSv1.3")
        #expect(!session.cipher.isEmpty && session.cipher != "unknown")
        let certificate = try #require(session.peerCertificate)
        #expect(certificate.subject == "CN=localhost")
        #expect(certificate.issuer == "CN=edm test CA")
        let now = Int64(Date().timeIntervalSince1970)
        #expect(certificate.notAfter > now + 29 * 86400 && certificate.notAfter < now + 31 * 86400)
        #expect(certificate.notBefore < now)
        stream.shutdown()
        #expect(peer.waitForLine { $0 == "SNI localhost" } != nil)
        #expect(peer.waitForLine { $0.hasPrefix("HANDSHAKE OK TLSv1.3") } != nil)
    }

    @Test("an IP literal is verified against the certificate's IP addresses and sent without SNI")
    func ipLiteral() throws {
        let peer = try TLSTestPeer(certificate: "good")
        let connection = try LoopbackConnection(port: peer.port)
        let stream = try TLSStream(
            fileDescriptor: connection.fileDescriptor, serverName: "127.0.0.1", context: try context())
        #expect(stream.session.peerCertificate?.subject == "CN=localhost")
        #expect(peer.waitForLine { $0.hasPrefix("SNI") } == "SNI -")
    }

    @Test("connected by IP, verified against the configured relay name")
    func separateServerName() throws {
        let peer = try TLSTestPeer(certificate: "wronghost")
        let connection = try LoopbackConnection(port: peer.port)
        let stream = try TLSStream(
            fileDescriptor: connection.fileDescriptor, serverName: "mail.example.org", context: try context())
        #expect(stream.session.peerCertificate?.subject == "CN=mail.example.org")
        #expect(peer.waitForLine { $0.hasPrefix("SNI") } == "SNI mail.example.org")
    }

    static let refusals: [(String, String, String, [String], CryptoError.Kind, String)] = [
        ("self-signed", "selfsigned", "ca", [], .certificateRejected(.selfSigned), "self-signed"),
        ("unknown CA", "good", "otherca", [], .certificateRejected(.unknownIssuer), "unknown certificate authority"),
        ("expired", "expired", "ca", [], .certificateRejected(.expired), "has expired"),
        ("not yet valid", "notyetvalid", "ca", [], .certificateRejected(.notYetValid), "not yet valid"),
        ("wrong host name", "wronghost", "ca", [], .certificateRejected(.hostnameMismatch(expected: "localhost")),
         "host name mismatch"),
        ("TLS 1.1 only", "good", "ca", ["--max-tls", "1.1"], .protocolVersionRefused, "protocol too old"),
    ]

    @Test("bad peers are refused with the reason named, and nothing is sent after", arguments: refusals)
    func refused(label: String, certificate: String, ca: String, arguments: [String], kind: CryptoError.Kind,
                 message: String) throws {
        let peer = try TLSTestPeer(certificate: certificate, arguments)
        let connection = try LoopbackConnection(port: peer.port)
        let context = try context(trusting: ca)
        do {
            _ = try TLSStream(
                fileDescriptor: connection.fileDescriptor, serverName: "localhost", context: context,
                timeout: .seconds(5))
            Issue.record("\(label): the handshake succeeded")
        } catch {
            #expect(error.kind == kind, "\(label): \(error)")
            #expect(error.description.contains(message), "\(label): \(error)")
            #expect(error.description.hasPrefix("TLS handshake with localhost failed"))
        }
        // The client writes nothing more: the server sees only the end of the connection.
        shutdown(connection.fileDescriptor, Int32(SHUT_WR))
        #expect(peer.waitForLine { $0.hasPrefix("HANDSHAKE FAILED") } != nil, "\(label): \(peer.output)")
        #expect(peer.waitForLine { $0.hasPrefix("AFTER") } == "AFTER 0 ", "\(label): \(peer.output)")
    }

    @Test("the system trust store does not trust the test CA")
    func systemTrust() throws {
        let peer = try TLSTestPeer(certificate: "good")
        let connection = try LoopbackConnection(port: peer.port)
        #expect(throws: CryptoError.self) {
            try TLSStream(
                fileDescriptor: connection.fileDescriptor, serverName: "localhost", context: try TLSContext())
        }
    }

    @Test("dangerousNone accepts a self-signed certificate for the wrong name")
    func dangerousNone() throws {
        let peer = try TLSTestPeer(certificate: "selfsigned")
        let connection = try LoopbackConnection(port: peer.port)
        let context = try TLSContext(configuration: TLSConfiguration(verification: .dangerousNone))
        let stream = try TLSStream(
            fileDescriptor: connection.fileDescriptor, serverName: "other.test", context: context)
        #expect(stream.session.peerCertificate?.subject == "CN=localhost")
    }

    @Test("a client certificate is presented when configured, and required by this server")
    func clientCertificate() throws {
        let peer = try TLSTestPeer(certificate: "good", ["--client-ca", try TLSTestPeer.certificate("ca")])
        let connection = try LoopbackConnection(port: peer.port)
        let withCertificate = try context {
            $0.clientCertificate = .init(chainFile: try TLSTestPeer.certificate("client"),
                                         privateKeyFile: try TLSTestPeer.key("client"))
        }
        let stream = try TLSStream(
            fileDescriptor: connection.fileDescriptor, serverName: "localhost", context: withCertificate)
        try stream.write(Array("x".utf8))
        #expect(try stream.read(upTo: 10) == Array("x".utf8))
        #expect(peer.waitForLine { $0.hasPrefix("HANDSHAKE OK") }?.hasSuffix("commonName=edm client") == true)

        let second = try LoopbackConnection(port: peer.port)
        let anonymous = try TLSStream(
            fileDescriptor: second.fileDescriptor, serverName: "localhost", context: try context(),
            timeout: .seconds(5))
        // TLS 1.3: the server's refusal of a missing certificate arrives after the client's handshake ends.
        #expect(throws: CryptoError.self) {
            try anonymous.write(Array("x".utf8))
            _ = try anonymous.read(upTo: 10)
            _ = try anonymous.read(upTo: 10)
        }
    }

    @Test("a read with nothing to read times out as .timedOut, never as WANT_READ")
    func readTimeout() throws {
        let peer = try TLSTestPeer(certificate: "good")
        let connection = try LoopbackConnection(port: peer.port)
        let stream = try TLSStream(
            fileDescriptor: connection.fileDescriptor, serverName: "localhost", context: try context())
        try stream.setTimeout(.milliseconds(200))
        let start = Date()
        #expect(throws: CryptoError(operation: "TLS read", details: [], kind: .timedOut)) { try stream.read(upTo: 10) }
        #expect(Date().timeIntervalSince(start) < 2)
    }

    @Test("a missing CA file or client key fails when the context is built")
    func badFiles() throws {
        #expect { try TLSContext(configuration: TLSConfiguration(trustRoots: .file("/nonexistent/ca.pem"))) } throws: {
            ($0 as? CryptoError)?.operation == "loading CA file /nonexistent/ca.pem"
        }
        let mismatched = TLSConfiguration.ClientCertificate(chainFile: try TLSTestPeer.certificate("client"),
                                                            privateKeyFile: try TLSTestPeer.key("good"))
        #expect(throws: CryptoError.self) {
            try TLSContext(configuration: TLSConfiguration(clientCertificate: mismatched))
        }
    }
}
