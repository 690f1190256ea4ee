// PrivateKeyPEM: reading and writing PEM private keys (RFC 7468) without ever prompting for a passphrase.
internal import COpenSSL

/// PEM private-key I/O for `SigningKey` and `KeyGenerator`.
///
/// The `EVP_PKEY` that `read` returns is owned by
/// the caller, which hands it to exactly one owner (`SigningKey`) or frees it before returning.
enum PrivateKeyPEM {
    /// A reason `pem` cannot hold a usable private key.
    ///
    /// Found before OpenSSL sees the text, so that the error says what to do rather than OpenSSL's
    /// "unsupported" or "bad decrypt".
    static func problem(in pem: String) -> String? {
        // RFC 7468 §11 (PKCS#8 EncryptedPrivateKeyInfo) and RFC 1421's "Proc-Type: 4,ENCRYPTED" (PKCS#1).
        if pem.contains("ENCRYPTED PRIVATE KEY-----") || pem.contains("Proc-Type: 4,ENCRYPTED") {
            return "the key is encrypted with a passphrase; edm reads only unencrypted keys: decrypt it with "
                + "'openssl pkey -in key.pem -out key-plain.pem' and make that file readable by its owner only"
        }
        if !pem.contains("PRIVATE KEY-----") {
            if pem.contains("PUBLIC KEY-----") {
                return "this is a public key; signing needs the private key"
            }
            return "no PEM private key found: expected a '-----BEGIN PRIVATE KEY-----' (PKCS#8) or "
                + "'-----BEGIN RSA PRIVATE KEY-----' (PKCS#1) block"
        }
        return nil
    }

    /// Parses the first private key in `pem` (PKCS#8 or a traditional per-algorithm block).
    /// - Returns: a new `EVP_PKEY` the caller must free.
    static func read(_ pem: String, operation: String) throws(CryptoError) -> OpaquePointer {
        let bytes = Array(pem.utf8)
        OpenSSLCall.clearErrors()
        let key: OpaquePointer? = bytes.withUnsafeBytes { buffer in
            guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(clamping: buffer.count)) else { return nil }
            defer { BIO_free(bio) }
            // A callback that supplies no passphrase: with a nil callback OpenSSL would prompt on the terminal.
            return PEM_read_bio_PrivateKey(bio, nil, { _, _, _, _ in 0 }, nil)
        }
        guard let key else {
            throw CryptoError(
                operation: operation,
                details: ["the PEM block is not a readable private key"] + OpenSSLCall.drainErrors())
        }
        return key
    }

    /// `key` as an unencrypted PKCS#8 PEM block (`-----BEGIN PRIVATE KEY-----`, RFC 5208, RFC 7468 §10).
    static func write(_ key: OpaquePointer) throws(CryptoError) -> String {
        OpenSSLCall.clearErrors()
        guard let bio = BIO_new(BIO_s_mem()) else {
            throw CryptoError(operation: "BIO_new", details: OpenSSLCall.drainErrors())
        }
        defer { BIO_free(bio) }
        try OpenSSLCall.check("PEM_write_bio_PKCS8PrivateKey") {
            PEM_write_bio_PKCS8PrivateKey(bio, key, nil, nil, 0, nil, nil)
        }
        var text = [UInt8](repeating: 0, count: Int(BIO_ctrl_pending(bio)))
        let count = text.withUnsafeMutableBytes { BIO_read(bio, $0.baseAddress, Int32(clamping: $0.count)) }
        guard count == text.count else {
            throw CryptoError(operation: "BIO_read", details: OpenSSLCall.drainErrors())
        }
        return String(decoding: text, as: UTF8.self)
    }
}
