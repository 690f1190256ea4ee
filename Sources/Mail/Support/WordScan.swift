// WordScan: eight-bytes-at-a-time tests ("SWAR") that let the body scanners skip runs of plain text.

/// Tests on eight bytes loaded as one `UInt64`, so the common case (printable ASCII) costs one load and a
/// few arithmetic operations per eight bytes instead of a branch per byte.
enum WordScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes at `offset` (no alignment needed); the caller guarantees they exist.
    @inline(__always)
    static func load(_ base: UnsafePointer<UInt8>, _ offset: Int) -> UInt64 {
        UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
    }

    /// True when some byte of `word` is zero.
    @inline(__always)
    static func hasZeroByte(_ word: UInt64) -> Bool { (word &- ones) & ~word & highs != 0 }

    /// True when some byte of `word` equals `byte`.
    @inline(__always)
    static func hasByte(_ word: UInt64, _ byte: UInt8) -> Bool { hasZeroByte(word ^ (ones &* UInt64(byte))) }

    /// True when some byte of `word` is less than `bound` (exact for `bound` <= 128).
    @inline(__always)
    static func hasByte(_ word: UInt64, below bound: UInt8) -> Bool {
        (word &- ones &* UInt64(bound)) & ~word & highs != 0
    }

    /// How many of the eight bytes, from the first in memory, are plain text (0x20–0x7E, not `=`): 0 to 8.
    ///
    /// The borrow trick behind `hasZeroByte` may also flag bytes *after* a true match, never before one,
    /// so the lowest flagged byte is exact and counting up to it is safe.
    @inline(__always)
    static func plainPrefixLength(_ word: UInt64) -> Int {
        let escaped = stops(word)
        return escaped == 0 ? 8 : escaped.trailingZeroBitCount >> 3
    }

    /// The high bit of each byte of `word` that is not plain text, exact up to the first such byte (in
    /// memory order); 0 when all eight are plain.
    @inline(__always)
    static func stops(_ word: UInt64) -> UInt64 {
        let value = UInt64(littleEndian: word)
        return (value & highs)
            | ((value &- ones &* 0x20) & ~value & highs)
            | zeroBytes(value ^ (ones &* 0x3D))
            | zeroBytes(value ^ (ones &* 0x7F))
    }

    /// The high bit of each zero byte of `word` (and possibly of bytes after the first zero byte).
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 { (word &- ones) & ~word & highs }

    /// True when some byte of `word` is CR or LF.
    @inline(__always)
    static func hasLineBreak(_ word: UInt64) -> Bool { hasByte(word, 0x0A) || hasByte(word, 0x0D) }
}
