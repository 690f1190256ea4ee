// DKIMSigner: signs outgoing messages with rsa-sha256 and ed25519-sha256 DKIM signatures (RFC 6376, RFC 8463).
import EdmCrypto

/// Adds DKIM signatures to wire-format messages.
///
/// Built once per campaign with keys already loaded, then shared by all workers: it holds only immutable values
/// and `SigningKey`s, which are safe to use from several threads. Each configured key yields one signature, so
/// an RSA and an Ed25519 key together give the two signatures RFC 8463 §6 suggests while verifiers catch up.
///
/// Every signature covers From and Subject oversigned (listed once more than they occur, RFC 6376 §8.15), and
/// To, Date, Message-ID, MIME-Version, Content-Type, Reply-To, List-Unsubscribe, List-Unsubscribe-Post and any
/// extra names once per instance present. It never uses `l=` (RFC 6376 §8.2) or SHA-1 (RFC 8301 §3.1).
public struct DKIMSigner: Sendable {
    /// The header fields signed when present, in `h=` order.
    public static let standardHeaders = [
        "From", "Subject", "To", "Date", "Message-ID", "MIME-Version", "Content-Type", "Reply-To",
        "List-Unsubscribe", "List-Unsubscribe-Post",
    ]
    /// The header fields listed once more than they occur, so that adding one breaks the signature.
    public static let oversignedHeaders = ["From", "Subject"]

    /// The signing domain (`d=`).
    public let domain: String
    /// The keys; each produces one signature, in this order.
    public let keys: [DKIMKey]
    /// The canonicalisation (`c=`) of every signature.
    public let canonicalization: DKIMCanonicalization
    /// Seconds from `t=` to `x=`, when signatures expire.
    public let expiration: Int?
    /// Tags written exactly as given instead of the defaults, when reproducing a published signature.
    public let explicitTags: DKIMExplicitTags?
    private let rules: [DKIMHeaderSelection.Rule]

    /// RFC 6376 §3.5: `t=` and `x=` have at most 12 digits.
    private static let timestampLimit = 1_000_000_000_000

    /// The names this signer covers when present, lower-cased, in `h=` order; with explicit tags, their list.
    public var signedHeaders: [String] { explicitTags?.headers ?? rules.map(\.name) }

    /// Creates a signer.
    ///
    /// - Parameters:
    ///   - domain: the `d=` domain, in ASCII (A-label) form.
    ///   - keys: one or more keys, each with its selector.
    ///   - canonicalization: `relaxed/relaxed` unless given.
    ///   - extraHeaders: more field names to sign, after the standard ones; duplicates are ignored.
    ///   - expiration: when given, signatures carry `x=` this many seconds after `t=`.
    /// - Throws: `DKIMError` for no keys, an invalid domain or header name, or a non-positive expiration.
    public init(
        domain: String, keys: [DKIMKey], canonicalization: DKIMCanonicalization = .relaxed,
        extraHeaders: [String] = [], expiration: Int? = nil
    ) throws(DKIMError) {
        try self.init(
            domain: domain, keys: keys, canonicalization: canonicalization, extraHeaders: extraHeaders,
            expiration: expiration, explicitTags: nil)
    }

    private init(
        domain: String, keys: [DKIMKey], canonicalization: DKIMCanonicalization, extraHeaders: [String],
        expiration: Int?, explicitTags: DKIMExplicitTags?
    ) throws(DKIMError) {
        guard !keys.isEmpty else { throw DKIMError(.noKeys) }
        guard DKIMSyntax.isDNSName(domain) else { throw DKIMError(.invalidDomain(domain)) }
        // RFC 6376 §3.5: x= is later than t= and at most 12 digits, so the lifetime is too.
        if let expiration, !(1..<Self.timestampLimit).contains(expiration) {
            throw DKIMError(.invalidExpiration(expiration))
        }
        let oversigned = Set(Self.oversignedHeaders.map { $0.lowercased() })
        var rules: [DKIMHeaderSelection.Rule] = []
        var seen: Set<String> = []
        for name in Self.standardHeaders + extraHeaders {
            // The field being made is hashed anyway (RFC 6376 §3.7); listing DKIM-Signature would tie signatures.
            guard DKIMSyntax.isFieldName(name), name.lowercased() != "dkim-signature" else {
                throw DKIMError(.invalidHeaderName(name))
            }
            let rule = DKIMHeaderSelection.Rule(name: name, oversign: oversigned.contains(name.lowercased()))
            if seen.insert(rule.name).inserted { rules.append(rule) }
        }
        self.domain = domain
        self.keys = keys
        self.canonicalization = canonicalization
        self.expiration = expiration
        try explicitTags?.validate(domain: domain)
        self.explicitTags = explicitTags
        self.rules = rules
    }

    /// Creates a signer whose `h=`, `i=` and `q=` are written exactly as `explicitTags` says.
    ///
    /// For reproducing a signature published elsewhere, such as RFC 8463 Appendix A; campaigns use
    /// `init(domain:keys:canonicalization:extraHeaders:expiration:)`, which oversigns From and Subject.
    /// - Throws: `DKIMError` as that initializer does, and `.invalidTags` when the list lacks From or `i=` is
    ///   not at `d=` or below it (RFC 6376 §3.5).
    public init(
        domain: String, keys: [DKIMKey], canonicalization: DKIMCanonicalization = .relaxed,
        explicitTags: DKIMExplicitTags, expiration: Int? = nil
    ) throws(DKIMError) {
        try self.init(
            domain: domain, keys: keys, canonicalization: canonicalization, extraHeaders: [],
            expiration: expiration, explicitTags: explicitTags)
    }

