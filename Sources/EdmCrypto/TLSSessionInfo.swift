// TLSSessionInfo: what a finished handshake negotiated, for `edm check --smtp` and transcripts.

/// The negotiated protocol, cipher and the peer's certificate.
public struct TLSSessionInfo: Sendable, Equatable {
    /// OpenSSL's name of the version, e.g. "TLSv1.3".
    public var protocolVersion: String
    /// The cipher suite, e.g. "TLS_AES_256_GCM_SHA384".
    public var cipher: String
    /// The leaf certificate the server presented (nil only when verification was off and none was sent).
    public var peerCertificate: CertificateInfo?

    public init(protocolVersion: String, cipher: String, peerCertificate: CertificateInfo?) {
        self.protocolVersion = protocolVersion
        self.cipher = cipher
        self.peerCertificate = peerCertificate
    }
}
