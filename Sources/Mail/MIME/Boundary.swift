// Boundary: deterministic multipart boundaries that cannot occur in the encoded content (RFC 2046 §5.1.1).

/// Multipart boundary strings.
///
/// Every boundary starts with `=_`. Quoted-printable never writes `=` followed by `_` (only `=XX` or a
/// soft break), base64 has no `_`, and `TransferEncoding` refuses 7bit for any text containing `=_`, so
/// no encoded body line can begin with a boundary. Header lines cannot either: they start with a field
/// name or, when folded, with whitespace. The nesting level is the last character, so the boundaries of
/// one message differ and none is a prefix of another.
enum Boundary {
    /// The boundary for nesting `level` (0 mixed, 1 alternative, 2 related) derived from `seed`.
    static func make(seed: UInt64, level: Int) -> String {
        let hex = String(mix(seed), radix: 16)
        return "=_edm_" + String(repeating: "0", count: 16 - hex.count) + hex + "_" + String(level)
    }

    // SplitMix64's finaliser: spreads any seed (including 0, 1, 2, ...) over all 64 bits.
    private static func mix(_ seed: UInt64) -> UInt64 {
        var z = seed &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
