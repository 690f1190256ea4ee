// AddressLiteral: RFC 5321 §4.1.3 address literals, `[192.0.2.1]` and `[IPv6:2001:db8::1]`.

/// Validates address literals for the rare sender that allows them (`AddressOptions.allowIPLiterals`).
enum AddressLiteral {
    /// Validates `bytes` (including the brackets) and returns the literal with the IPv6 tag and hex
    /// digits in a canonical case. General-address-literals (other tags) are refused.
    static func validate(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<String, AddressError> {
        let invalid = AddressError(.invalidIPLiteral, "the address literal is not a valid IPv4 or IPv6 address")
        guard bytes.count >= 3, bytes[bytes.count - 1] == ASCII.rightBracket else { return .failure(invalid) }
        let inner = Array(bytes[1..<(bytes.count - 1)])
        let tag = Array("ipv6:".utf8)
        if inner.count > tag.count, zip(inner, tag).allSatisfy({ ASCII.lowercased($0) == $1 }) {
            let address = Array(inner[tag.count...]).map(ASCII.lowercased)
            guard isIPv6(address) else { return .failure(invalid) }
            return .success("[IPv6:" + String(decoding: address, as: UTF8.self) + "]")
        }
        guard isIPv4(inner[...]) else { return .failure(invalid) }
        return .success("[" + String(decoding: inner, as: UTF8.self) + "]")
    }

    /// RFC 5321 §4.1.3 IPv4-address-literal: four decimal octets 0–255.
    static func isIPv4(_ bytes: ArraySlice<UInt8>) -> Bool {
        let parts = bytes.split(separator: ASCII.dot, omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy(ASCII.isDigit) else { return false }
            let value = part.reduce(0) { $0 * 10 + Int($1 - ASCII.zero) }
            guard value <= 255, part.count == 1 || part.first != ASCII.zero else { return false }
        }
        return true
    }

    /// RFC 5321 §4.1.3 IPv6-addr: full, compressed with `::`, and with an IPv4 tail. As RFC 4291 §2.2
    /// allows, `::` may stand for a single group.
    static func isIPv6(_ bytes: [UInt8]) -> Bool {
        var text = bytes[...]
        var groupLimit = 8
        if let lastColon = text.lastIndex(of: ASCII.colon), text[(lastColon + 1)...].contains(ASCII.dot) {
            guard isIPv4(text[(lastColon + 1)...]) else { return false }
            groupLimit = 6
            let keepsDoubleColon = lastColon > text.startIndex && text[lastColon - 1] == ASCII.colon
            text = keepsDoubleColon ? text[...lastColon] : text[..<lastColon]
        }
        guard let doubleColon = firstDoubleColon(text) else {
            let groups = text.split(separator: ASCII.colon, omittingEmptySubsequences: false)
            return groups.count == groupLimit && groups.allSatisfy(isHexGroup)
        }
        let head = text[..<doubleColon]
        let tail = text[(doubleColon + 2)...]
        if firstDoubleColon(tail) != nil { return false }
        let headGroups = head.isEmpty ? [] : head.split(separator: ASCII.colon, omittingEmptySubsequences: false)
        let tailGroups = tail.isEmpty ? [] : tail.split(separator: ASCII.colon, omittingEmptySubsequences: false)
        guard headGroups.allSatisfy(isHexGroup), tailGroups.allSatisfy(isHexGroup) else { return false }
        return headGroups.count + tailGroups.count <= groupLimit - 1
    }

    private static func firstDoubleColon(_ text: ArraySlice<UInt8>) -> Int? {
        var index = text.startIndex
        while index + 1 < text.endIndex {
            if text[index] == ASCII.colon && text[index + 1] == ASCII.colon { return index }
            index += 1
        }
        return nil
    }

    private static func isHexGroup(_ group: ArraySlice<UInt8>) -> Bool {
        (1...4).contains(group.count) && group.allSatisfy { ASCII.isDigit($0) || (0x61...0x66).contains($0) }
    }
}
