// CryptoError: every failure EdmCrypto reports, with OpenSSL's drained error queue as text.
#if canImport(Glibc)
import Glibc
#endif

/// A failure inside EdmCrypto. Nothing outside this module ever sees an OpenSSL error code; callers get
/// the operation that failed, what kind of failure it was, and OpenSSL's own explanation as strings.
public struct CryptoError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure this is, for callers that react differently to each (a rejected certificate is a
    /// configuration problem to report, a timeout is worth a retry).
    public enum Kind: Sendable, Equatable {
        /// An OpenSSL call failed; `details` says why.
        case library
        /// The peer's certificate failed verification (TLS handshake).
        case certificateRejected(CertificateProblem)
        /// The peer offers only protocol versions older than the configured minimum.
        case protocolVersionRefused
        /// The socket's send or receive timeout expired.
        case timedOut
        /// The peer closed the connection in the middle of the TLS handshake or a record.
        case connectionClosed
        /// A system call failed with `errno`.
        case io(errno: Int32)
    }

    /// What EdmCrypto was doing, e.g. "EVP_DigestInit_ex" or "TLS handshake".
    public var operation: String
    /// OpenSSL's error queue, oldest first, as `ERR_error_string_n` renders it.
    public var details: [String]
    /// What kind of failure this is.
    public var kind: Kind

    public init(operation: String, details: [String], kind: Kind = .library) {
        self.operation = operation
        self.details = details
        self.kind = kind
    }

    public var description: String {
        switch kind {
        case .library:
            details.isEmpty ? "\(operation) failed" : "\(operation) failed: \(details.joined(separator: "; "))"
        case .certificateRejected(let problem):
            "\(operation) failed: certificate verification failed: \(problem)"
        case .protocolVersionRefused:
            "\(operation) failed: protocol too old: the server supports only TLS versions older than the minimum "
                + "edm accepts"
        case .timedOut:
            "\(operation) timed out"
        case .connectionClosed:
            "\(operation) failed: the peer closed the connection"
        case .io(let code):
            "\(operation) failed: \(String(cString: strerror(code)))"
        }
    }
}
