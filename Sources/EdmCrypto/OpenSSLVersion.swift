// Which OpenSSL edm was built against and which one it runs with (they can differ after a system upgrade).
internal import COpenSSL

/// Version strings of the OpenSSL library, for `edm version` and bug reports.
public enum OpenSSLVersion {
    /// The library loaded at run time, e.g. "OpenSSL 3.0.19 27 Jan 2026".
    public static var runtime: String {
        guard let text = OpenSSL_version(OPENSSL_VERSION) else { return "unknown" }
        return String(cString: text)
    }

    /// The headers edm was compiled with.
    public static var compiledAgainst: String {
        String(cString: COpenSSL_OPENSSL_VERSION_TEXT())
    }
}
