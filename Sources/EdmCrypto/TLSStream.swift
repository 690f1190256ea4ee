// TLSStream: one verified TLS client session over a connected, blocking socket (SSL_set_fd).
internal import COpenSSL
#if canImport(Glibc)
import Glibc
#endif

/// A TLS client session on a socket the caller has connected (and keeps open until this object is gone).
/// The handshake, with certificate and host name verification, happens in `init`.
///
/// Not `Sendable`: an `SSL` object must be used by one thread at a time; one worker owns each stream.
public final class TLSStream {
    private let ssl: OpaquePointer
    private let fileDescriptor: Int32
    /// Keeps the `SSL_CTX` alive as long as the session (OpenSSL also counts a reference).
    private let context: TLSContext
    /// False after a fatal error or the peer's close: OpenSSL forbids SSL_shutdown after a fatal error.
    private var isUsable = true
    private var buffer = [UInt8](repeating: 0, count: 16 * 1024)

    /// Starts TLS on `fileDescriptor` and verifies the server.
    ///
    /// - Parameters:
    ///   - fileDescriptor: A connected, blocking TCP socket.
    ///   - serverName: The name the certificate must be valid for: the relay's configured name, also when the
    ///     socket was connected by IP address or through an alias. Sent as SNI unless it is an IP literal.
    ///   - context: Trust roots, minimum version and verification mode.
    ///   - timeout: Send and receive timeout for the handshake and later I/O (`SO_RCVTIMEO`/`SO_SNDTIMEO`).
    /// - Throws: `CryptoError` whose kind says why the handshake failed (certificate, protocol version,
    ///   timeout, closed connection).
    public init(
        fileDescriptor: Int32, serverName: String, context: TLSContext, timeout: Duration? = nil
    ) throws(CryptoError) {
        OpenSSLCall.clearErrors()
        guard let ssl = SSL_new(context.context) else {
            throw CryptoError(operation: "SSL_new", details: OpenSSLCall.drainErrors())
        }
        self.ssl = ssl
        self.fileDescriptor = fileDescriptor
        self.context = context
        if let timeout { try setTimeout(timeout) }
        try OpenSSLCall.check("SSL_set_fd") { SSL_set_fd(ssl, fileDescriptor) }

        let name = Self.unbracketed(serverName)
        // RFC 6066 §3: "Literal IPv4 and IPv6 addresses are not permitted in HostName."
        if !name.isEmpty && !Self.isIPLiteral(name) {
            try OpenSSLCall.check("SSL_set_tlsext_host_name") { Int32(COpenSSL_SSL_set_tlsext_host_name(ssl, name)) }
        }
        if context.configuration.verification == .full {
            guard !name.isEmpty else {
                throw CryptoError(
                    operation: "TLS handshake", details: ["no server name to verify the certificate against"])
            }
            // RFC 6125 §6.4: match the reference identity against the certificate's DNS (or IP) names. In
            // OpenSSL 3, SSL_set1_host checks an IP literal against the iPAddress entries.
            try OpenSSLCall.check("SSL_set1_host") { SSL_set1_host(ssl, name) }
            SSL_set_hostflags(ssl, UInt32(X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS))
        }

        OpenSSLCall.clearErrors()
        let result = SSL_connect(ssl)
        let savedErrno = errno
        guard result == 1 else {
            isUsable = false
            throw TLSFailure.error(
                "TLS handshake with \(name)", ssl: ssl, result: result, savedErrno: savedErrno, expectedName: name)
        }
    }

    deinit { SSL_free(ssl) }

    /// What the handshake negotiated.
    public var session: TLSSessionInfo {
        let version = SSL_get_version(ssl).map { String(cString: $0) } ?? "unknown"
        let cipher = SSL_get_current_cipher(ssl).flatMap { SSL_CIPHER_get_name($0) }.map { String(cString: $0) }
        let certificate = SSL_get0_peer_certificate(ssl).map { CertificateInfo(x509: $0) }
        return TLSSessionInfo(protocolVersion: version, cipher: cipher ?? "unknown", peerCertificate: certificate)
    }

    /// Reads up to `maxLength` decrypted bytes, blocking until at least one is available.
    ///
    /// - Returns: The bytes; empty when the peer closed the connection (close_notify or a bare TCP close; SMTP
    ///   replies are self-delimiting, so a truncated reply is still noticed by the caller).
    /// - Throws: `CryptoError` with kind `.timedOut` when the receive timeout expires.
    public func read(upTo maxLength: Int) throws(CryptoError) -> [UInt8] {
        if buffer.count < maxLength { buffer = [UInt8](repeating: 0, count: maxLength) }
        let ssl = self.ssl
        var count = 0
        OpenSSLCall.clearErrors()
        let result = buffer.withUnsafeMutableBytes {
            SSL_read_ex(ssl, $0.baseAddress, min(maxLength, $0.count), &count)
        }
        let savedErrno = errno
        if result == 1 { return Array(buffer.prefix(count)) }
        isUsable = false
        let error = TLSFailure.error("TLS read", ssl: ssl, result: result, savedErrno: savedErrno, expectedName: nil)
        if error.kind == .connectionClosed { return [] }
        throw error
    }

    /// Writes all of `bytes`.
    ///
    /// - Throws: `CryptoError` with kind `.timedOut` when the send timeout expires, `.connectionClosed` when
    ///   the peer has gone.
    public func write(_ bytes: [UInt8]) throws(CryptoError) {
        let ssl = self.ssl
        var offset = 0
        while offset < bytes.count {
            var written = 0
            OpenSSLCall.clearErrors()
            let result = bytes.withUnsafeBytes { raw in
                raw.baseAddress.map { SSL_write_ex(ssl, $0 + offset, raw.count - offset, &written) } ?? 0
            }
            let savedErrno = errno
            guard result == 1 else {
                isUsable = false
                throw TLSFailure.error("TLS write", ssl: ssl, result: result, savedErrno: savedErrno, expectedName: nil)
            }
            offset += written
        }
    }

    /// Sets the socket's send and receive timeouts; an expired one surfaces as `CryptoError.Kind.timedOut`.
    public func setTimeout(_ timeout: Duration) throws(CryptoError) {
        let (seconds, attoseconds) = timeout.components
        let microseconds = max(seconds == 0 ? 1 : 0, Int(attoseconds / 1_000_000_000_000))
        var value = timeval(tv_sec: Int(max(0, seconds)), tv_usec: microseconds)
        for option in [SO_RCVTIMEO, SO_SNDTIMEO] {
            guard setsockopt(fileDescriptor, SOL_SOCKET, option, &value, socklen_t(MemoryLayout<timeval>.size)) == 0
            else { throw CryptoError(operation: "setsockopt", details: [], kind: .io(errno: errno)) }
        }
    }

    /// Sends close_notify (RFC 8446 §6.1) without waiting for the peer's; the caller then closes the socket.
    public func shutdown() {
        guard isUsable else { return }
        isUsable = false
        OpenSSLCall.clearErrors()
        _ = SSL_shutdown(ssl)
        OpenSSLCall.clearErrors()
    }

    /// True for "192.0.2.1" and "2001:db8::1" (no SNI for those).
    static func isIPLiteral(_ name: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, name, &v4) == 1 || inet_pton(AF_INET6, name, &v6) == 1
    }

    private static func unbracketed(_ name: String) -> String {
        name.hasPrefix("[") && name.hasSuffix("]") ? String(name.dropFirst().dropLast()) : name
    }
}
