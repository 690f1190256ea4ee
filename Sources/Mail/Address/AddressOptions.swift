// AddressOptions: switches that relax or tighten address parsing and the recipient key.

/// How strictly `AddressParser` reads addresses, and how recipient keys are formed.
public struct AddressOptions: Sendable, Equatable {
    /// Accept address literals such as `user@[192.0.2.1]` or `user@[IPv6:2001:db8::1]`
    /// (RFC 5321 §4.1.3). Off by default: bulk mail to bare IP addresses is almost always a data error.
    public var allowIPLiterals: Bool
    /// Treat the local part as case-sensitive in `EmailAddress.key(caseSensitiveLocalPart:)`.
    ///
    /// RFC 5321 §2.4 says the local part MAY be case-sensitive, but virtually no mail system treats
    /// `John@x` and `john@x` as different people, so keys fold case unless this is set.
    public var caseSensitiveLocalPart: Bool

    /// Creates options; the defaults refuse IP literals and fold the local part's case in keys.
    public init(allowIPLiterals: Bool = false, caseSensitiveLocalPart: Bool = false) {
        self.allowIPLiterals = allowIPLiterals
        self.caseSensitiveLocalPart = caseSensitiveLocalPart
    }
}
