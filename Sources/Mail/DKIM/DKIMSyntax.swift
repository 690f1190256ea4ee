// DKIMSyntax: checks on the names a signature carries: d=, s= (RFC 6376 §3.1, §3.5) and h= (RFC 5322 §3.6.8).

/// Syntax checks for configuration values that end up in a DKIM-Signature field or a DNS name.
enum DKIMSyntax {
    /// A `d=` domain (RFC 6376 §3.5 domain-name) or a selector (RFC 6376 §3.1 `sub-domain *("." sub-domain)`):
    /// dot-separated labels of letters, digits and inner hyphens (RFC 5321 §4.1.2), at most 253 characters.
    static func isDNSName(_ text: String) -> Bool {
        text.utf8.count <= 253 && isLabelList(text)
    }

    /// RFC 5322 §3.6.8 field-name: one or more printable ASCII characters other than the colon.
    static func isFieldName(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy(ASCII.isFieldNameByte)
    }

    private static func isLabelList(_ text: String) -> Bool {
        let labels = text.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return !labels.isEmpty && labels.allSatisfy(isLabel)
    }

    private static func isLabel(_ label: Substring.UTF8View.SubSequence) -> Bool {
        guard (1...63).contains(label.count), let first = label.first, let last = label.last else { return false }
        return isAlphanumeric(first) && isAlphanumeric(last)
            && label.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            false
        }
    }
}
