// SMTPConfiguration: where the relay is, how TLS and AUTH are done, and how long to wait.
public import EdmCrypto

/// Everything `SMTPClient` needs to know about one relay. The defaults are the safe choices: STARTTLS
/// required, full certificate verification, credentials only over TLS.
public struct SMTPConfiguration: Sendable {
    /// Host name or IP literal to connect to.
    public var host: String
    public var port: Int
    public var tlsPolicy: TLSPolicy
    /// The name the server's certificate must be valid for, when it differs from `host` (connecting by IP
    /// address or through an alias). Defaults to `host`.
    public var tlsServerName: String?
    /// Trust roots, minimum version, verification and client certificate.
    public var tls: TLSConfiguration
    public var credentials: Credentials?
    /// Forces one SASL mechanism; nil picks PLAIN, then LOGIN (XOAUTH2 for tokens) from what is offered.
    public var authMechanism: AuthMechanism?
    /// The name sent with EHLO: the client's fully qualified domain name (RFC 5321 §4.1.1.1).
    public var clientName: String
    public var timeouts: SMTPTimeouts
    /// Allows AUTH without TLS, and only when the relay's address is loopback (a local Postfix or test peer).
    public var insecureAllowPlaintextAuthToLoopback: Bool
    /// How many 334 challenges an AUTH exchange may take before the client cancels it.
    public var maximumAuthChallenges: Int

    public init(
        host: String, port: Int = SMTPPort.submission, tlsPolicy: TLSPolicy = .required, tlsServerName: String? = nil,
        tls: TLSConfiguration = TLSConfiguration(), credentials: Credentials? = nil,
        authMechanism: AuthMechanism? = nil,
        clientName: String = "localhost", timeouts: SMTPTimeouts = SMTPTimeouts(),
        insecureAllowPlaintextAuthToLoopback: Bool = false, maximumAuthChallenges: Int = 3
    ) {
        self.host = host
        self.port = port
        self.tlsPolicy = tlsPolicy
        self.tlsServerName = tlsServerName
        self.tls = tls
        self.credentials = credentials
        self.authMechanism = authMechanism
        self.clientName = clientName
        self.timeouts = timeouts
        self.insecureAllowPlaintextAuthToLoopback = insecureAllowPlaintextAuthToLoopback
        self.maximumAuthChallenges = maximumAuthChallenges
    }

    /// The name the certificate is verified against.
    public var verifiedServerName: String { tlsServerName ?? host }
}
