// Credentials: an SMTP user and secret (password or OAuth 2 token) that never print their secret.

/// What AUTH sends. The secret is not public and never appears in `description`, `debugDescription` or a
/// mirror: `Credentials(user: "x", password: <redacted>)` (lettre's `impl Debug for Credentials`).
public struct Credentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable {
    /// What kind of secret this is; it decides the SASL mechanism.
    public enum SecretKind: Sendable, Equatable {
        /// A password, for PLAIN (RFC 4616) or LOGIN.
        case password
        /// An OAuth 2 bearer token, for XOAUTH2.
        case oauth2AccessToken
    }

    /// The user name (authentication identity).
    public var user: String
    public var secretKind: SecretKind
    /// The password or token. Internal so that no other module can print it by accident.
    let secret: String

    /// A user name and password.
    public static func password(user: String, password: String) -> Credentials {
        Credentials(user: user, secretKind: .password, secret: password)
    }

    /// A user name and OAuth 2 access token (XOAUTH2).
    public static func oauth2(user: String, accessToken: String) -> Credentials {
        Credentials(user: user, secretKind: .oauth2AccessToken, secret: accessToken)
    }

    private init(user: String, secretKind: SecretKind, secret: String) {
        self.user = user
        self.secretKind = secretKind
        self.secret = secret
    }

    public var description: String {
        let label = secretKind == .password ? "password" : "accessToken"
        return "Credentials(user: \"\(user.escapedForDisplay)\", \(label): <redacted>)"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["user": user, "secret": "<redacted>"], displayStyle: .struct)
    }
}
