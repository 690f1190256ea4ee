// DKIMRecordMismatch: why a published DKIM key record does not match the configured key (RFC 6376 §3.6.1).

/// One reason a published key record would make edm's signatures fail, for `edm dkim check`.
public enum DKIMRecordMismatch: Sendable, Equatable, CustomStringConvertible {
    /// `p=` is empty: the key has been revoked (RFC 6376 §3.6.1).
    case keyRevoked
    /// `k=` names another key type than the configured key's.
    case keyType(published: String, configured: String)
    /// Same key type, different key: DNS has another key, or the key file is not the one published.
    case publicKey
    /// `h=` lists hash algorithms without sha256.
    case hashAlgorithms([String])
    /// `s=` lists service types without `email` or `*`.
    case serviceTypes([String])

    public var description: String {
        switch self {
        case .keyRevoked:
            "the published record has an empty p=, which revokes the key"
        case .keyType(let published, let configured):
            "the published record is k=\(published) but the configured key is k=\(configured)"
        case .publicKey:
            "the published public key (p=) is not the public half of the configured private key"
        case .hashAlgorithms(let algorithms):
            "the published record allows only h=\(algorithms.joined(separator: ":")), but edm signs with sha256"
        case .serviceTypes(let types):
            "the published record is limited to s=\(types.joined(separator: ":")), which excludes email"
        }
    }
}
