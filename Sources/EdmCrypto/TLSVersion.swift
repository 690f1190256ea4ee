// TLSVersion: the protocol versions edm accepts as a minimum (never below TLS 1.2).
internal import COpenSSL

/// A TLS protocol version. Older versions are not representable: edm never accepts them (RFC 8996).
public enum TLSVersion: Sendable, Equatable, Comparable, CustomStringConvertible {
    case v1_2
    case v1_3

    /// OpenSSL's version constant.
    var openSSLValue: Int32 {
        switch self {
        case .v1_2: TLS1_2_VERSION
        case .v1_3: TLS1_3_VERSION
        }
    }

    public var description: String {
        switch self {
        case .v1_2: "TLS 1.2"
        case .v1_3: "TLS 1.3"
        }
    }
}