    /// Signs `message` and returns it with the DKIM-Signature fields prepended.
    ///
    /// - Parameters:
    ///   - message: the complete message, header section, empty line and body, with CRLF line ends and before
    ///     SMTP dot-stuffing.
    ///   - timestamp: the signing time (`t=`), in seconds since 1970.
    /// - Returns: the signed message, ready for SMTP dot-stuffing.
    /// - Throws: `DKIMError` when the message is malformed, has no From field, or OpenSSL fails.
    public func sign(_ message: [UInt8], timestamp: Int) throws(DKIMError) -> [UInt8] {
        let fields = try signatureFields(for: message, timestamp: timestamp)
        var signed = [UInt8]()
        signed.reserveCapacity(fields.count + message.count)
        signed.append(contentsOf: fields)
        signed.append(contentsOf: message)
        return signed
    }

    /// The DKIM-Signature fields for `message`, one per key, each folded and ending in CRLF.
    ///
    /// They go before the message's own header fields. See `sign(_:timestamp:)` for the parameters.
    public func signatureFields(for message: [UInt8], timestamp: Int) throws(DKIMError) -> [UInt8] {
        let limit = Self.timestampLimit
        guard (0..<limit).contains(timestamp), timestamp + (expiration ?? 0) < limit else {
            throw DKIMError(.invalidTimestamp(timestamp))
        }
        let layout = try DKIMMessage(message)
        return try message.withUnsafeBufferPointer { bytes throws(DKIMError) -> [UInt8] in
            let from = Array("from".utf8)
            guard layout.fields.contains(where: { DKIMHeaderSelection.field($0, of: bytes, isNamed: from) }) else {
                throw DKIMError(.missingFrom)
            }
            let body = DKIMBodyCanonicalizer.canonicalize(
                UnsafeBufferPointer(rebasing: bytes[layout.bodyStart...]), algorithm: canonicalization.body)
            let bodyHash = DKIMBase64.encodeToString(try Self.sha256(body))
            let selection =
                if let explicitTags {
                    DKIMHeaderSelection(explicit: explicitTags.headers, message: layout, bytes: bytes)
                } else {
                    DKIMHeaderSelection(rules: rules, message: layout, bytes: bytes)
                }
            var headerData = [UInt8]()
            headerData.reserveCapacity(2048)
            for field in selection.fields {
                DKIMHeaderCanonicalizer.append(field, of: bytes, algorithm: canonicalization.header, to: &headerData)
            }
            var out = [UInt8]()
            for key in keys {
                out += try signatureField(
                    key: key, names: selection.names, bodyHash: bodyHash, headerData: headerData, timestamp: timestamp)
            }
            return out
        }
    }

    /// One DKIM-Signature field.
    ///
    /// RFC 6376 §3.7: the signature covers the selected fields, then this field with an empty `b=` value,
    /// canonicalised and without its trailing CRLF. `b=` comes last so that the field as sent, minus the `b=`
    /// value and the folding inside it, is exactly the text that was hashed.
    private func signatureField(
        key: DKIMKey, names: [String], bodyHash: String, headerData: [UInt8], timestamp: Int
    ) throws(DKIMError) -> [UInt8] {
        var folder = DKIMFieldFolder(name: "DKIM-Signature")
        folder.append("v=1;")
        folder.append("a=\(key.algorithmName);")
        folder.append("c=\(canonicalization);")
        folder.append("d=\(domain);")
        if let identity = explicitTags?.identity { folder.append("i=\(identity);") }
        if explicitTags?.writesQueryMethod == true { folder.append("q=dns/txt;") }
        folder.append("s=\(key.selector);")
        folder.append("t=\(timestamp);")
        if let expiration { folder.append("x=\(timestamp + expiration);") }
        let spaced = explicitTags?.spacesHeaderColons == true
        for (index, name) in names.enumerated() {
            let last = index == names.count - 1
            if spaced {
                // `h=from : to`: the colon is an atom of its own, so a fold may come either side of it.
                if index > 0 { folder.append(":") }
                folder.append((index == 0 ? "h=" : "") + name + (last ? ";" : ""))
            } else {
                folder.append((index == 0 ? "h=" : "") + name + (last ? ";" : ":"), spaced: index == 0)
            }
        }
        folder.append("bh=\(bodyHash);")
        // b= starts its own line so the signature fills whole lines; the fold is FWS before a tag (RFC 6376 §3.2).
        folder.breakLine()
        folder.append("b=", spaced: false)
        var data = headerData
        folder.bytes.withUnsafeBufferPointer { field in
            let nameLength = "DKIM-Signature".utf8.count
            let span = DKIMMessage.Field(start: 0, nameEnd: nameLength, colon: nameLength, end: field.count)
            DKIMHeaderCanonicalizer.append(
                span, of: field, algorithm: canonicalization.header, terminate: false, to: &data)
        }
        folder.appendBreakable(DKIMBase64.encode(try key.sign(data)))
        return folder.finished()
    }

    private static func sha256(_ bytes: [UInt8]) throws(DKIMError) -> [UInt8] {
        do {
            let hasher = try SHA256Hasher()
            try hasher.update(bytes)
            return try hasher.finish()
        } catch {
            throw DKIMError(.signingFailed(error))
        }
    }
}
