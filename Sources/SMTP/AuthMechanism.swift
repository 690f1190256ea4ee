// AuthMechanism: the SASL mechanisms edm speaks in AUTH (RFC 4954) and what each sends.

/// A SASL mechanism for AUTH.
public enum AuthMechanism: String, Sendable, Equatable, CaseIterable {
    /// RFC 4616: one message, "\0user\0password".
    case plain = "PLAIN"
    /// The de-facto LOGIN mechanism: user name, then password, each after a 334 challenge.
    case login = "LOGIN"
    /// Google/Microsoft XOAUTH2: "user=…\u{1}auth=Bearer …\u{1}\u{1}".
    case xoauth2 = "XOAUTH2"

    /// The client's messages in order, before base64. The first may go as the initial response
    /// (RFC 4954 §4); each later one answers one 334 challenge. Nothing is left for any further challenge.
    func messages(for credentials: Credentials) -> [[UInt8]] {
        switch self {
        case .plain:
            return [[0] + Array(credentials.user.utf8) + [0] + Array(credentials.secret.utf8)]
        case .login:
            return [Array(credentials.user.utf8), Array(credentials.secret.utf8)]
        case .xoauth2:
            let token = "user=\(credentials.user)\u{1}auth=Bearer \(credentials.secret)\u{1}\u{1}"
            // On failure the server sends a 334 with a JSON error; the client answers with an empty line and
            // then gets the final 5yz.
            return [Array(token.utf8), []]
        }
    }

    /// Whether the first message may be sent as an initial response (LOGIN traditionally waits for a prompt).
    var sendsInitialResponse: Bool { self != .login }
}
