// JournalIndexTable: recipient key → last state, packed into about 55 bytes per recipient.
import Foundation

/// The storage behind `JournalIndex`.
///
/// Keys live in a `JournalKeyTable` (spelled compactly by `JournalKeyCodec`), and per recipient one 20-byte `Fields` in
/// a chunked array (one cache line touched per lookup). A `Dictionary<String, Entry>` costs a heap object per key
/// longer than 15 bytes plus a padded entry, roughly three times this; the brief is a million recipients well under 100
/// MB.
struct JournalIndexTable: Sendable {
    /// What the index keeps per recipient, in the smallest types that hold it.
    ///
    /// Times are whole seconds (UInt32, good until 2106): `firstSeen` rounded down, `due` rounded up so a
    /// retry never starts early (0: none). The Message-ID is not kept: `messageIDOffset` (40 bits, journals
    /// up to 1 TiB) is where the last record that carried one starts, read back on demand, which only
    /// `--resend-uncertain` needs.
    struct Fields: Sendable {
        var line: UInt32 = 0
        var firstSeen: UInt32 = 0
        var due: UInt32 = 0
        var messageIDOffsetLow: UInt32 = 0
        var messageIDOffsetHigh: UInt8 = 0
        var state: UInt8 = JournalState.attempting.code
        var attempt: UInt8 = 0

        var messageIDOffset: Int64 {
            get { Int64(messageIDOffsetHigh) << 32 | Int64(messageIDOffsetLow) }
            set {
                messageIDOffsetLow = UInt32(truncatingIfNeeded: newValue)
                messageIDOffsetHigh = UInt8(truncatingIfNeeded: newValue >> 32)
            }
        }
    }

    private var keys = JournalKeyTable()
    private var codec = JournalKeyCodec()
    private var scratch: [UInt8] = []
    /// Entry `i`'s fields; entry numbers are key numbers in `keys`.
    private(set) var fields = JournalChunkedArray<Fields>()

    var count: Int { fields.count }

    subscript(entry: Int) -> Fields {
        get { fields[entry] }
        set { fields[entry] = newValue }
    }

    /// The entry number of `key`, if present.
    func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        var encoded: [UInt8] = []
        encoded.reserveCapacity(key.count + 6)  // a tag byte and at most a 5-byte domain number more
        guard codec.encodeForLookup(key, into: &encoded) else { return nil }
        return encoded.withUnsafeBufferPointer { keys.find($0) }
    }

    func key(_ entry: Int) -> String {
        keys.withBytes(entry) { codec.decode($0) }
    }

    /// The entry number of `key`, adding a new entry (first seen at `seconds`) when absent.
    ///
    /// Returns nil when the table would outgrow its 32-bit offsets.
    mutating func findOrInsert(_ key: UnsafeBufferPointer<UInt8>, firstSeen seconds: UInt32) -> Int? {
        var encoded: [UInt8] = []
        swap(&encoded, &scratch)
        defer { swap(&encoded, &scratch) }
        guard codec.encode(key, into: &encoded),
            let found = encoded.withUnsafeBufferPointer({ keys.findOrInsert($0) })
        else { return nil }
        if found.inserted {
            fields.append(Fields(firstSeen: seconds))
        }
        return found.number
    }
}
