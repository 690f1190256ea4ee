// RecordScanner+Fields.swift — turns the scanned record's byte ranges into validated Swift strings.

extension RecordScanner {
    /// The current record's fields as strings, each created once from the bytes in the window.
    ///
    /// - Throws: `CSVError` `.invalidUTF8` at the first byte that is not UTF-8.
    func strings() throws(CSVError) -> [String] {
        // Recipient lists are mostly ASCII: one word-at-a-time pass over the record then spares validating
        // each field separately.
        let record = UnsafeBufferPointer(rebasing: window.bytes[0..<recordEnd])
        let isASCII = Self.isASCII(UnsafeRawBufferPointer(record))
        var strings: [String] = []
        strings.reserveCapacity(fields.count)
        for field in fields {
            strings.append(try string(for: field, knownASCII: isASCII))
        }
        return strings
    }

    /// One field of the current record as a string.
    ///
    /// Invalid UTF-8 is an error, never replaced by U+FFFD. Only the structural bytes (quote, delimiter, CR,
    /// LF) are ASCII, and UTF-8 never uses ASCII values inside a multibyte character, so checking each
    /// field's bytes covers the whole text.
    ///
    /// - Parameters:
    ///   - field: A field of the current record.
    ///   - knownASCII: Whether the caller has checked that the field is ASCII, hence valid UTF-8.
    /// - Returns: The field's value, quotes undoubled.
    /// - Throws: `CSVError` `.invalidUTF8` at the first byte that is not UTF-8.
    func string(for field: Field, knownASCII: Bool = false) throws(CSVError) -> String {
        let raw = UnsafeBufferPointer(start: window.base + window.start + field.start, count: field.end - field.start)
        // Validate before decoding: `String(decoding:as:)` would repair bad bytes with U+FFFD, and the
        // non-repairing `String(validating:as:)` is generic and not specialised, which costs a third of the
        // reader's time in metadata lookups. After this check `String(decoding:)` never repairs anything.
        if !knownASCII, let offset = UTF8Inspector.firstInvalidOffset(in: raw) {
            let suggestion = UTF8Inspector.suggestedEncoding(for: raw, at: offset)
            throw error(.invalidUTF8(byte: raw[offset], suggestedEncoding: suggestion), at: field.start + offset)
        }
        guard field.hasDoubledQuotes else {
            return String(decoding: raw, as: UTF8.self)
        }
        // RFC 4180 §2.7: every quote inside a quoted field is doubled, so keep one and skip the next.
        scratch.removeAll(keepingCapacity: true)
        var index = 0
        while index < raw.count {
            let byte = raw[index]
            scratch.append(byte)
            index += byte == ASCII.quote ? 2 : 1
        }
        return scratch.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether every byte is below 0x80, checked eight bytes at a time.
    private static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let highBits: UInt64 = 0x8080_8080_8080_8080
        var index = 0
        var seen: UInt64 = 0
        while index + 8 <= bytes.count {
            seen |= bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            index += 8
        }
        while index < bytes.count {
            seen |= UInt64(bytes[index])
            index += 1
        }
        return seen & highBits == 0
    }

    /// The error for a record with `fields.count != expected`: placed at the first field too many, or at the
    /// end of the record where a missing field would go.
    func fieldCountError(expected: Int) -> CSVError {
        let found = fields.count
        let offset = found > expected ? fields[expected].origin : recordEnd
        return error(.fieldCountMismatch(expected: expected, found: found), at: offset)
    }
}
