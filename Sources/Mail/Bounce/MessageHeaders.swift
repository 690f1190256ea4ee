// MessageHeaders: an RFC 5322 §2.2 header section, unfolded (§2.2.3), with case-insensitive look-up.

/// The header fields of a message or MIME entity, in order. Values are unfolded but not RFC 2047-decoded
/// (use `text(_:)` for that); raw 8-bit values are read as UTF-8 (RFC 6532) or GB18030.
public struct MessageHeaders: Sendable {
    public struct Field: Sendable, Equatable {
        /// The name as written.
        public var name: String
        /// The unfolded value without leading white space.
        public var value: String
    }

    public private(set) var fields: [Field] = []
    private var lowerNames: [String] = []

    public init() {}

    /// Most fields kept from one header section; later ones are skipped (the body is still found). Real mail
    /// has a few dozen (a long relay path, a hundred or so); the bound keeps a hostile header section of
    /// millions of one-byte fields from costing an allocation each.
    static let maximumFields = 1000

    /// The first value of `name` (case-insensitive), unfolded and trimmed.
    public subscript(_ name: String) -> String? {
        let lower = name.lowercased()
        guard let index = lowerNames.firstIndex(of: lower) else { return nil }
        return fields[index].value.trimmingASCIISpace()
    }

    /// Every value of `name`, in order.
    public func all(_ name: String) -> [String] {
        let lower = name.lowercased()
        return zip(lowerNames, fields).filter { $0.0 == lower }.map { $0.1.value.trimmingASCIISpace() }
    }

    /// The first value of `name` with RFC 2047 encoded-words decoded.
    public func text(_ name: String) -> String? {
        self[name].map(EncodedWordDecoder.decode)
    }

    mutating func append(name: String, value: String) {
        fields.append(Field(name: name, value: value))
        lowerNames.append(name.lowercased())
    }

    /// Parses the header section at the start of `bytes`.
    ///
    /// - Returns: the headers, the index where the body starts, and whether the header lines looked like
    ///   mail (every line before the blank line a field, a continuation, or an mbox `From ` line).
    static func parse(_ bytes: ArraySlice<UInt8>) -> (headers: MessageHeaders, bodyStart: Int, wellFormed: Bool) {
        var headers = MessageHeaders()
        var wellFormed = true
        var index = bytes.startIndex
        var currentName: String?
        var currentValue: [UInt8] = []

        func finish() {
            if let name = currentName, headers.fields.count < maximumFields {
                headers.append(name: name, value: CharsetDecoder.decodeRawHeader(currentValue[...]))
            }
            currentName = nil
            currentValue = []
        }

        var isFirstLine = true
        while index < bytes.endIndex {
            let lineEnd = bytes[index...].firstIndex(of: 0x0A) ?? bytes.endIndex
            var contentEnd = lineEnd
            if contentEnd > index, bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            let next = lineEnd < bytes.endIndex ? lineEnd + 1 : lineEnd
            let line = bytes[index..<contentEnd]
            if line.isEmpty {
                finish()
                return (headers, next, wellFormed && !headers.fields.isEmpty)
            }
            defer { isFirstLine = false }
            if let first = line.first, first == 0x20 || first == 0x09 {
                // RFC 5322 §2.2.3: unfolding removes the CRLF before white space.
                if currentName != nil { currentValue.append(contentsOf: line) } else { wellFormed = false }
                index = next
                continue
            }
            if isFirstLine, line.starts(with: [0x46, 0x72, 0x6F, 0x6D, 0x20]) {   // mbox "From " line
                index = next
                continue
            }
            // RFC 5322 §3.6.8: field-name is printable US-ASCII except colon, then ":".
            guard let colon = line.firstIndex(of: 0x3A), colon > line.startIndex,
                  line[line.startIndex..<colon].allSatisfy({ $0 > 0x20 && $0 < 0x7F })
            else {
                // Not a header line: the header section is damaged; treat the rest as body. A last line cut
                // off without its line end is a truncated file, not a damaged one.
                finish()
                return (headers, index, lineEnd == bytes.endIndex && wellFormed && !headers.fields.isEmpty)
            }
            finish()
            currentName = String(decoding: line[line.startIndex..<colon], as: UTF8.self)
            var valueStart = colon + 1
            while valueStart < line.endIndex, line[valueStart] == 0x20 || line[valueStart] == 0x09 { valueStart += 1 }
            currentValue = Array(line[valueStart...])
            index = next
        }
        finish()
        return (headers, bytes.endIndex, wellFormed && !headers.fields.isEmpty)
    }
}
