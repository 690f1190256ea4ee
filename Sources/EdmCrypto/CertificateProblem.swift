// CertificateProblem: why a peer certificate failed verification, from SSL_get_verify_result.
internal import COpenSSL

/// Why the peer's certificate was refused, named so a user can act on it (renew, fix the name, add the CA).
public enum CertificateProblem: Sendable, Equatable, CustomStringConvertible {
    /// The certificate's notAfter is in the past.
    case expired
    /// The certificate's notBefore is in the future (or the local clock is wrong).
    case notYetValid
    /// The certificate (or a certificate in its chain) signs itself and is not a trusted root.
    case selfSigned
    /// The issuer is not among the trusted roots, and the server did not send a chain leading to one.
    case unknownIssuer
    /// The certificate is valid, but not for the name edm expected.
    case hostnameMismatch(expected: String)
    /// Any other verification failure: OpenSSL's `X509_V_ERR_*` code and its text.
    case other(code: Int, reason: String)

    /// Classifies an `X509_V_ERR_*` code (never `X509_V_OK`).
    init(verifyResult code: Int, expectedName: String) {
        switch Int32(truncatingIfNeeded: code) {
        case X509_V_ERR_CERT_HAS_EXPIRED:
            self = .expired
        case X509_V_ERR_CERT_NOT_YET_VALID:
            self = .notYetValid
        case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
            self = .selfSigned
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT,
             X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE, X509_V_ERR_CERT_UNTRUSTED:
            self = .unknownIssuer
        case X509_V_ERR_HOSTNAME_MISMATCH, X509_V_ERR_IP_ADDRESS_MISMATCH:
            self = .hostnameMismatch(expected: expectedName)
        default:
            let text = X509_verify_cert_error_string(code).map { String(cString: $0) } ?? "unknown error"
            self = .other(code: code, reason: text)
        }
    }

    public var description: String {
        switch self {
        case .expired: "the certificate has expired"
        case .notYetValid: "the certificate is not yet valid (check the clock)"
        case .selfSigned: "the certificate is self-signed and not trusted"
        case .unknownIssuer: "the certificate was issued by an unknown certificate authority"
        case .hostnameMismatch(let name): "host name mismatch: the certificate is not valid for \(name)"
        case .other(let code, let reason): "\(reason) (X509 error \(code))"
        }
    }
}
