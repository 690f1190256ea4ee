// SHA-256 and HMAC-SHA256 through OpenSSL's EVP interface.
internal import COpenSSL

/// SHA-256 (FIPS 180-4), used for input fingerprints, Message-IDs and DKIM body hashes.
public enum SHA256 {
    /// SHA-256 fetched from OpenSSL's default provider once. With `EVP_sha256()` alone, OpenSSL 3 looks the
    /// algorithm up again on every digest (`EVP_MD_fetch` inside `EVP_DigestInit_ex`), which costs more than
    /// hashing a Message-ID's few bytes. A fetched `EVP_MD` is immutable and safe to share between threads.
    private struct Fetched: @unchecked Sendable {
        let algorithm: OpaquePointer?
    }
    private static let fetched = Fetched(algorithm: EVP_MD_fetch(nil, "SHA256", nil))

    /// The 32-byte digest of `bytes`.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let algorithm = fetched.algorithm ?? EVP_sha256()
        // EVP_Digest cannot fail for SHA-256 on valid buffers short of memory exhaustion, in which case
        // OpenSSL leaves the digest zeroed; callers only use it as an identifier, never as a MAC.
        _ = bytes.withUnsafeBufferPointer { input in
            EVP_Digest(input.baseAddress, input.count, &digest, &length, algorithm, nil)
        }
        return digest
    }

    /// The digest as lower-case hexadecimal.
    public static func hexHash(_ bytes: [UInt8]) -> String {
        Hex.encode(hash(bytes))
    }
}

/// Incremental SHA-256 for inputs too large to hold in memory (file fingerprints).
public final class SHA256Hasher {
    private let context: OpaquePointer

    /// - Throws: `CryptoError` when OpenSSL cannot allocate or initialise the digest.
    public init() throws(CryptoError) {
        OpenSSLCall.clearErrors()
        guard let context = EVP_MD_CTX_new() else {
            throw CryptoError(operation: "EVP_MD_CTX_new", details: OpenSSLCall.drainErrors())
        }
        self.context = context
        try OpenSSLCall.check("EVP_DigestInit_ex") { EVP_DigestInit_ex(context, EVP_sha256(), nil) }
    }

    deinit { EVP_MD_CTX_free(context) }

    /// Feeds more bytes.
    public func update(_ bytes: UnsafeRawBufferPointer) throws(CryptoError) {
        let context = self.context
        try OpenSSLCall.check("EVP_DigestUpdate") { EVP_DigestUpdate(context, bytes.baseAddress, bytes.count) }
    }

    /// Feeds more bytes.
    public func update(_ bytes: [UInt8]) throws(CryptoError) {
        let context = self.context
        try OpenSSLCall.check("EVP_DigestUpdate") {
            bytes.withUnsafeBytes { EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
        }
    }

    /// The digest of everything fed so far; the hasher must not be used afterwards.
    public func finish() throws(CryptoError) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let context = self.context
        try OpenSSLCall.check("EVP_DigestFinal_ex") { EVP_DigestFinal_ex(context, &digest, &length) }
        return digest
    }
}

/// HMAC-SHA256 (RFC 2104), used for keyed-hash suppression entries and unsubscribe tokens.
public enum HMACSHA256 {
    /// The 32-byte MAC of `message` under `key`.
    public static func authenticate(_ message: [UInt8], key: [UInt8]) -> [UInt8] {
        var mac = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        _ = key.withUnsafeBufferPointer { keyBuffer in
            message.withUnsafeBufferPointer { messageBuffer in
                HMAC(EVP_sha256(), keyBuffer.baseAddress, Int32(keyBuffer.count),
                     messageBuffer.baseAddress, messageBuffer.count, &mac, &length)
            }
        }
        return mac
    }
}
