// TLSContext: one configured SSL_CTX (trust roots, minimum version, verification, client certificate).
internal import COpenSSL
#if canImport(Glibc)
import Glibc
#endif

/// An `SSL_CTX` built from a `TLSConfiguration`.
///
/// `@unchecked Sendable` because the context is never changed after `init`, and OpenSSL allows one
/// `SSL_CTX` to create sessions on many threads at once; a relay pool shares one context between workers.
public final class TLSContext: @unchecked Sendable {
    let context: OpaquePointer
    /// The settings this context was built from.
    public let configuration: TLSConfiguration

    /// Bundle files tried when the compiled-in default is missing (the paths swift-nio-ssl searches on Linux).
    private static let fallbackBundles = [
        "/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/ca-bundle.pem",
        "/etc/pki/tls/cacert.pem", "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem", "/etc/ssl/cert.pem",
    ]

    /// Writing to a socket whose peer has gone raises SIGPIPE, which would kill edm; OpenSSL's socket BIO
    /// writes with plain write(2), so MSG_NOSIGNAL cannot be used. Ignored once, process-wide.
    private static let sigpipeIgnored: Bool = {
        signal(SIGPIPE, SIG_IGN)
        return true
    }()

    /// - Throws: `CryptoError` when the CA file, client certificate or key cannot be loaded.
    public init(configuration: TLSConfiguration = TLSConfiguration()) throws(CryptoError) {
        _ = Self.sigpipeIgnored
        OpenSSLCall.clearErrors()
        guard let context = SSL_CTX_new(TLS_client_method()) else {
            throw CryptoError(operation: "SSL_CTX_new", details: OpenSSLCall.drainErrors())
        }
        self.context = context
        self.configuration = configuration

        // RFC 8996: TLS 1.0 and 1.1 are deprecated; RFC 8314 §5 asks mail clients for TLS 1.2 or later.
        try OpenSSLCall.check("SSL_CTX_set_min_proto_version") {
            Int32(COpenSSL_SSL_CTX_set_min_proto_version(context, configuration.minimumVersion.openSSLValue))
        }
        switch configuration.verification {
        case .full: SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
        case .dangerousNone: SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nil)
        }
        switch configuration.trustRoots {
        case .system:
            try loadSystemTrust()
        case .file(let path):
            try OpenSSLCall.check("loading CA file \(path)") { SSL_CTX_load_verify_locations(context, path, nil) }
        }
        if let client = configuration.clientCertificate {
            try OpenSSLCall.check("loading client certificate \(client.chainFile)") {
                SSL_CTX_use_certificate_chain_file(context, client.chainFile)
            }
            try OpenSSLCall.check("loading client key \(client.privateKeyFile)") {
                SSL_CTX_use_PrivateKey_file(context, client.privateKeyFile, SSL_FILETYPE_PEM)
            }
            try OpenSSLCall.check("SSL_CTX_check_private_key") { SSL_CTX_check_private_key(context) }
        }
    }

    deinit { SSL_CTX_free(context) }

    private func loadSystemTrust() throws(CryptoError) {
        let context = self.context
        try OpenSSLCall.check("SSL_CTX_set_default_verify_paths") { SSL_CTX_set_default_verify_paths(context) }
        if let defaultFile = X509_get_default_cert_file(), access(defaultFile, R_OK) == 0 { return }
        for path in Self.fallbackBundles where access(path, R_OK) == 0 {
            try OpenSSLCall.check("loading CA file \(path)") { SSL_CTX_load_verify_locations(context, path, nil) }
            return
        }
    }
}
