// ProbeReport: what `edm check --smtp` shows about a relay: extensions, TLS and authentication.
public import EdmCrypto

/// The findings of `SMTPClient.probe`.
public struct ProbeReport: Sendable, Equatable {
    /// The 220 greeting.
    public var greeting: Reply
    /// The extensions announced in the last EHLO reply (over TLS when TLS was used).
    public var capabilities: ServerCapabilities
    /// Protocol version, cipher and certificate subject and expiry; nil without TLS.
    public var tls: TLSSessionInfo?
    /// The mechanism AUTH succeeded with; nil when no credentials were configured.
    public var authenticatedWith: AuthMechanism?

    public init(
        greeting: Reply, capabilities: ServerCapabilities, tls: TLSSessionInfo?, authenticatedWith: AuthMechanism?
    ) {
        self.greeting = greeting
        self.capabilities = capabilities
        self.tls = tls
        self.authenticatedWith = authenticatedWith
    }
}
