// DKIMExplicitTags: a signature's h=, i= and q= written exactly as a published example has them (RFC 8463 App. A).

/// Tags chosen by the caller instead of edm's defaults, so that a signature published elsewhere can be
/// reproduced exactly.
///
/// RFC 8463 Appendix A signs `h=from : to : subject : date : message-id : from : subject : date` and carries
/// `i=@football.example.com; q=dns/txt;`. Relaxed header canonicalisation keeps the spaces inside a tag value
/// (RFC 6376 §3.4.2) and the DKIM-Signature field is itself hashed (RFC 6376 §3.7), so `b=` only matches when
/// every tag is written the same way. Campaign signers never use this: they sign `DKIMSigner.standardHeaders`
/// with From and Subject oversigned.
public struct DKIMExplicitTags: Sendable, Equatable {
    /// The `h=` names, in order and spelled as given; nothing is added, so there is no automatic oversigning.
    ///
    /// A name listed n times covers its last n instances from the bottom up, and a listing with no instance
    /// left is hashed as the null string (RFC 6376 §5.4.2), which is how a list oversigns. Must include From
    /// (RFC 6376 §5.4).
    public var headers: [String]
    /// The `i=` tag (the AUID, RFC 6376 §3.5): `[local-part]@domain`, the domain being `d=` or a subdomain of it.
    /// Written after `d=`.
    public var identity: String?
    /// Whether to write `q=dns/txt;` after `i=`: the default and only query method (RFC 6376 §3.5).
    public var writesQueryMethod: Bool
    /// Whether `h=` puts a space either side of each colon (`from : to`), FWS that RFC 6376 §3.5 allows there.
    public var spacesHeaderColons: Bool

    /// Describes the tags; see the properties.
    public init(
        headers: [String], identity: String? = nil, writesQueryMethod: Bool = false, spacesHeaderColons: Bool = false
    ) {
        self.headers = headers
        self.identity = identity
        self.writesQueryMethod = writesQueryMethod
        self.spacesHeaderColons = spacesHeaderColons
    }

    /// Checks the tags against RFC 6376 for a signer of `domain`.
    func validate(domain: String) throws(DKIMError) {
        guard headers.contains(where: { $0.lowercased() == "from" }) else {
            throw DKIMError(.invalidTags("h= must include From (RFC 6376 §5.4)"))
        }
        for name in headers {
            guard DKIMSyntax.isFieldName(name), name.lowercased() != "dkim-signature" else {
                throw DKIMError(.invalidHeaderName(name))
            }
        }
        if let identity {
            // RFC 6376 §3.5: i= is [Local-part] "@" domain-name, at d= or below it.
            let parts = identity.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
            let localPart = parts.first.map(String.init) ?? ""
            let host = parts.count == 2 ? parts[1].lowercased() : ""
            let base = domain.lowercased()
            let localPartOK = localPart.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ";") }
            guard parts.count == 2, localPartOK, DKIMSyntax.isDNSName(host),
                host == base || host.hasSuffix("." + base)
            else {
                throw DKIMError(.invalidTags("i=\(identity) is not [local-part]@\(domain) or a subdomain (RFC 6376 §3.5)"))
            }
        }
    }
}
