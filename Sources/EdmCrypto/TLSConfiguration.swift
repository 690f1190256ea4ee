// TLSConfiguration: how a TLS client verifies its peer; secure unless an option named `dangerous` says otherwise.

/// The settings a `TLSContext` is built from. The defaults are the secure choice: TLS 1.2 or later, the
/// system's trust store, and full verification of the chain and the host name.
public struct TLSConfiguration: Sendable, Equatable {
    /// How much of the peer's certificate is checked.
    public enum Verification: Sendable, Equatable {
        /// Chain to a trusted root, validity dates and host name (`SSL_VERIFY_PEER` plus `SSL_set1_host`).
        case full
        /// Nothing is checked: anyone on the path can read and change the traffic. For tests only.
        case dangerousNone
    }

    /// Where trusted root certificates come from.
    public enum TrustRoots: Sendable, Equatable {
        /// The system store (`SSL_CTX_set_default_verify_paths`, then the usual Linux bundle files).
        case system
        /// A PEM file of trusted CA certificates, e.g. a private relay's CA.
        case file(String)
    }

    /// A client certificate presented to servers that ask for one (PEM files).
    public struct ClientCertificate: Sendable, Equatable {
        /// The certificate, optionally followed by its intermediates.
        public var chainFile: String
        /// The matching private key, unencrypted.
        public var privateKeyFile: String

        public init(chainFile: String, privateKeyFile: String) {
            self.chainFile = chainFile
            self.privateKeyFile = privateKeyFile
        }
    }

    /// The oldest protocol version accepted.
    public var minimumVersion: TLSVersion
    /// Where trusted roots come from.
    public var trustRoots: TrustRoots
    /// How much of the peer's certificate is checked.
    public var verification: Verification
    /// A certificate to present when the server asks for one.
    public var clientCertificate: ClientCertificate?

    public init(
        minimumVersion: TLSVersion = .v1_2, trustRoots: TrustRoots = .system, verification: Verification = .full,
        clientCertificate: ClientCertificate? = nil
    ) {
        self.minimumVersion = minimumVersion
        self.trustRoots = trustRoots
        self.verification = verification
        self.clientCertificate = clientCertificate
    }
}
