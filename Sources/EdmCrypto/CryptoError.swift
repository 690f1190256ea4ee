// CryptoError: every failure EdmCrypto reports, with OpenSSL's drained error queue as text.

/// A failure inside EdmCrypto. Nothing outside this module ever sees an OpenSSL error code; callers get
/// the operation that failed and OpenSSL's own explanation as strings.
public struct CryptoError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What EdmCrypto was doing, e.g. "EVP_DigestInit_ex".
    public var operation: String
    /// OpenSSL's error queue, oldest first, as `ERR_error_string_n` renders it.
    public var details: [String]

    public init(operation: String, details: [String]) {
        self.operation = operation
        self.details = details
    }

    public var description: String {
        details.isEmpty ? "\(operation) failed" : "\(operation) failed: \(details.joined(separator: "; "))"
    }
}
