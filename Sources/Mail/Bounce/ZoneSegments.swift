// ZoneSegments: the diagnostic text of a bounce split among the addresses it lists, in one scan.

/// Each listed address's part of the report text: from its first mention to the next mention of another
/// listed address (or the end). An address the text never mentions, or the only address, gets all of it.
///
/// Built with one scan of the text, and each part is cut at `maxSegmentBytes`: working this out per address
/// (a scan of the whole text each, and the whole text as the part of every unmentioned address) made a
/// bounce listing thousands of addresses quadratic, minutes for 5,000 (found by timing large inputs on the
/// fuzz target; docs/fuzzing.md).
struct ZoneSegments {
    /// The most of one part that classification reads. The words that matter (status, reply code, reason)
    /// come right after the address; real reports are a few kilobytes.
    static let maxSegmentBytes = 16 * 1024

    private let bytes: [UInt8]
    /// Lower-cased address → its part, for texts that list more than one address.
    private let ranges: [String: Range<Int>]

    init(zone: String, addresses: [String]) {
        bytes = Array(zone.utf8)
        let listed = Set(addresses.map { $0.lowercased() })
        var ranges: [String: Range<Int>] = [:]
        if listed.count > 1 {
            let mentions = TextScanner.addresses(in: zone)
                .map { (address: $0.address.lowercased(), offset: $0.offset) }
                .filter { listed.contains($0.address) }
            var index = 0
            while index < mentions.count {
                let current = mentions[index]
                // Further mentions of the same address stay in its part.
                var next = index + 1
                while next < mentions.count, mentions[next].address == current.address { next += 1 }
                let end = next < mentions.count ? mentions[next].offset : bytes.count
                if ranges[current.address] == nil { ranges[current.address] = current.offset..<end }
                index = next
            }
        }
        self.ranges = ranges
    }

    /// The part of the text about `address`.
    func text(for address: String) -> String {
        let range = ranges[address.lowercased()] ?? 0..<bytes.count
        return String(decoding: bytes[range].prefix(Self.maxSegmentBytes), as: UTF8.self)
    }
}
