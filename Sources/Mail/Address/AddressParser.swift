// AddressParser: validates addr-specs for sending (RFC 5321 §4.1.2, §4.5.3.1; RFC 5322 §3.4.1; RFC 6531).

/// Parses and validates email addresses for sending.
///
/// Plain ASCII addresses go through a byte scanner with no Foundation and no regular expressions; only
/// internationalised domains and non-ASCII local parts take the slower Unicode path (IDNA mapping, NFC).
public enum AddressParser {
    // RFC 5321 §4.5.3.1.1: the maximum total length of a user name or other local-part is 64 octets.
    static let maxLocalPartLength = 64
    // RFC 5321 §4.5.3.1.2: the maximum total length of a domain name or number is 255 octets.
    static let maxDomainLength = 255
    // RFC 5321 §4.5.3.1.3: a path is at most 256 octets including the angle brackets, so 254 inside.
    static let maxAddressLength = 254

    /// Parses a bare address such as `user@example.com` or `"john smith"@例子.广告`.
    ///
    /// Surrounding spaces and tabs are trimmed. The domain is lower-cased and converted to A-labels;
    /// a non-ASCII local part is accepted and flags `needsSMTPUTF8`.
    ///
    /// - Parameters:
    ///   - text: the address, without display name or angle brackets.
    ///   - options: whether IP literals are accepted.
    /// - Returns: the validated, normalised address.
    /// - Throws: `AddressError` with a stable `code` naming the first problem found.
    public static func parse(
        _ text: String, options: AddressOptions = AddressOptions()
    ) throws(AddressError) -> EmailAddress {
        try text.withUTF8Buffer { parse(bytes: $0, options: options) }.get()
    }

    /// Parses an address held as UTF-8 bytes (trimming spaces and tabs first).
    static func parse(
        bytes: UnsafeBufferPointer<UInt8>, options: AddressOptions
    ) -> Result<EmailAddress, AddressError> {
        var start = 0
        var end = bytes.count
        while start < end, ASCII.isWhitespace(bytes[start]) { start += 1 }
        while end > start, ASCII.isWhitespace(bytes[end - 1]) { end -= 1 }
        if start == end { return .failure(AddressError(.empty, "the address is empty")) }
        let span = UnsafeBufferPointer(rebasing: bytes[start..<end])
        // Design invariant 3: CR, LF and NUL from data must never reach a header or an SMTP command.
        if ASCII.containsForbiddenControl(span, allowTab: false) {
            return .failure(AddressError(.controlCharacter, "the address contains a control character"))
        }
        return parseTrimmed(span, options: options)
    }

    private static func parseTrimmed(
        _ span: UnsafeBufferPointer<UInt8>, options: AddressOptions
    ) -> Result<EmailAddress, AddressError> {
        let local: LocalPart
        let atIndex: Int
        if span[0] == ASCII.quote {
            switch scanQuotedLocalPart(span) {
            case .success(let (part, closing)):
                atIndex = closing + 1
                guard atIndex < span.count else {
                    return .failure(AddressError(.missingAt, "no '@' after the quoted local part"))
                }
                guard span[atIndex] == ASCII.at else {
                    return .failure(invalidCharacter(span[atIndex], "after the quoted local part"))
                }
                local = part
            case .failure(let error):
                return .failure(error)
            }
        } else {
            guard let at = span.firstIndex(of: ASCII.at) else {
                return .failure(AddressError(.missingAt, "the address has no '@'"))
            }
            atIndex = at
            switch scanDotAtomLocalPart(UnsafeBufferPointer(rebasing: span[0..<at])) {
            case .success(let part): local = part
            case .failure(let error): return .failure(error)
            }
        }
        let localLength = local.text.utf8.count
        if localLength > maxLocalPartLength {
            return .failure(AddressError(
                .localPartTooLong,
                "the local part is \(localLength) octets; the limit is \(maxLocalPartLength) (RFC 5321 §4.5.3.1.1)"))
        }
        let domainBytes = UnsafeBufferPointer(rebasing: span[(atIndex + 1)...])
        if domainBytes.isEmpty { return .failure(AddressError(.emptyDomain, "nothing follows the '@'")) }
        let domain: (ascii: String, unicode: String)
        switch DomainValidator.validate(domainBytes, allowIPLiterals: options.allowIPLiterals) {
        case .success(let value): domain = value
        case .failure(let error): return .failure(error)
        }
        let total = localLength + 1 + domain.ascii.utf8.count
        if total > maxAddressLength {
            return .failure(AddressError(
                .addressTooLong,
                "the address is \(total) octets; the limit is \(maxAddressLength) (RFC 5321 §4.5.3.1.3)"))
        }
        return .success(EmailAddress(
            localPart: local.text, domain: domain.ascii, unicodeDomain: domain.unicode,
            needsSMTPUTF8: local.isNonASCII))
    }

