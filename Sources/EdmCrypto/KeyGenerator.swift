// KeyGenerator: new RSA and Ed25519 private keys for `edm dkim keygen` (RFC 8301 §3.2, RFC 8463).
internal import COpenSSL

/// Makes DKIM signing keys and returns them as unencrypted PKCS#8 PEM, ready for `SigningKey(pem:)`.
public enum KeyGenerator {
    /// The RSA sizes offered.
    ///
    /// RFC 8301 §3.2: signers MUST use at least 1024 bits and SHOULD use 2048;
    /// verifiers MUST handle 1024 to 4096 bits, so larger keys risk signatures nobody can check.
    public static let rsaBitRange = 1024...4096

    /// A new RSA private key.
    /// - Parameter bits: the modulus size, 2048 unless given; must lie in `rsaBitRange`.
    /// - Returns: the key as a PKCS#8 PEM block.
    /// - Throws: `CryptoError` when `bits` is out of range or OpenSSL fails.
    public static func rsa(bits: Int = 2048) throws(CryptoError) -> String {
        guard rsaBitRange.contains(bits) else {
            let range = "\(rsaBitRange.lowerBound)...\(rsaBitRange.upperBound)"
            let reason = "\(bits) bits is outside \(range) (RFC 8301 §3.2); 2048 is the usual choice"
            throw CryptoError(operation: "generating an RSA key", details: [reason])
        }
        return try generate(type: EVP_PKEY_RSA, operation: "generating an RSA key") { context throws(CryptoError) in
            try OpenSSLCall.check("EVP_PKEY_CTX_set_rsa_keygen_bits") {
                EVP_PKEY_CTX_set_rsa_keygen_bits(context, Int32(bits)) > 0 ? 1 : 0
            }
        }
    }

    /// A new Ed25519 private key (RFC 8032).
    /// - Returns: the key as a PKCS#8 PEM block (RFC 8410 §7).
    /// - Throws: `CryptoError` when OpenSSL fails.
    public static func ed25519() throws(CryptoError) -> String {
        try generate(type: EVP_PKEY_ED25519, operation: "generating an Ed25519 key") { _ throws(CryptoError) in }
    }

    private static func generate(
        type: Int32, operation: String, configure: (OpaquePointer) throws(CryptoError) -> Void
    ) throws(CryptoError) -> String {
        OpenSSLCall.clearErrors()
        guard let context = EVP_PKEY_CTX_new_id(type, nil) else {
            throw CryptoError(operation: operation, details: OpenSSLCall.drainErrors())
        }
        defer { EVP_PKEY_CTX_free(context) }
        try OpenSSLCall.check("EVP_PKEY_keygen_init") { EVP_PKEY_keygen_init(context) }
        try configure(context)
        var key: OpaquePointer?
        try OpenSSLCall.check("EVP_PKEY_generate") { EVP_PKEY_generate(context, &key) }
        guard let key else {
            throw CryptoError(operation: operation, details: ["OpenSSL returned no key"])
        }
        defer { EVP_PKEY_free(key) }
        return try PrivateKeyPEM.write(key)
    }
}
