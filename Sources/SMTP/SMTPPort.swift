// SMTPPort: the well-known SMTP port numbers.

/// Port numbers for mail submission and relay.
public enum SMTPPort {
    /// RFC 5321 relay (server to server).
    public static let smtp = 25
    /// RFC 8314 §3.3: submission over implicit TLS.
    public static let submissions = 465
    /// RFC 6409: message submission with STARTTLS.
    public static let submission = 587
}