    // MARK: - Local part

    struct LocalPart {
        var text: String
        var isNonASCII: Bool
    }

    /// RFC 5322 §3.4.1 dot-atom, with RFC 6531 §3.3's UTF8-non-ascii allowed in atext.
    static func scanDotAtomLocalPart(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<LocalPart, AddressError> {
        if bytes.isEmpty { return .failure(AddressError(.emptyLocalPart, "nothing precedes the '@'")) }
        if let problem = dotAtomProblem(bytes) { return .failure(problem) }
        var nonASCII = false
        for byte in bytes where byte >= 0x80 {
            nonASCII = true
            break
        }
        var text = String(decoding: bytes, as: UTF8.self)
        if nonASCII { text = UnicodeMapping.nfc(text) }
        return .success(LocalPart(text: text, isNonASCII: nonASCII))
    }

    /// Returns why `bytes` is not a dot-atom (non-ASCII bytes count as atext), or nil.
    static func dotAtomProblem(_ bytes: UnsafeBufferPointer<UInt8>) -> AddressError? {
        var previousWasDot = true
        for byte in bytes {
            if byte == ASCII.dot {
                if previousWasDot {
                    return AddressError(.invalidDot, "the local part has a dot at its start or two dots in a row")
                }
                previousWasDot = true
            } else if ASCII.isAtext(byte) || byte >= 0x80 {
                previousWasDot = false
            } else {
                return invalidCharacter(byte, "in the local part")
            }
        }
        if previousWasDot { return AddressError(.invalidDot, "the local part ends with a dot") }
        return nil
    }

    /// RFC 5321 §4.1.2 Quoted-string (qtextSMTP / quoted-pairSMTP, plus RFC 6531 UTF-8). Returns the
    /// canonical local part and the index of the closing quote.
    static func scanQuotedLocalPart(
        _ span: UnsafeBufferPointer<UInt8>
    ) -> Result<(LocalPart, Int), AddressError> {
        var content: [UInt8] = []
        var index = 1
        while index < span.count {
            let byte = span[index]
            if byte == ASCII.quote { break }
            if byte == ASCII.backslash {
                guard index + 1 < span.count else { break }
                let escaped = span[index + 1]
                guard escaped >= ASCII.space else { return .failure(invalidCharacter(escaped, "after '\\'")) }
                content.append(escaped)
                index += 2
                continue
            }
            guard byte >= ASCII.space else { return .failure(invalidCharacter(byte, "in the quoted local part")) }
            content.append(byte)
            index += 1
        }
        guard index < span.count else {
            return .failure(AddressError(.unterminatedQuotedString, "the quoted local part has no closing quote"))
        }
        if content.isEmpty { return .failure(AddressError(.emptyLocalPart, "the quoted local part is empty")) }
        let nonASCII = content.contains { $0 >= 0x80 }
        let needsQuotes = content.withUnsafeBufferPointer { dotAtomProblem($0) != nil }
        var wire: [UInt8] = []
        if needsQuotes {
            // Only '"' and '\' need a backslash inside a quoted string (RFC 5321 §4.1.2 qtextSMTP).
            wire.reserveCapacity(content.count + 4)
            wire.append(ASCII.quote)
            for byte in content {
                if byte == ASCII.quote || byte == ASCII.backslash { wire.append(ASCII.backslash) }
                wire.append(byte)
            }
            wire.append(ASCII.quote)
        } else {
            wire = content
        }
        var text = String(decoding: wire, as: UTF8.self)
        if nonASCII { text = UnicodeMapping.nfc(text) }
        return .success((LocalPart(text: text, isNonASCII: nonASCII), index))
    }

    static func invalidCharacter(_ byte: UInt8, _ place: String) -> AddressError {
        let shown = byte >= 0x21 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(hex(byte))"
        return AddressError(.invalidCharacter, "\(shown) is not allowed \(place)")
    }

    private static func hex(_ byte: UInt8) -> String {
        String(decoding: [ASCII.hexDigit(byte >> 4), ASCII.hexDigit(byte & 0x0F)], as: UTF8.self)
    }
}
