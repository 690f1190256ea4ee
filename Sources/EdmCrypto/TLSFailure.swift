// TLSFailure: turns a failed SSL_connect/SSL_read/SSL_write into a CryptoError that names the reason.
internal import COpenSSL
#if canImport(Glibc)
import Glibc
#endif

/// Classification of TLS failures: certificate problems, old protocols, timeouts and closed connections are
/// told apart, so users read "the certificate has expired" rather than an OpenSSL error string.
enum TLSFailure {
    /// Reasons (library SSL) that mean the peer's protocol version is below our minimum.
    private static let versionReasons: Set<Int32> = [
        SSL_R_UNSUPPORTED_PROTOCOL, SSL_R_TLSV1_ALERT_PROTOCOL_VERSION, SSL_R_NO_PROTOCOLS_AVAILABLE,
        SSL_R_VERSION_TOO_LOW,
    ]

    /// Builds the error for a call on `ssl` that returned `result`, with `savedErrno` read right after it.
    /// `expectedName` is set during the handshake, when the verification result is meaningful.
    static func error(
        _ operation: String, ssl: OpaquePointer, result: Int32, savedErrno: Int32, expectedName: String?
    ) -> CryptoError {
        let code = SSL_get_error(ssl, result)
        let (reasons, details) = drainQueue()
        func make(_ kind: CryptoError.Kind) -> CryptoError {
            CryptoError(operation: operation, details: details, kind: kind)
        }
        switch code {
        case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
            // A blocking socket with SO_RCVTIMEO/SO_SNDTIMEO reports an expired timeout as EAGAIN, which
            // OpenSSL turns into WANT_READ/WANT_WRITE (STYLE F.8). Callers never see WANT_*.
            return make(.timedOut)
        case SSL_ERROR_ZERO_RETURN:
            return make(.connectionClosed)
        case SSL_ERROR_SYSCALL:
            if savedErrno == EAGAIN || savedErrno == EWOULDBLOCK { return make(.timedOut) }
            if savedErrno == 0 || savedErrno == ECONNRESET || savedErrno == EPIPE { return make(.connectionClosed) }
            return make(.io(errno: savedErrno))
        default:
            if let expectedName {
                let verify = SSL_get_verify_result(ssl)
                if verify != X509_V_OK {
                    let problem = CertificateProblem(verifyResult: verify, expectedName: expectedName)
                    return make(.certificateRejected(problem))
                }
            }
            if reasons.contains(where: { $0.library == ERR_LIB_SSL && versionReasons.contains($0.reason) }) {
                return make(.protocolVersionRefused)
            }
            if reasons.contains(where: { $0.library == ERR_LIB_SSL && $0.reason == SSL_R_UNEXPECTED_EOF_WHILE_READING })
            {
                return make(.connectionClosed)
            }
            return make(.library)
        }
    }

    /// Drains the thread's error queue, keeping each entry's library and reason as well as its text.
    private static func drainQueue() -> ([(library: Int32, reason: Int32)], [String]) {
        var reasons: [(library: Int32, reason: Int32)] = []
        var details: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            reasons.append((COpenSSL_ERR_GET_LIB(code), COpenSSL_ERR_GET_REASON(code)))
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            details.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return (reasons, details)
    }
}
