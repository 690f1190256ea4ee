// Syntax checks for campaign values: addresses, domains, header names, send windows, consent words.
import Foundation

/// A first, conservative check of addresses in the campaign file (sender, reply-to, test recipients).
/// Recipient addresses get the full RFC 5321/5322 parser in the Mail module.
enum AddressSyntax {
    /// One `@`, a non-empty local part without spaces or control characters, and a domain.
    static func looksValid(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].utf8.count <= 64 else { return false }
        guard !parts[0].unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || "<>(),;:\\\"[]".unicodeScalars.contains($0) })
        else { return false }
        return looksLikeDomain(String(parts[1]))
    }

    /// Dot-separated labels of letters, digits and hyphens (RFC 1035 §2.3.1; non-ASCII letters allowed for IDNs),
    /// at least two labels, none starting or ending with a hyphen, 253 octets at most.
    static func looksLikeDomain(_ domain: String) -> Bool {
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, domain.utf8.count <= 253 else { return false }
        return labels.allSatisfy { label in
            !label.isEmpty && label.utf8.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.unicodeScalars.allSatisfy { $0 == "-" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
        }
    }
}

/// RFC 5322 §3.6.8 field names, and the headers edm writes itself.
enum HeaderNameSyntax {
    /// Printable US-ASCII except ':' (33–126, not 58).
    static func isValid(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 76 && name.utf8.allSatisfy { $0 >= 33 && $0 <= 126 && $0 != 58 }
    }

    /// Headers a campaign may not set through `message.headers`, because edm derives them.
    static let reserved: Set<String> = [
        "from", "to", "cc", "bcc", "subject", "date", "message-id", "mime-version", "content-type",
        "content-transfer-encoding", "reply-to", "return-path", "sender", "list-unsubscribe",
        "list-unsubscribe-post", "list-id", "dkim-signature", "received",
    ]
}

/// `campaign.send_window`: "HH:MM-HH:MM Area/City" (an IANA zone name or UTC).
enum SendWindowSyntax {
    static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2 else { return false }
        let times = parts[0].split(separator: "-")
        guard times.count == 2, times.allSatisfy(isClockTime) else { return false }
        return TimeZone(identifier: String(parts[1])) != nil
    }

    private static func isClockTime(_ text: Substring) -> Bool {
        let pieces = text.split(separator: ":")
        guard pieces.count == 2, pieces.allSatisfy({ $0.count == 2 }),
              let hour = Int(pieces[0]), let minute = Int(pieces[1])
        else { return false }
        return (0...24).contains(hour) && (0...59).contains(minute) && !(hour == 24 && minute > 0)
    }
}

/// The values of a consent column that mean "yes", compared case-insensitively after trimming.
public enum ConsentDefaults {
    public static let truthy = ["yes", "y", "true", "1", "opt-in", "opted-in", "subscribed", "是", "同意"]
}
