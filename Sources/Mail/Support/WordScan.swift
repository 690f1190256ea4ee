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

    /// True when all eight bytes are printable ASCII or space (0x20–0x7E) and none is `=`.
    @inline(__always)
    static func isPlainText(_ word: UInt64) -> Bool {
        word & highs == 0 && !hasByte(word, below: 0x20) && !hasByte(word, 0x3D) && !hasByte(word, 0x7F)
    }

    /// True when some byte of `word` is CR or LF.
    @inline(__always)
    static func hasLineBreak(_ word: UInt64) -> Bool { hasByte(word, 0x0A) || hasByte(word, 0x0D) }
}
