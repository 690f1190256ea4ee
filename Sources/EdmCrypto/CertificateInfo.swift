// CertificateInfo: the parts of an X.509 certificate a user checks (names and validity), as Swift values.
internal import COpenSSL
#if canImport(Glibc)
import Glibc
#endif

/// Subject, issuer and validity period of a certificate.
public struct CertificateInfo: Sendable, Equatable {
    /// The subject as an RFC 2253 string, e.g. "CN=mail.example.org".
    public var subject: String
    /// The issuer as an RFC 2253 string.
    public var issuer: String
    /// Start of validity, seconds since 1970-01-01 UTC.
    public var notBefore: Int64
    /// End of validity, seconds since 1970-01-01 UTC.
    public var notAfter: Int64

    public init(subject: String, issuer: String, notBefore: Int64, notAfter: Int64) {
        self.subject = subject
        self.issuer = issuer
        self.notBefore = notBefore
        self.notAfter = notAfter
    }

    /// Reads an `X509` the caller keeps alive for the duration of the call.
    init(x509 certificate: OpaquePointer) {
        subject = Self.name(X509_get_subject_name(certificate))
        issuer = Self.name(X509_get_issuer_name(certificate))
        notBefore = Self.seconds(X509_get0_notBefore(certificate))
        notAfter = Self.seconds(X509_get0_notAfter(certificate))
    }

    private static func name(_ name: OpaquePointer?) -> String {
        guard let name, let bio = BIO_new(BIO_s_mem()) else { return "" }
        defer { BIO_free(bio) }
        // RFC 2253 without escaping non-ASCII, so UTF-8 names print as text.
        let flags = COpenSSL_XN_FLAG_RFC2253() & ~UInt(ASN1_STRFLGS_ESC_MSB)
        guard X509_NAME_print_ex(bio, name, 0, flags) >= 0 else { return "" }
        var bytes = [UInt8](repeating: 0, count: Int(BIO_ctrl_pending(bio)))
        let count = bytes.withUnsafeMutableBytes { BIO_read(bio, $0.baseAddress, Int32($0.count)) }
        return String(decoding: bytes.prefix(max(0, Int(count))), as: UTF8.self)
    }

    private static func seconds(_ time: UnsafePointer<ASN1_TIME>?) -> Int64 {
        var parts = tm()
        guard let time, ASN1_TIME_to_tm(time, &parts) == 1 else { return 0 }
        return Int64(timegm(&parts))
    }
}
