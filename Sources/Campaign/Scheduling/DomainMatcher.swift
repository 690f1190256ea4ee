// DomainMatcher: finds the [throttle.domains] entry that governs a recipient domain.

/// Maps a recipient domain to the key of the configured entry that covers it.
///
/// Matching is case-insensitive and ignores a trailing dot. An entry covers its own domain and every domain
/// below it, on label boundaries: `"qq.com"` covers `qq.com` and `mx1.vip.qq.com` but not `fooqq.com`. The most
/// specific entry wins, so `"vip.qq.com"` beats `"qq.com"` for `a.vip.qq.com`. All domains one entry covers share
/// its rate and connection limit. Domains are compared as written: configure and pass A-labels
/// (`xn--…`) or U-labels consistently (edm's address parser gives A-labels).
struct DomainMatcher: Sendable {
    private let entries: [String: DomainThrottle]

    init(_ domains: [DomainThrottle]) {
        var entries: [String: DomainThrottle] = [:]
        for entry in domains {
            let key = Self.normalize(entry.domain)
            guard !key.isEmpty else { continue }
            entries[key] = entry
        }
        self.entries = entries
    }

    /// Every configured entry, by normalised domain.
    var all: [String: DomainThrottle] { entries }

    /// Lower case, without a trailing dot; the part after the last `@` when given an address.
    static func normalize(_ domain: String) -> String {
        var text = Substring(domain)
        if let at = text.lastIndex(of: "@") { text = text[text.index(after: at)...] }
        while text.hasSuffix(".") { text = text.dropLast() }
        return text.lowercased()
    }

    /// The key of the most specific entry covering `domain`, or nil when none does.
    func entryKey(for domain: String) -> String? {
        if entries.isEmpty { return nil }  // the common case, asked once or twice per message
        var candidate = Substring(Self.normalize(domain))
        while !candidate.isEmpty {
            if entries[String(candidate)] != nil { return String(candidate) }
            guard let dot = candidate.firstIndex(of: ".") else { return nil }
            candidate = candidate[candidate.index(after: dot)...]
        }
        return nil
    }

    /// The key used for `domain`'s limits and counts: its entry's key, or the normalised domain itself.
    func key(for domain: String) -> String {
        entryKey(for: domain) ?? Self.normalize(domain)
    }
}
