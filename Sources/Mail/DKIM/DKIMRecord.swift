// DKIMRecord: the DKIM key record published in DNS TXT at <selector>._domainkey.<domain> (RFC 6376 §3.6.1).
public import EdmCrypto

/// A DKIM public key record: what to publish for a key, and a parser to compare a published record with it.
public struct DKIMRecord: Sendable, Equatable {
    /// The key type (`k=`), `rsa` when absent (RFC 6376 §3.6.1) or `ed25519` (RFC 8463 §4).
    public var keyType: String
    /// The decoded public key (`p=`); empty when the key has been revoked.
    public var publicKey: [UInt8]
    /// The hash algorithms allowed (`h=`); nil means all.
    public var hashAlgorithms: [String]?
    /// The service types (`s=`); nil means all (`*`).
    public var serviceTypes: [String]?
    /// The flags (`t=`), such as `y` (testing) and `s` (no subdomains in `i=`).
    public var flags: [String]

    /// True when `t=y` marks the domain as testing DKIM: verifiers may treat failures as if unsigned.
    public var isTesting: Bool { flags.contains("y") }

    /// The TXT record text to publish for `key`: `v=DKIM1; k=rsa; p=<base64>` or `v=DKIM1; k=ed25519; p=...`.
    ///
    /// An RSA-2048 record is longer than the 255 bytes one DNS character-string holds; see `zoneFileValue(for:)`.
    public static func txt(for key: SigningKey) -> String {
        "v=DKIM1; k=\(keyType(of: key)); p=\(DKIMBase64.encodeToString(key.publicKeyDER()))"
    }

    /// `txt(for:)` as quoted character-strings of at most 255 bytes, ready for a zone file: the receiving side
    /// joins the strings of one TXT record without spaces (RFC 6376 §3.6.2.2).
    public static func zoneFileValue(for key: SigningKey) -> String {
        let text = Array(txt(for: key).utf8)
        return stride(from: 0, to: text.count, by: 255).map { start in
            "\"" + String(decoding: text[start..<min(start + 255, text.count)], as: UTF8.self) + "\""
        }.joined(separator: " ")
    }

    /// Parses a published record.
    ///
    /// Accepts the joined TXT text, or the quoted character-strings `dig` prints (`"v=DKIM1; ..." "..."`).
    /// - Throws: `DKIMError.Kind.malformedRecord` when `v=` is present but not first or not `DKIM1`, `p=` is
    ///   missing or not base64, or the tag list is malformed (RFC 6376 §3.6.1).
    public init(txt: String) throws(DKIMError) {
        let tags = try DKIMTagList(Self.unquoted(txt))
        if let version = tags["v"] {
            guard tags.tags.first?.name == "v", version == "DKIM1" else {
                throw DKIMError(.malformedRecord("v= must come first and be DKIM1"))
            }
        }
        guard let key = tags["p"] else { throw DKIMError(.malformedRecord("no p= tag (the public key)")) }
        guard let publicKey = DKIMBase64.decode(key) else {
            throw DKIMError(.malformedRecord("p= is not valid base64"))
        }
        self.keyType = tags["k"] ?? "rsa"
        self.publicKey = publicKey
        self.hashAlgorithms = tags["h"].map(Self.colonList)
        self.serviceTypes = tags["s"].map(Self.colonList)
        self.flags = tags["t"].map(Self.colonList) ?? []
    }

    /// Every reason signatures made with `key` would not verify against this record, or none.
    public func mismatches(with key: SigningKey) -> [DKIMRecordMismatch] {
        var found: [DKIMRecordMismatch] = []
        let configuredType = Self.keyType(of: key)
        if publicKey.isEmpty {
            found.append(.keyRevoked)
        } else if keyType != configuredType {
            found.append(.keyType(published: keyType, configured: configuredType))
        } else if !Self.samePublicKey(published: publicKey, configured: key) {
            found.append(.publicKey)
        }
        if let hashAlgorithms, !hashAlgorithms.contains("sha256") {
            found.append(.hashAlgorithms(hashAlgorithms))
        }
        if let serviceTypes, !serviceTypes.contains("*"), !serviceTypes.contains("email") {
            found.append(.serviceTypes(serviceTypes))
        }
        return found
    }

    private static func keyType(of key: SigningKey) -> String {
        switch key.algorithm {
        case .rsa: "rsa"
        case .ed25519: "ed25519"
        }
    }

    /// RSA records usually carry SubjectPublicKeyInfo, but RFC 6376 §3.6.1 names the bare PKCS#1 RSAPublicKey,
    /// which is the tail of the SubjectPublicKeyInfo; accept either.
    private static func samePublicKey(published: [UInt8], configured key: SigningKey) -> Bool {
        let der = key.publicKeyDER()
        if published == der { return true }
        guard case .rsa = key.algorithm, published.count > 64, published.count < der.count else { return false }
        return der.suffix(published.count).elementsEqual(published)
    }

    private static func colonList(_ value: String) -> [String] {
        value.split(separator: ":").map { String($0.filter { !$0.isWhitespace }) }.filter { !$0.isEmpty }
    }

    /// Joins `"..." "..."` character-strings as DNS tools print them; other text is returned as it is.
    private static func unquoted(_ text: String) -> String {
        guard text.first(where: { !$0.isWhitespace }) == "\"" else { return text }
        var joined = ""
        var inside = false
        var escaped = false
        for character in text {
            if escaped {
                joined.append(character)
                escaped = false
            } else if inside && character == "\\" {
                escaped = true
            } else if character == "\"" {
                inside.toggle()
            } else if inside {
                joined.append(character)
            }
        }
        return joined
    }
}
