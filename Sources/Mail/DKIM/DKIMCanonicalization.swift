// DKIMCanonicalization: the c= tag, a header and a body canonicalisation algorithm (RFC 6376 §3.4, §3.5).

/// The header and body canonicalisation algorithms a signature uses.
public struct DKIMCanonicalization: Sendable, Hashable, CustomStringConvertible {
    /// One canonicalisation algorithm.
    public enum Algorithm: String, Sendable, Hashable, CaseIterable {
        /// RFC 6376 §3.4.1 (headers) and §3.4.3 (body): almost no change; breaks when relays rewrap.
        case simple
        /// RFC 6376 §3.4.2 (headers) and §3.4.4 (body): tolerates whitespace changes and re-folding.
        case relaxed
    }

    /// How header fields are canonicalised.
    public var header: Algorithm
    /// How the body is canonicalised.
    public var body: Algorithm

    /// Combines a header and a body algorithm.
    public init(header: Algorithm, body: Algorithm) {
        self.header = header
        self.body = body
    }

    /// `relaxed/relaxed`, edm's default: it survives relays that re-fold headers or trim trailing spaces.
    public static let relaxed = DKIMCanonicalization(header: .relaxed, body: .relaxed)

    /// Parses a `c=` value such as `relaxed/simple`.
    ///
    /// RFC 6376 §3.5: when only one algorithm is named it is the header algorithm and the body one is `simple`.
    /// Returns nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let header = Algorithm(rawValue: String(parts[0])) else { return nil }
        let body = parts.count == 2 ? Algorithm(rawValue: String(parts[1])) : .simple
        guard let body else { return nil }
        self.init(header: header, body: body)
    }

    /// The `c=` value, always with both halves, such as `relaxed/relaxed`.
    public var description: String { "\(header.rawValue)/\(body.rawValue)" }
}
