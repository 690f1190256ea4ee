// TLSPolicy: whether and how the SMTP connection is encrypted (RFC 3207 STARTTLS, RFC 8314 implicit TLS).

/// How the client gets TLS. Anything weaker than `.required` or `.implicit` is named `dangerous`.
public enum TLSPolicy: Sendable, Equatable {
    /// STARTTLS (RFC 3207) on a plaintext port, required: if the server does not offer it or refuses it,
    /// the client stops; only EHLO and STARTTLS are ever sent in plaintext. The default.
    case required
    /// TLS from the first byte (RFC 8314 §3.3, port 465).
    case implicit
    /// No TLS at all: everything, including the message, crosses the network readable and changeable.
    /// Credentials are still refused unless the relay is on loopback and the insecure option is set.
    case dangerousPlaintext
}
