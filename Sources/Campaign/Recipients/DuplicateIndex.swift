// DuplicateIndex: remembers which recipient keys were seen, and on which line, in 12 bytes per slot.

/// A compact set of recipient keys (the dedupe pre-pass keeps one per hash partition of the list).
///
/// Why not `Set<String>`: a million keys as Strings cost ~60 MB and grow with address length. Here each key
/// is reduced to a 64-bit fingerprint (the standard library's per-process-seeded SipHash) stored with its first
/// line number: 12 bytes a slot in two parallel arrays, open addressing with linear probing, grown at 75%
/// load. Two different addresses share a fingerprint with probability about n²/2⁶⁵ (≈ 3·10⁻⁸ for a million
/// rows); the later one would then be reported as a duplicate of the earlier, visibly, with both line numbers.
public struct DuplicateIndex: Sendable {
    private var fingerprints: [UInt64]   // 0 means empty; real fingerprints have their top bit set
    private var lines: [UInt32]
    private var mask: Int
    public private(set) var count = 0

    /// - Parameter expectedCount: how many keys to make room for; the index grows past it if needed.
    public init(expectedCount: Int = 1024) {
        var capacity = 16
        while capacity * 3 / 4 < expectedCount { capacity *= 2 }
        fingerprints = [UInt64](repeating: 0, count: capacity)
        lines = [UInt32](repeating: 0, count: capacity)
        mask = capacity - 1
    }

    /// The key's 64-bit fingerprint (top bit set; stable within one process only).
    static func fingerprint(_ key: String) -> UInt64 {
        var hasher = Hasher()
        hasher.combine(key)
        return UInt64(bitPattern: Int64(hasher.finalize())) | (1 << 63)
    }

    /// Records `key` as seen on `line`. Returns nil when it is new, or the line where it was first seen.
    public mutating func insert(_ key: String, line: Int) -> Int? {
        insert(fingerprint: Self.fingerprint(key), line: line)
    }

    /// Records a key by its `fingerprint` (from `fingerprint(_:)`); returns nil when new, else its first line.
    mutating func insert(fingerprint print: UInt64, line: Int) -> Int? {
        var index = Int(truncatingIfNeeded: print) & mask
        while fingerprints[index] != 0 {
            if fingerprints[index] == print { return Int(lines[index]) }
            index = (index + 1) & mask
        }
        fingerprints[index] = print
        lines[index] = UInt32(clamping: line)
        count += 1
        if count * 4 >= fingerprints.count * 3 { grow() }
        return nil
    }

    /// Whether `key` was seen.
    public func contains(_ key: String) -> Bool {
        let print = Self.fingerprint(key)
        var index = Int(truncatingIfNeeded: print) & mask
        while fingerprints[index] != 0 {
            if fingerprints[index] == print { return true }
            index = (index + 1) & mask
        }
        return false
    }

    private mutating func grow() {
        let oldPrints = fingerprints
        let oldLines = lines
        fingerprints = [UInt64](repeating: 0, count: oldPrints.count * 2)
        lines = [UInt32](repeating: 0, count: oldPrints.count * 2)
        mask = fingerprints.count - 1
        for slot in oldPrints.indices where oldPrints[slot] != 0 {
            var index = Int(truncatingIfNeeded: oldPrints[slot]) & mask
            while fingerprints[index] != 0 { index = (index + 1) & mask }
            fingerprints[index] = oldPrints[slot]
            lines[index] = oldLines[slot]
        }
    }
}
