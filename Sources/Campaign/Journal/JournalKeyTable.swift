// JournalKeyTable: a set of byte strings packed into large chunks, numbered in insertion order, hash-indexed.
import Foundation

/// A set of byte strings, numbered in insertion order, stored compactly.
///
/// Strings sit back to back (each behind a 1–3 byte length) in 1 MiB chunks and are found through an open-addressing
/// table of 32-bit numbers: about `length + 6` bytes per string plus 4–10 bytes of table, against a heap object per key
/// for `Set<String>`. Chunks never move, so growing copies nothing. Used for recipient keys and for their domains
/// (`JournalKeyCodec`).
struct JournalKeyTable: Sendable {
    /// 1 MiB chunks; a location is `chunk << 20 | offset`, so 4,096 chunks (4 GiB) at most.
    private static let chunkShift = 20
    private static let chunkSize = 1 << chunkShift
    /// Longest string: one chunk, less its length prefix.
    static let maximumLength = chunkSize - 3

    private var chunks: [[UInt8]] = []
    /// Where string `i`'s length prefix starts.
    private var locations = JournalChunkedArray<UInt32>()
    /// Linear probing: 0 is empty, otherwise string number + 1.
    ///
    /// Power-of-two size, at most three quarters full.
    private var slots: [UInt32] = Array(repeating: 0, count: 16)

    var count: Int { locations.count }

    /// The number of `key`, if present.
    func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        let mask = slots.count - 1
        var slot = Self.hash(key) & mask
        while slots[slot] != 0 {
            let number = Int(slots[slot] - 1)
            if withBytes(number, { Self.same($0, key) }) { return number }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// The number of `key`, adding it when absent; nil when the key is too long or the table full (4 GiB).
    mutating func findOrInsert(_ key: UnsafeBufferPointer<UInt8>) -> (number: Int, inserted: Bool)? {
        var mask = slots.count - 1
        let hash = Self.hash(key)
        var slot = hash & mask
        while slots[slot] != 0 {
            let number = Int(slots[slot] - 1)
            if withBytes(number, { Self.same($0, key) }) { return (number, false) }
            slot = (slot + 1) & mask
        }
        guard key.count <= Self.maximumLength, count < Int(UInt32.max) - 1 else { return nil }
        let needed = key.count + (key.count < 1 << 7 ? 1 : key.count < 1 << 14 ? 2 : 3)
        if chunks.isEmpty || chunks[chunks.count - 1].count + needed > Self.chunkSize {
            guard chunks.count < 1 << (32 - Self.chunkShift) else { return nil }
            var chunk: [UInt8] = []
            chunk.reserveCapacity(Self.chunkSize)
            chunks.append(chunk)
        }
        let last = chunks.count - 1
        locations.append(UInt32(last << Self.chunkShift | chunks[last].count))
        // The length as LEB128: seven bits a byte, low bits first, high bit set when more follow.
        var length = key.count
        while length >= 0x80 {
            chunks[last].append(UInt8(length & 0x7F) | 0x80)
            length >>= 7
        }
        chunks[last].append(UInt8(length))
        chunks[last].append(contentsOf: key)
        let number = count - 1
        if (count + 1) * 4 > slots.count * 3 {
            grow()
            mask = slots.count - 1
            slot = hash & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
        }
        slots[slot] = UInt32(number + 1)
        return (number, true)
    }

    /// Calls `body` with string `number`'s bytes.
    func withBytes<Result>(_ number: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let location = Int(locations[number])
        return chunks[location >> Self.chunkShift].withUnsafeBufferPointer { chunk in
            var start = location & (Self.chunkSize - 1)
            var length = 0
            var shift = 0
            while true {
                let byte = chunk[start]
                start += 1
                length |= Int(byte & 0x7F) << shift
                shift += 7
                if byte < 0x80 { break }
            }
            return body(UnsafeBufferPointer(rebasing: chunk[start..<start + length]))
        }
    }

    private static func same(_ stored: UnsafeBufferPointer<UInt8>, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard stored.count == key.count else { return false }
        guard let left = stored.baseAddress, let right = key.baseAddress else { return true }
        return memcmp(left, right, key.count) == 0
    }

    private mutating func grow() {
        var bigger = [UInt32](repeating: 0, count: slots.count * 2)
        let mask = bigger.count - 1
        for number in 0..<count {
            var slot = withBytes(number, Self.hash) & mask
            while bigger[slot] != 0 { slot = (slot + 1) & mask }
            bigger[slot] = UInt32(number + 1)
        }
        slots = bigger
    }

    /// Swift's seeded SipHash: the table lives only in this process, so the per-process seed is harmless and
    /// keeps a crafted recipient list from degrading the probes.
    private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(key))
        return hasher.finalize()
    }
}
