// SuppressionIndex: a compact set of suppression entries with where each was first listed, 16 bytes an entry.

/// Maps an entry (kind + normalised value) to the file and line that listed it first.
///
/// Why not `[String: Source]`: a million entries as Strings plus Source values cost well over 100 MB and
/// take seconds to build. Here an entry is reduced to an 88-bit fingerprint (two independently keyed SipHash
/// values from the standard library's per-process-seeded `Hasher`) stored with an 8-bit file number and the
/// line: 16 bytes a slot, open addressing with linear probing, grown at 75% load (DuplicateIndex's layout).
/// Two different entries share a fingerprint with probability about n²/2⁸⁹ (≈ 10⁻¹⁵ for a million); the
/// only effect of such a collision would be one extra suppressed recipient, the safe direction.
struct SuppressionIndex: Sendable {
    private struct Slot: Sendable {
        var high: UInt64 = 0     // 0 means empty; real fingerprints have their top bit set
        var low: UInt32 = 0      // top 8 bits: file number; low 24 bits: fingerprint
        var line: UInt32 = 0
    }

    /// At most this many files (the file number has 8 bits).
    static let maximumFiles = 256
    private static let fingerprintMask: UInt32 = 0x00FF_FFFF

    private var slots: [Slot]
    private var mask: Int
    private(set) var count = 0

    init(expectedCount: Int = 16) {
        var capacity = 16
        while capacity * 3 / 4 < expectedCount { capacity *= 2 }
        slots = [Slot](repeating: Slot(), count: capacity)
        mask = capacity - 1
    }

    /// Bytes held by the table (for the benchmark in docs/suppression.md).
    var memoryBytes: Int { slots.count * MemoryLayout<Slot>.stride }

    /// Makes room for `more` entries at once, so loading a big file does not regrow repeatedly.
    mutating func reserve(_ more: Int) {
        while (count + more) * 4 >= slots.count * 3 { grow() }
    }

    private static func fingerprint(_ kind: SuppressionEntry.Kind, _ value: String) -> (UInt64, UInt32) {
        var first = Hasher()
        first.combine(kind.rawValue)
        first.combine(value)
        var second = Hasher()
        second.combine(0x5EED_0F0F as UInt32)
        second.combine(kind.rawValue)
        second.combine(value)
        let high = UInt64(bitPattern: Int64(first.finalize())) | (1 << 63)
        return (high, UInt32(truncatingIfNeeded: second.finalize()) & fingerprintMask)
    }

    /// Adds an entry; returns false when it was already present (the first place listed is kept).
    @discardableResult
    mutating func insert(_ kind: SuppressionEntry.Kind, _ value: String, file: Int, line: Int) -> Bool {
        let (high, low) = Self.fingerprint(kind, value)
        var index = Int(truncatingIfNeeded: high) & mask
        while slots[index].high != 0 {
            if slots[index].high == high, slots[index].low & Self.fingerprintMask == low { return false }
            index = (index + 1) & mask
        }
        let tagged = low | UInt32(truncatingIfNeeded: file) << 24
        slots[index] = Slot(high: high, low: tagged, line: UInt32(clamping: line))
        count += 1
        if count * 4 >= slots.count * 3 { grow() }
        return true
    }

    /// The file number and line of an entry, if present.
    func find(_ kind: SuppressionEntry.Kind, _ value: String) -> (file: Int, line: Int)? {
        let (high, low) = Self.fingerprint(kind, value)
        var index = Int(truncatingIfNeeded: high) & mask
        while slots[index].high != 0 {
            let slot = slots[index]
            if slot.high == high, slot.low & Self.fingerprintMask == low {
                return (Int(slot.low >> 24), Int(slot.line))
            }
            index = (index + 1) & mask
        }
        return nil
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        mask = slots.count - 1
        for slot in old where slot.high != 0 {
            var index = Int(truncatingIfNeeded: slot.high) & mask
            while slots[index].high != 0 { index = (index + 1) & mask }
            slots[index] = slot
        }
    }
}
