// TransportSettings: where rendered messages go: an outbox folder or a pool of SMTP relays.

/// `[transport]`, `[outbox]`, `[smtp]` and `[[smtp.relay]]`.
public struct TransportSettings: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable { case outbox, smtp }
    public var kind: Kind
    /// `[outbox] dir`: Maildir-style folder (tmp → new) for the `outbox` transport.
    public var outboxDirectory: String
    public var smtp: SMTPSettings?
}

/// `[smtp]`.
public struct SMTPSettings: Sendable, Equatable {
    public var heloName: String?
    public var relays: [RelaySettings]
    public var timeouts: RelayTimeouts
}

/// How a relay connection is secured.
public enum TLSMode: String, Sendable, Equatable {
    /// STARTTLS, required (RFC 3207); the default.
    case starttls
    /// TLS from the first byte (RFC 8314 §3.3, port 465).
    case implicit
    /// No TLS at all; allowed only under this name.
    case insecurePlaintext = "insecure-plaintext"
}

/// One `[[smtp.relay]]`.
public struct RelaySettings: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var tls: TLSMode
    /// Name the certificate must match, when `host` is an IP address or an alias.
    public var tlsServerName: String?
    public var caFile: String?
    public var clientCertificateFile: String?
    public var clientKeyFile: String?
    public var insecureSkipVerify: Bool
    public var username: String?
    public var password: SecretSource?
    public var oauthToken: SecretSource?
    public var auth: String
    public var insecureAuthOverPlaintext: Bool
    public var weight: Int
    public var maxConnections: Int
    public var messagesPerConnection: Int
    public var rate: RateLimit?
}

/// `[smtp.timeouts]`, defaults from RFC 5321 §4.5.3.2 (connect is edm's own).
public struct RelayTimeouts: Sendable, Equatable {
    public var connect = ConfigDuration(seconds: 30)
    public var greeting = ConfigDuration(seconds: 300)
    public var mail = ConfigDuration(seconds: 300)
    public var rcpt = ConfigDuration(seconds: 300)
    public var dataInit = ConfigDuration(seconds: 120)
    public var dataBlock = ConfigDuration(seconds: 180)
    public var dataEnd = ConfigDuration(seconds: 600)
}
