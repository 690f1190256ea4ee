// SigningKey: an RSA or Ed25519 private key loaded from PEM, used for DKIM signatures (RFC 6376, RFC 8463).
internal import COpenSSL

/// A private key that signs DKIM header hashes: RSA (RSASSA-PKCS1-v1_5 with SHA-256, RFC 6376 §3.3.1) or
/// Ed25519 (PureEdDSA, RFC 8463 §3).
///
/// Sendable because the `EVP_PKEY` is fully built in `init` and never mutated afterwards: every `sign` call
/// uses its own `EVP_MD_CTX`, and openssl-threads(7) allows one `EVP_PKEY` to be used for signing from
/// several threads at once as long as no thread modifies it (OpenSSL 3 guards its internal caches with locks).
public final class SigningKey: @unchecked Sendable {
    /// The kind of key, with the RSA modulus size so callers can refuse weak keys.
    public enum Algorithm: Sendable, Equatable, CustomStringConvertible {
        /// An RSA key; RFC 8301 §3.2 requires at least 1024 bits and recommends 2048.
        case rsa(bits: Int)
        /// An Ed25519 key (RFC 8032, RFC 8463).
        case ed25519

        public var description: String {
            switch self {
            case .rsa(let bits): "RSA-\(bits)"
            case .ed25519: "Ed25519"
            }
        }
    }

    private let key: OpaquePointer
    /// A signing context initialised once (`EVP_DigestSignInit`: algorithm and digest fetched from the
    /// provider, key bound). Each signature copies it instead of initialising anew, which in OpenSSL 3 saves
    /// the provider look-ups that otherwise cost about a third of an RSA-2048 signature. Never used directly,
    /// only copied (`EVP_MD_CTX_copy_ex` reads it), so sharing it between threads is safe.
    private let prototype: OpaquePointer
    /// What kind of key this is.
    public let algorithm: Algorithm
    private let publicKey: [UInt8]

    /// Loads an unencrypted private key.
    ///
    /// Accepts PKCS#8 (`BEGIN PRIVATE KEY`) RSA and Ed25519 keys, and PKCS#1 (`BEGIN RSA PRIVATE KEY`) RSA keys.
    /// - Throws: `CryptoError` naming the problem: no private key in the text, an encrypted key, a public key
    ///   given instead of a private one, or a key type other than RSA and Ed25519.
    public init(pem: String) throws(CryptoError) {
        let operation = "loading the DKIM private key"
        if let problem = PrivateKeyPEM.problem(in: pem) {
            throw CryptoError(operation: operation, details: [problem])
        }
        let key = try PrivateKeyPEM.read(pem, operation: operation)
        let algorithm: Algorithm
        switch EVP_PKEY_get_base_id(key) {
        case EVP_PKEY_RSA:
            algorithm = .rsa(bits: Int(EVP_PKEY_get_bits(key)))
        case EVP_PKEY_ED25519:
            algorithm = .ed25519
        default:
            EVP_PKEY_free(key)
            let reason = "the key is neither RSA nor Ed25519, the two DKIM key types (RFC 6376 §3.3, RFC 8463 §3)"
            throw CryptoError(operation: operation, details: [reason])
        }
        do {
            publicKey = try Self.exportPublicKey(key, algorithm: algorithm)
        } catch {
            EVP_PKEY_free(key)
            throw error
        }
        OpenSSLCall.clearErrors()
        guard let prototype = EVP_MD_CTX_new() else {
            EVP_PKEY_free(key)
            throw CryptoError(operation: "EVP_MD_CTX_new", details: OpenSSLCall.drainErrors())
        }
        // Ed25519 takes no digest: the message is hashed inside the scheme (RFC 8032 §5.1.6).
        let digest = algorithm == .ed25519 ? nil : EVP_sha256()
        guard EVP_DigestSignInit(prototype, nil, digest, nil, key) == 1 else {
            let details = OpenSSLCall.drainErrors()
            EVP_MD_CTX_free(prototype)
            EVP_PKEY_free(key)
            throw CryptoError(operation: "EVP_DigestSignInit", details: details)
        }
        self.prototype = prototype
        self.key = key
        self.algorithm = algorithm
    }

    deinit {
        EVP_MD_CTX_free(prototype)
        EVP_PKEY_free(key)
    }

    /// Signs `message`.
    ///
    /// RSA: RSASSA-PKCS1-v1_5 over the SHA-256 digest of `message` (RFC 6376 §3.3.1, RFC 8017 §8.2), so pass
    /// the data itself. Ed25519: PureEdDSA over exactly the bytes given (RFC 8032 §5.1.6). RFC 8463 §3 signs
    /// the SHA-256 hash of DKIM's canonicalised header data, so the DKIM layer passes that 32-byte hash here
    /// for `ed25519-sha256`. Both schemes are deterministic: the same key and input give the same signature.
    /// - Returns: the signature (the modulus size for RSA, 64 bytes for Ed25519).
    /// - Throws: `CryptoError` when OpenSSL fails.
    public func sign(_ message: [UInt8]) throws(CryptoError) -> [UInt8] {
        OpenSSLCall.clearErrors()
        guard let context = EVP_MD_CTX_new() else {
            throw CryptoError(operation: "EVP_MD_CTX_new", details: OpenSSLCall.drainErrors())
        }
        defer { EVP_MD_CTX_free(context) }
        let key = self.key
        let prototype = self.prototype
        try OpenSSLCall.check("EVP_MD_CTX_copy_ex") { EVP_MD_CTX_copy_ex(context, prototype) }
        var length = Int(EVP_PKEY_get_size(key))
        var signature = [UInt8](repeating: 0, count: length)
        try OpenSSLCall.check("EVP_DigestSign") {
            message.withUnsafeBufferPointer { input in
                EVP_DigestSign(context, &signature, &length, input.baseAddress, input.count)
            }
        }
        if length < signature.count {
            signature.removeLast(signature.count - length)
        }
        return signature
    }

    /// The public half, in the form a DKIM key record's `p=` tag carries (base64 of these bytes).
    ///
    /// RSA: DER SubjectPublicKeyInfo (RFC 6376 §3.6.1, as `openssl pkey -pubout` writes it). Ed25519: the raw
    /// 32-byte public key (RFC 8463 §4), not wrapped in SubjectPublicKeyInfo.
    public func publicKeyDER() -> [UInt8] {
        publicKey
    }

    private static func exportPublicKey(_ key: OpaquePointer, algorithm: Algorithm) throws(CryptoError) -> [UInt8] {
        switch algorithm {
        case .ed25519:
            var length = 32
            var raw = [UInt8](repeating: 0, count: length)
            try OpenSSLCall.check("EVP_PKEY_get_raw_public_key") {
                EVP_PKEY_get_raw_public_key(key, &raw, &length)
            }
            return Array(raw.prefix(length))
        case .rsa:
            OpenSSLCall.clearErrors()
            let length = i2d_PUBKEY(key, nil)
            guard length > 0 else {
                throw CryptoError(operation: "i2d_PUBKEY", details: OpenSSLCall.drainErrors())
            }
            var der = [UInt8](repeating: 0, count: Int(length))
            let written = der.withUnsafeMutableBufferPointer { buffer in
                var cursor = buffer.baseAddress
                return i2d_PUBKEY(key, &cursor)
            }
            guard written == length else {
                throw CryptoError(operation: "i2d_PUBKEY", details: OpenSSLCall.drainErrors())
            }
            return der
        }
    }
}
