// TOMLScanner: a byte cursor over a UTF-8 TOML document with whitespace, comment and position helpers.

/// The low-level cursor the parser reads through.
///
/// The whole document is validated as UTF-8 up front (TOML 1.0.0 §Spec: "A TOML file must be a
/// valid UTF-8 encoded Unicode document"), which also records where every line starts. After that
/// the scanner works on raw bytes, and only turns byte offsets into line/column positions when a
/// position is actually needed (keys, values, errors).
struct TOMLScanner {
    /// The document bytes.
    let bytes: [UInt8]
    /// The offset of the next unread byte.
    var index: Int
    /// Byte offsets where each line starts; `lineStarts[0]` skips a leading byte order mark.
    private let lineStarts: [Int]
    /// The last position computed, so positions requested in increasing order on one long line
    /// are found incrementally instead of recounting the line each time.
    private var cachedOffset = -1
    private var cachedLine = 0
    private var cachedColumn = 0

    /// Validates `bytes` as UTF-8 and positions the cursor after an optional byte order mark.
    init(bytes: [UInt8]) throws(TOMLError) {
        self.bytes = bytes
        let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        index = hasBOM ? 3 : 0
        var starts = [index]
        if let bad = Self.validateUTF8(bytes, from: index, lineStarts: &starts) {
            lineStarts = starts
            let byte = bytes[bad]
            let hex = String(byte, radix: 16, uppercase: true)
            throw error("invalid UTF-8: unexpected byte 0x\(hex.count < 2 ? "0" + hex : hex)", at: bad)
        }
        lineStarts = starts
    }

    // MARK: Cursor

    /// Whether every byte has been read.
    var atEnd: Bool { index >= bytes.count }

    /// The next byte, or `nil` at the end.
    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// The byte `distance` ahead of the cursor, or `nil` past the end.
    func peek(at distance: Int) -> UInt8? {
        index + distance < bytes.count ? bytes[index + distance] : nil
    }

    /// Whether the bytes at the cursor spell `literal`.
    func matches(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else {
            return false
        }
        let pointer = literal.utf8Start
        for offset in 0..<count where bytes[index + offset] != pointer[offset] {
            return false
        }
        return true
    }

    /// Skips spaces and tabs, TOML's only whitespace (§Spec: "Whitespace means tab or space").
    mutating func skipWhitespace() {
        while index < bytes.count, bytes[index] == Byte.space || bytes[index] == Byte.tab {
            index += 1
        }
    }

    /// Whether the cursor is at a newline (LF or CR).
    var atNewline: Bool {
        guard let byte = peek else {
            return false
        }
        return byte == Byte.lineFeed || byte == Byte.carriageReturn
    }

    /// Consumes LF or CRLF; a CR not followed by LF is an error (§Spec: "Newline means LF or CRLF").
    mutating func consumeNewline() throws(TOMLError) {
        if peek == Byte.carriageReturn {
            guard peek(at: 1) == Byte.lineFeed else {
                throw error("bare carriage return (U+000D): a line ending must be LF or CRLF", at: index)
            }
            index += 2
        } else if peek == Byte.lineFeed {
            index += 1
        }
    }

