// AddressMask: `a***@example.com` for logs, progress, summaries and metrics when privacy.mask_addresses is set.

/// Hides the local part of addresses in text shown to people and machines (`privacy.mask_addresses`).
public struct AddressMask: Sendable {
    public let enabled: Bool

    public init(enabled: Bool) { self.enabled = enabled }

    /// A recipient key: `alice@example.com` → `a***@example.com`; other keys (invalid rows, hashed keys)
    /// are masked as text.
    public func key(_ key: String) -> String {
        guard enabled else { return key }
        // A row without a valid address is keyed `invalid:<line>:<text>`; its text may be most of an address.
        if key.hasPrefix("invalid:") {
            let parts = key.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            if parts.count == 3 { return "invalid:\(parts[1]):***" }
        }
        return text(key)
    }

    /// `text` with the local part of every address-like token reduced to its first character and `***`
    /// (reply texts often quote the recipient: "550 5.1.1 <bob@example.com>: no such user").
    public func text(_ text: String) -> String {
        guard enabled, text.contains("@") else { return text }
        return Self.copyWithMaskedLocals(Array(text.unicodeScalars))
    }

    /// Single pass: copies `scalars`, replacing each local part before an `@` by its first scalar and `***`.
    private static func copyWithMaskedLocals(_ scalars: [Unicode.Scalar]) -> String {
        var out = String.UnicodeScalarView()
        var start = 0
        var index = 0
        while index < scalars.count {
            if scalars[index] == "@" {
                var localStart = index
                while localStart > start, isLocalPart(scalars[localStart - 1]) { localStart -= 1 }
                // Only a local part with a letter or digit is an address ("no '@'" in a message is not).
                let local = scalars[localStart..<index]
                if local.contains(where: { $0.properties.isAlphabetic || ("0"..."9").contains($0) }) {
                    out.append(contentsOf: scalars[start..<localStart])
                    out.append(scalars[localStart])
                    out.append(contentsOf: "***".unicodeScalars)
                } else {
                    out.append(contentsOf: scalars[start..<index])
                }
                out.append("@")
                start = index + 1
            }
            index += 1
        }
        out.append(contentsOf: scalars[start...])
        return String(out)
    }

    /// Characters of a dot-atom local part (RFC 5322 §3.2.3 atext and "."), plus non-ASCII (RFC 6531).
    private static func isLocalPart(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value >= 0x80 { return !scalar.properties.isWhitespace }
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9": return true
        default: return "!#$%&'*+-/=?^_`{|}~.".unicodeScalars.contains(scalar)
        }
    }
}
