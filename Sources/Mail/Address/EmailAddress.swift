// EmailAddress: a validated addr-spec (RFC 5321 §4.1.2 / RFC 5322 §3.4.1) ready for SMTP and headers.

/// A syntactically valid address, normalised for sending.
///
/// Made only by `AddressParser`, so every value obeys RFC 5321's limits and the domain is in the form
/// the wire needs: lower-case, with internationalised labels converted to A-labels (RFC 5891).
public struct EmailAddress: Sendable, Hashable, CustomStringConvertible {
    /// The local part as it goes on the wire: a dot-atom, or a quoted string when the local part needs
    /// quoting (`"john smith"`). Quotes that were not needed are removed (RFC 5321 §4.1.2 asks senders
    /// not to quote what need not be quoted). Non-ASCII local parts are in NFC (RFC 6532 §3.1).
    public let localPart: String
    /// The domain in ASCII: lower-case LDH labels and `xn--` A-labels, or an address literal such as
    /// `[192.0.2.1]` when the parser allowed one.
    public let domain: String
    /// The domain with A-labels shown as Unicode (U-labels), for display only.
    public let unicodeDomain: String
    /// True when the local part is non-ASCII, so the message can only travel over SMTPUTF8
    /// (RFC 6531 §3.4); A-label domains alone never need it.
    public let needsSMTPUTF8: Bool

    init(localPart: String, domain: String, unicodeDomain: String, needsSMTPUTF8: Bool) {
        self.localPart = localPart
        self.domain = domain
        self.unicodeDomain = unicodeDomain
        self.needsSMTPUTF8 = needsSMTPUTF8
    }

    /// `localPart@domain`, as used in `MAIL FROM`/`RCPT TO` and in header fields.
    public var wireForm: String { localPart + "@" + domain }

    /// True when the domain is an address literal (`[192.0.2.1]`).
    public var isIPLiteral: Bool { domain.utf8.first == ASCII.leftBracket }

    /// `wireForm`.
    public var description: String { wireForm }

    /// The normalised recipient key used for deduplication and suppression lists.
    ///
    /// The key is the wire form with the domain already lower-case and in A-labels, and the local part
    /// lower-cased unless `caseSensitiveLocalPart` is true. RFC 5321 §2.4 allows a server to treat the
    /// local part as case-sensitive, but in practice mailboxes are case-insensitive, so folding case is the
    /// safer choice for "never mail an opted-out person": `John@Example.com` and `john@example.com`
    /// produce the same key. Surrounding whitespace was already trimmed by the parser.
    ///
    /// - Parameter caseSensitiveLocalPart: keep the local part's case as written.
    /// - Returns: a string such as `john@xn--fsqu00a.example`.
    public func key(caseSensitiveLocalPart: Bool = false) -> String {
        if caseSensitiveLocalPart { return wireForm }
        if needsSMTPUTF8 { return localPart.lowercased() + "@" + domain }
        let hasUpper = localPart.withUTF8Buffer { bytes in bytes.contains(where: ASCII.isUpper) }
        if !hasUpper { return wireForm }
        let local = localPart.withUTF8Buffer { bytes in
            String(unsafeUninitializedCapacity: bytes.count) { out in
                for index in 0..<bytes.count { out[index] = ASCII.lowercased(bytes[index]) }
                return bytes.count
            }
        }
        return local + "@" + domain
    }

    /// The normalised recipient key, with case handling taken from `options.caseSensitiveLocalPart`.
    public func key(options: AddressOptions) -> String {
        key(caseSensitiveLocalPart: options.caseSensitiveLocalPart)
    }
}
