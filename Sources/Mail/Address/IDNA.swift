// IDNA: internationalised domain names to and from A-labels (RFC 5890–5892, mapping as in RFC 5895).

/// Converts domains between Unicode (U-labels) and ASCII (`xn--` A-labels).
///
/// Mapping before conversion follows RFC 5895: lower-case, then NFC, with the ideographic and full-width
/// full stops accepted as label separators. Validity is checked with a conservative approximation of
/// RFC 5892's tables using the standard library's Unicode properties: letters (lower-case, other,
/// modifier), combining marks and decimal digits are allowed, compatibility characters (those that change
/// under NFKC case folding) are not, except RFC 5892 §2.6's exceptions such as `ß` and `ς`. The Bidi rule
/// (RFC 5893) and the CONTEXTJ/CONTEXTO rules are not implemented; the characters they govern (joiners,
/// punctuation) are refused outright.
public enum IDNA {
    /// The ACE prefix of an A-label (RFC 5890 §2.3.2.5).
    public static let acePrefix = "xn--"

    /// Converts a domain to its ASCII form, for example `例子.广告` → `xn--fsqu00a.xn--4rr70v`.
    ///
    /// - Parameter domain: the domain, in any case, possibly with U-labels.
    /// - Returns: the lower-case ASCII domain.
    /// - Throws: `AddressError` (`invalid-idn`, `invalid-domain-label`, `invalid-character`,
    ///   `single-label-domain` or `domain-too-long`).
    public static func toASCII(_ domain: String) throws(AddressError) -> String {
        let mapped = domain.isASCII ? domain.lowercased() : UnicodeMapping.nfc(domain.lowercased())
        var asciiLabels: [String] = []
        for label in splitLabels(mapped) {
            if label.isEmpty { throw AddressError(.invalidDomainLabel, "the domain has an empty label") }
            if label.isASCII {
                asciiLabels.append(label)
                continue
            }
            try checkULabel(label)
            guard let encoded = Punycode.encode(label) else {
                throw AddressError(.invalidIDN, "the domain label '\(label)' cannot be encoded")
            }
            asciiLabels.append(acePrefix + encoded)
        }
        let ascii = asciiLabels.joined(separator: ".")
        let checked = ascii.withUTF8Buffer { DomainValidator.checkLabels($0) }
        switch checked {
        case .failure(let error): throw error
        case .success(let hasALabel):
            if hasALabel, let error = checkALabels(ascii) { throw error }
        }
        return ascii
    }

    /// Converts a domain's A-labels to Unicode for display, for example `xn--fsqu00a.com` → `例子.com`.
    /// Labels that are not valid Punycode are left as they are.
    public static func toUnicode(_ domain: String) -> String {
        guard domain.lowercased().contains(acePrefix) else { return domain }
        return domain.split(separator: ".", omittingEmptySubsequences: false).map { label -> String in
            // A-labels are case-insensitive; the Punycode of a lower-case label keeps its basic letters lower.
            let text = String(label)
            let lower = text.lowercased()
            guard lower.hasPrefix(acePrefix),
                let decoded = Punycode.decode(String(lower.dropFirst(acePrefix.count)))
            else { return text }
            return decoded
        }.joined(separator: ".")
    }

    /// Returns why one of the `xn--` labels of an ASCII domain is not a valid A-label, or nil.
    /// RFC 5891 §5.4: an A-label must decode to a valid U-label that encodes back to the same A-label.
    static func checkALabels(_ ascii: String) -> AddressError? {
        for label in ascii.split(separator: ".") where label.hasPrefix(acePrefix) {
            let encoded = String(label.dropFirst(acePrefix.count))
            guard let decoded = Punycode.decode(encoded), !decoded.isASCII,
                decoded.unicodeScalars.elementsEqual(UnicodeMapping.nfc(decoded.lowercased()).unicodeScalars),
                Punycode.encode(decoded) == encoded
            else {
                return AddressError(.invalidIDN, "the domain label '\(label)' is not a valid A-label")
            }
            do throws(AddressError) {
                try checkULabel(decoded)
            } catch {
                return AddressError(.invalidIDN, "the domain label '\(label)' is not a valid A-label")
            }
        }
        return nil
    }

    /// Checks a mapped (lower-case, NFC) U-label against RFC 5891 §4.2.3 and an approximation of
    /// RFC 5892's PVALID set.
    static func checkULabel(_ label: String) throws(AddressError) {
        let scalars = Array(label.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last else {
            throw AddressError(.invalidDomainLabel, "the domain has an empty label")
        }
        // RFC 5891 §4.2.3.1: no hyphen at the start or end, and none in both the third and fourth places.
        if first == "-" || last == "-" {
            throw AddressError(.invalidDomainLabel, "a domain label starts or ends with a hyphen")
        }
        if scalars.count >= 4, scalars[2] == "-", scalars[3] == "-" {
            throw AddressError(.invalidIDN, "the domain label '\(label)' has hyphens in the third and fourth places")
        }
        // RFC 5891 §4.2.3.2: a label must not begin with a combining mark.
        if isMark(first) {
            throw AddressError(.invalidIDN, "the domain label '\(label)' begins with a combining mark")
        }
        for scalar in scalars {
            if scalar.isASCII {
                if !ASCII.isLDH(UInt8(scalar.value)) {
                    throw AddressParser.invalidCharacter(UInt8(scalar.value), "in the domain")
                }
            } else if !isAllowed(scalar) {
                let code = String(scalar.value, radix: 16, uppercase: true)
                throw AddressError(.invalidIDN, "U+\(code) is not allowed in a domain name (RFC 5892)")
            }
        }
    }

    // RFC 5892 §2.6 exceptions that are PVALID although NFKC case folding changes them.
    private static let exceptions: Set<UInt32> = [0x00DF, 0x03C2, 0x06FD, 0x06FE, 0x0F0B, 0x3007]

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        if exceptions.contains(scalar.value) { return true }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .lowercaseLetter, .otherLetter, .modifierLetter, .nonspacingMark, .spacingMark, .decimalNumber:
            return !properties.changesWhenNFKCCaseFolded
        default:
            return false
        }
    }

    private static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    // RFC 3490 §3.1 (kept by UTS #46): U+3002, U+FF0E and U+FF61 separate labels like a full stop.
    private static func splitLabels(_ domain: String) -> [String] {
        var labels: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in domain.unicodeScalars {
            switch scalar.value {
            case 0x2E, 0x3002, 0xFF0E, 0xFF61:
                labels.append(String(current))
                current = String.UnicodeScalarView()
            default:
                current.append(scalar)
            }
        }
        labels.append(String(current))
        return labels
    }
}
