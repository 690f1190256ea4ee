// DuplicateIndex: remembers which recipient keys were seen, and on which line, in 16 bytes per recipient.

/// A compact set of recipient keys for dedupe over lists of millions of rows.
///
/// Why not `Set<String>`: a million keys as Strings cost ~60 MB and grow with address length. Here each key
/// is reduced to a 96-bit fingerprint (two independently keyed SipHash values from the standard library's
/// per-process-seeded `Hasher`) stored with its first line number: 16 bytes a slot, open addressing with
/// linear probing, grown at 75% load. Two different addresses share a fingerprint with probability about
/// n²/2⁹⁷ (≈ 6·10⁻¹⁸ for a million rows), far below any other failure in the system.
public struct DuplicateIndex: Sendable {
    private struct Slot: Sendable {
        var high: UInt64 = 0     // 0 means empty; real fingerprints have their top bit set
        var low: UInt32 = 0
        var line: UInt32 = 0
    }

    private var slots: [Slot]
    private var mask: Int
    public private(set) var count = 0

    /// - Parameter expectedCount: a hint to avoid regrowing; the index grows as needed anyway.
    public init(expectedCount: Int = 1024) {
        var capacity = 16
        while capacity * 3 / 4 < expectedCount { capacity *= 2 }
        slots = [Slot](repeating: Slot(), count: capacity)
        mask = capacity - 1
    }

    private static func fingerprint(_ key: String) -> (UInt64, UInt32) {
        var first = Hasher()
        first.combine(key)
        var second = Hasher()
        second.combine(0x5EED_CAFE as UInt32)
        second.combine(key)
        let high = UInt64(bitPattern: Int64(first.finalize())) | (1 << 63)
        return (high, UInt32(truncatingIfNeeded: second.finalize()))
    }

    /// Records `key` as seen on `line`. Returns nil when it is new, or the line where it was first seen.
    public mutating func insert(_ key: String, line: Int) -> Int? {
        let (high, low) = Self.fingerprint(key)
        var index = Int(truncatingIfNeeded: high) & mask
        while slots[index].high != 0 {
            if slots[index].high == high, slots[index].low == low { return Int(slots[index].line) }
            index = (index + 1) & mask
        }
        slots[index] = Slot(high: high, low: low, line: UInt32(clamping: line))
        count += 1
        if count * 4 >= slots.count * 3 { grow() }
        return nil
    }

    /// Whether `key` was seen.
    public func contains(_ key: String) -> Bool {
        let (high, low) = Self.fingerprint(key)
        var index = Int(truncatingIfNeeded: high) & mask
        while slots[index].high != 0 {
            if slots[index].high == high, slots[index].low == low { return true }
            index = (index + 1) & mask
        }
        return false
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
