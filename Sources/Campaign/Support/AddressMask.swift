// AddressMask: `a***@example.com` for `[privacy] mask_addresses`, in reports, logs, progress and metrics.

/// Hides the local part of addresses while keeping enough to tell recipients' domains apart.
///
/// The domain stays: it is what deliverability is about (per-domain tables, throttles), and alone it does not
/// identify a person. The first character of the local part stays so a reader can still match a row against
/// a list they hold; everything else becomes `***`, whatever its length, so the length leaks nothing either.
public enum AddressMask {
    /// The masked form of a recipient key: `alice@example.com` → `a***@example.com`.
    ///
    /// Keys of rows without a valid address (`invalid:LINE:TEXT`) keep their prefix and mask the text. A key
    /// without `@` (not an address: a keyed hash, or a typo) keeps only its first character: failing closed.
    public static func mask(_ key: String) -> String {
        if key.hasPrefix("invalid:") {
            let rest = key.dropFirst("invalid:".count)
            if let colon = rest.firstIndex(of: ":") {
                return "invalid:" + rest[..<colon] + ":" + mask(String(rest[rest.index(after: colon)...]))
            }
        }
        guard let at = key.lastIndex(of: "@") else {
            return key.isEmpty ? "" : String(key.prefix(1)) + "***"
        }
        let local = key[..<at]
        return (local.isEmpty ? "" : String(local.prefix(1))) + "***" + key[at...]
    }

    /// `text` with every address-like word (`local@domain`, with or without angle brackets) masked.
    ///
    /// For relay replies, which often quote the recipient (`550 5.1.1 <bob@example.com>: user unknown`).
    public static func maskAddresses(in text: String) -> String {
        replaceAddresses(in: text) { mask($0) }
    }

    /// `text` with every address-like word replaced by what `replacement` makes of it.
    static func replaceAddresses(in text: String, _ replacement: (String) -> String) -> String {
        guard text.contains("@") else { return text }
        var out = ""
        var word = ""
        func flush() {
            if word.contains("@"), word.count > 1 {
                // Keep punctuation that surrounds the address ("<…>:", "(…),").
                let leading = word.prefix { Self.wrapping.contains($0) }
                let rest = word.dropFirst(leading.count)
                let trailing = String(rest.reversed().prefix { Self.wrapping.contains($0) }.reversed())
                let core = String(rest.dropLast(trailing.count))
                out += leading + (core.contains("@") ? replacement(core) : core) + trailing
            } else {
                out += word
            }
            word = ""
        }
        for character in text {
            if character.isWhitespace {
                flush()
                out.append(character)
            } else {
                word.append(character)
            }
        }
        flush()
        return out
    }

    private static let wrapping: Set<Character> = ["<", ">", "(", ")", "[", "]", "\"", "'", ":", ";", ",", "."]
}
