// JournalKeyCodec: packs recipient keys for the index: hex hashes as bytes, addresses with a shared domain.
import Foundation

/// A reversible, smaller spelling of recipient keys for `JournalIndexTable`.
///
/// Keys stay opaque: the exact bytes come back out; only the storage changes.
///
/// - Lower-case hex of even length (a keyed hash, `hash_addresses = true`) is stored as its bytes: half size.
/// - Anything with an `@` is stored as its local part plus a number for the text after the last `@`; the
///   domains themselves are stored once each (a list has few distinct domains).
/// - Anything else is stored as is.
///
/// Encoded form: a tag byte (0 raw, 1 hex, 2 address), then for 2 the domain number as LEB128, then the rest.
struct JournalKeyCodec: Sendable {
    private(set) var domains = JournalKeyTable()

    private static let raw: UInt8 = 0
    private static let hex: UInt8 = 1
    private static let address: UInt8 = 2

    /// Encodes `key` into `out` (cleared first), adding its domain when new.
    ///
    /// False if the domain table is full.
    mutating func encode(_ key: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> Bool {
        out.removeAll(keepingCapacity: true)
        if Self.isLowerHex(key) {
            Self.appendHex(key, to: &out)
            return true
        }
        guard let at = key.lastIndex(of: UInt8(ascii: "@")) else {
            out.append(Self.raw)
            out.append(contentsOf: key)
            return true
        }
        guard let domain = domains.findOrInsert(UnsafeBufferPointer(rebasing: key[(at + 1)...])) else { return false }
        Self.appendAddress(key, at: at, domain: domain.number, to: &out)
        return true
    }

    /// Encodes `key` for a lookup into `out`; false when its domain is unknown, so the key cannot be present.
    func encodeForLookup(_ key: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> Bool {
        out.removeAll(keepingCapacity: true)
        if Self.isLowerHex(key) {
            Self.appendHex(key, to: &out)
            return true
        }
        guard let at = key.lastIndex(of: UInt8(ascii: "@")) else {
            out.append(Self.raw)
            out.append(contentsOf: key)
            return true
        }
        guard let domain = domains.find(UnsafeBufferPointer(rebasing: key[(at + 1)...])) else { return false }
        Self.appendAddress(key, at: at, domain: domain, to: &out)
        return true
    }

    /// The key spelled by `encoded`.
    func decode(_ encoded: UnsafeBufferPointer<UInt8>) -> String {
        guard let tag = encoded.first else { return "" }
        var rest = UnsafeBufferPointer(rebasing: encoded[1...])
        switch tag {
        case Self.hex:
            let digits = Array("0123456789abcdef".utf8)
            var text: [UInt8] = []
            text.reserveCapacity(rest.count * 2)
            for byte in rest {
                text.append(digits[Int(byte >> 4)])
                text.append(digits[Int(byte & 0xF)])
            }
            return String(decoding: text, as: UTF8.self)
        case Self.address:
            var domain = 0
            var shift = 0
            var index = 0
            while index < rest.count {
                let byte = rest[index]
                domain |= Int(byte & 0x7F) << shift
                shift += 7
                index += 1
                if byte & 0x80 == 0 { break }
            }
            rest = UnsafeBufferPointer(rebasing: rest[index...])
            var text = Array(rest)
            text.append(UInt8(ascii: "@"))
            if domain < domains.count { domains.withBytes(domain) { text.append(contentsOf: $0) } }
            return String(decoding: text, as: UTF8.self)
        default:
            return String(decoding: rest, as: UTF8.self)
        }
    }

    private static func isLowerHex(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard key.count >= 2, key.count % 2 == 0 else { return false }
        return key.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    private static func appendHex(_ key: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(hex)
        var index = 0
        while index < key.count {
            out.append(nibble(key[index]) << 4 | nibble(key[index + 1]))
            index += 2
        }
    }

    private static func nibble(_ digit: UInt8) -> UInt8 {
        digit <= 0x39 ? digit - 0x30 : digit - 0x61 + 10
    }

    private static func appendAddress(_ key: UnsafeBufferPointer<UInt8>, at: Int, domain: Int, to out: inout [UInt8]) {
        out.append(address)
        var value = domain
        repeat {
            let low = UInt8(value & 0x7F)
            value >>= 7
            out.append(value == 0 ? low : low | 0x80)
        } while value != 0
        out.append(contentsOf: UnsafeBufferPointer(rebasing: key[..<at]))
    }
}
