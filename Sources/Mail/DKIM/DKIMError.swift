// DKIMError: why a message could not be DKIM-signed or a DKIM key record could not be read (RFC 6376).
public import EdmCrypto

/// A DKIM signing or key-record failure.
///
/// None is transient: each needs a change to the configuration, the key,
/// the message builder or the published DNS record, so retrying the same input gives the same result.
public struct DKIMError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// The signer was given no keys.
        case noKeys
        /// The `d=` domain is not an ASCII domain name (RFC 6376 §3.5; pass IDNs as A-labels).
        case invalidDomain(String)
        /// The selector is not a dot-separated list of DNS labels (RFC 6376 §3.1).
        case invalidSelector(String)
        /// A configured header name is not an RFC 5322 §3.6.8 field name, or is `DKIM-Signature` itself.
        case invalidHeaderName(String)
        /// The `x=` lifetime in seconds is not positive or has over 12 digits (RFC 6376 §3.5).
        case invalidExpiration(Int)
        /// The `t=` timestamp is negative.
        case invalidTimestamp(Int)
        /// An RSA key below 1024 bits, which RFC 8301 §3.2 forbids signers to use.
        case keyTooSmall(selector: String, bits: Int)
        /// Header line `line` (1-based) is neither `name:` nor a continuation of the field before it.
        case malformedHeader(line: Int)
        /// A CR or LF not part of a CRLF pair at byte `offset`; the wire format needs CRLF (RFC 5322 §2.1).
        case bareLineBreak(offset: Int)
        /// The message has no From field, which every signature must cover (RFC 6376 §5.4).
        case missingFrom
        /// OpenSSL failed while hashing or signing.
        case signingFailed(CryptoError)
        /// A DKIM key record (DNS TXT) that does not follow RFC 6376 §3.6.1.
        case malformedRecord(String)
        /// Explicit signature tags (`DKIMExplicitTags`) that break RFC 6376 §3.5 or §5.4, with the reason.
        case invalidTags(String)
    }

    /// What went wrong.
    public var kind: Kind

    /// Creates an error of `kind`.
    public init(_ kind: Kind) {
        self.kind = kind
    }

    /// Always false: see the type's documentation.
    public var isTransient: Bool { false }

    public var description: String {
        switch kind {
        case .noKeys:
            "no DKIM key configured"
        case .invalidDomain(let domain):
            "DKIM domain '\(domain)' is not a valid domain name (use the ASCII form, e.g. xn--... for IDNs)"
        case .invalidSelector(let selector):
            "DKIM selector '\(selector)' is not a valid DNS name (letters, digits and hyphens, dot-separated)"
        case .invalidHeaderName(let name):
            "'\(name)' cannot be a DKIM-signed header name"
        case .invalidExpiration(let seconds):
            "DKIM signature lifetime must be a positive number of seconds, got \(seconds)"
        case .invalidTimestamp(let timestamp):
            "DKIM timestamp \(timestamp) is before 1970"
        case .keyTooSmall(let selector, let bits):
            "DKIM key for selector '\(selector)' has \(bits) bits; RSA keys need at least 1024 (RFC 8301), "
                + "and 2048 is recommended"
        case .malformedHeader(let line):
            "header line \(line) is neither 'Name: value' nor a folded continuation line"
        case .bareLineBreak(let offset):
            "bare CR or LF at byte \(offset); messages must use CRLF line ends"
        case .missingFrom:
            "the message has no From header field, which DKIM must sign"
        case .signingFailed(let error):
            "DKIM signing failed: \(error)"
        case .malformedRecord(let reason):
            "malformed DKIM key record: \(reason)"
        case .invalidTags(let reason):
            "invalid DKIM signature tags: \(reason)"
        }
    }
}
