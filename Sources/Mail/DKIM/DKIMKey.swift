// DKIMKey: a signing key and the selector under which its public half is published (RFC 6376 §3.1).
public import EdmCrypto

/// One signing identity: the key, and the selector naming its DNS record `<selector>._domainkey.<domain>`.
public struct DKIMKey: Sendable {
    /// The selector (`s=`).
    public let selector: String
    /// The private key.
    public let signingKey: SigningKey

    /// Pairs a key with its selector.
    /// - Throws: `DKIMError` when the selector is not a DNS name, or the key is RSA below 1024 bits
    ///   (RFC 8301 §3.2). Callers may warn below 2048 bits by reading `signingKey.algorithm`.
    public init(selector: String, signingKey: SigningKey) throws(DKIMError) {
        guard DKIMSyntax.isDNSName(selector) else { throw DKIMError(.invalidSelector(selector)) }
        if case .rsa(let bits) = signingKey.algorithm, bits < 1024 {
            throw DKIMError(.keyTooSmall(selector: selector, bits: bits))
        }
        self.selector = selector
        self.signingKey = signingKey
    }

    /// The `a=` tag value (RFC 6376 §3.5, RFC 8463 §3); never SHA-1 (RFC 8301 §3.1).
    public var algorithmName: String {
        switch signingKey.algorithm {
        case .rsa: "rsa-sha256"
        case .ed25519: "ed25519-sha256"
        }
    }

    /// Signs the canonicalised header data (RFC 6376 §3.7).
    ///
    /// rsa-sha256 signs the data with RSASSA-PKCS1-v1_5 over SHA-256 (RFC 6376 §3.3.1). ed25519-sha256 signs
    /// the data's SHA-256 hash with PureEdDSA (RFC 8463 §3), so the hash is taken here, not the data passed on.
    func sign(_ headerData: [UInt8]) throws(DKIMError) -> [UInt8] {
        do {
            switch signingKey.algorithm {
            case .rsa:
                return try signingKey.sign(headerData)
            case .ed25519:
                let hasher = try SHA256Hasher()
                try hasher.update(headerData)
                return try signingKey.sign(hasher.finish())
            }
        } catch {
            throw DKIMError(.signingFailed(error))
        }
    }
}