    /// If the cursor is at `#`, skips the comment up to (not including) the line ending.
    ///
    /// §Comment: control characters other than tab are not permitted in comments.
    mutating func skipComment() throws(TOMLError) {
        guard peek == Byte.hash else {
            return
        }
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == Byte.lineFeed {
                return
            }
            if byte == Byte.carriageReturn {
                if peek(at: 1) == Byte.lineFeed {
                    return
                }
                throw error("bare carriage return (U+000D): a line ending must be LF or CRLF", at: index)
            }
            if Byte.isControl(byte) {
                throw error("\(Self.scalarName(UInt32(byte))) is not allowed in a comment", at: index)
            }
            index += 1
        }
    }

    /// Skips whitespace, comments and newlines, as allowed between array elements (§Array).
    mutating func skipWhitespaceCommentsAndNewlines() throws(TOMLError) {
        while true {
            skipWhitespace()
            try skipComment()
            guard atNewline else {
                return
            }
            try consumeNewline()
        }
    }

    /// After a key/value pair or table header: optional whitespace and comment, then a newline
    /// or the end of the document (§Keys: "there must be a newline (or EOF) after a key/value pair").
    mutating func expectLineEnd(after what: String) throws(TOMLError) {
        skipWhitespace()
        try skipComment()
        if atEnd {
            return
        }
        guard atNewline else {
            throw error("expected a newline after \(what), found \(describe(at: index))", at: index)
        }
        try consumeNewline()
    }

    // MARK: Positions and errors

    /// The line/column of byte `offset` (which may be the end of the document).
    mutating func position(at offset: Int) -> TOMLPosition {
        let line: Int
        var column: Int
        var from: Int
        if cachedOffset >= 0, offset >= cachedOffset, cachedLine < lineStarts.count,
           cachedLine + 1 >= lineStarts.count || offset < lineStarts[cachedLine + 1] {
            line = cachedLine
            column = cachedColumn
            from = cachedOffset
        } else if cachedOffset >= 0, offset >= cachedOffset, cachedLine + 2 < lineStarts.count,
                  offset < lineStarts[cachedLine + 2] {
            // Positions are mostly requested in document order, often on the next line.
            line = cachedLine + 1
            column = 1
            from = lineStarts[line]
        } else {
            line = lineIndex(containing: offset)
            column = 1
            from = lineStarts[line]
        }
        let end = min(offset, bytes.count)
        while from < end {
            // Count scalars: every byte that is not a UTF-8 continuation byte starts one.
            if bytes[from] & 0xC0 != 0x80 {
                column += 1
            }
            from += 1
        }
        cachedOffset = offset
        cachedLine = line
        cachedColumn = column
        return TOMLPosition(line: line + 1, column: column)
    }

    /// The position of the cursor.
    mutating func currentPosition() -> TOMLPosition {
        position(at: index)
    }

    /// An error at byte `offset`, quoting that line.
    mutating func error(_ message: String, at offset: Int) -> TOMLError {
        let position = position(at: offset)
        return TOMLError(message, at: position, sourceLine: sourceLine(number: position.line))
    }

    /// An error at an already computed position.
    func error(_ message: String, at position: TOMLPosition) -> TOMLError {
        TOMLError(message, at: position, sourceLine: sourceLine(number: position.line))
    }

    /// The text of 1-based line `number` without its line ending, with control characters made
    /// visible and invalid UTF-8 replaced.
    func sourceLine(number: Int) -> String {
        guard number >= 1, number <= lineStarts.count else {
            return ""
        }
        let start = lineStarts[number - 1]
        // Search for the line end rather than trusting `lineStarts`, which stops early when the
        // UTF-8 check fails part-way through the document.
        var end = start
        while end < bytes.count, bytes[end] != Byte.lineFeed {
            end += 1
        }
        if end > start, end < bytes.count, bytes[end - 1] == Byte.carriageReturn {
            end -= 1
        }
        guard start < end else {
            return ""
        }
        return TOMLError.visible(String(decoding: bytes[start..<end], as: UTF8.self))
    }

    /// A short description of what is at `offset` for "expected X, found Y" messages.
    func describe(at offset: Int) -> String {
        guard offset < bytes.count else {
            return "end of file"
        }
        let byte = bytes[offset]
        if byte == Byte.lineFeed || (byte == Byte.carriageReturn && offset + 1 < bytes.count
                                        && bytes[offset + 1] == Byte.lineFeed) {
            return "end of line"
        }
        if Byte.isControl(byte) {
            return Self.scalarName(UInt32(byte))
        }
        if byte == Byte.apostrophe {
            return "\"'\""
        }
        if byte < 0x80 {
            return "'\(Character(Unicode.Scalar(byte)))'"
        }
        let scalar = decodeScalar(at: offset)
        return "'\(Character(scalar))' (\(Self.codePoint(scalar.value)))"
    }

    /// `U+0007`-style notation for a code point.
    static func codePoint(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// "control character U+0007" / "tab" etc., for messages about a specific scalar.
    static func scalarName(_ value: UInt32) -> String {
        switch value {
        case 0x0A: return "newline"
        case 0x0D: return "carriage return (U+000D)"
        case 0x7F: return "delete character U+007F"
        default: return "control character " + codePoint(value)
        }
    }

    /// Decodes the (already validated) UTF-8 scalar starting at `offset`.
    func decodeScalar(at offset: Int) -> Unicode.Scalar {
        let lead = bytes[offset]
        var value: UInt32
        var count: Int
        switch lead {
        case 0..<0x80: return Unicode.Scalar(lead)
        case 0xC0..<0xE0: value = UInt32(lead & 0x1F); count = 1
        case 0xE0..<0xF0: value = UInt32(lead & 0x0F); count = 2
        default: value = UInt32(lead & 0x07); count = 3
        }
        for step in 1...count where offset + step < bytes.count {
            value = value << 6 | UInt32(bytes[offset + step] & 0x3F)
        }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    /// The 0-based line index containing `offset` (binary search over `lineStarts`).
    private func lineIndex(containing offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset {
                low = mid
            } else {
                high = mid - 1
            }
        }
        return low
    }

    /// Validates UTF-8 from `start` (rejecting overlong forms, surrogates and values above
    /// U+10FFFF) while recording the start of every line. Returns the offset of the first bad byte.
    private static func validateUTF8(_ bytes: [UInt8], from start: Int, lineStarts: inout [Int]) -> Int? {
        var index = start
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                if lead == Byte.lineFeed {
                    lineStarts.append(index)
                }
                continue
            }
            let length: Int
            var lowerBound: UInt8 = 0x80
            var upperBound: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF:
                length = 2
            case 0xE0:
                length = 3
                lowerBound = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF:
                length = 3
            case 0xED:
                length = 3
                upperBound = 0x9F
            case 0xF0:
                length = 4
                lowerBound = 0x90
            case 0xF1...0xF3:
                length = 4
            case 0xF4:
                length = 4
                upperBound = 0x8F
            default:
                return index
            }
            for step in 1..<length {
                guard index + step < count else {
                    return index
                }
                let byte = bytes[index + step]
                let low = step == 1 ? lowerBound : 0x80
                let high = step == 1 ? upperBound : 0xBF
                guard byte >= low, byte <= high else {
                    return index
                }
            }
            index += length
        }
        return nil
    }
}
