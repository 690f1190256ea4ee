// JournalJSONScanner: a strict, allocation-free reader of the one JSON object on each journal line (RFC 8259).

/// Why a line is not a valid record; the caller turns it into `JournalError.corruptRecord` with the line.
struct JournalScanError: Error {
    var reason: String
}

/// A string value inside the line: the bytes between the quotes, still escaped when `hasEscapes`.
struct JournalJSONString {
    var start: Int
    var end: Int
    var hasEscapes: Bool
}

/// Walks one line's bytes.
///
/// Strict where a torn or damaged line could otherwise pass for a record: the object must close, strings must be valid
/// UTF-8 (RFC 8259 §8.1) with valid escapes and no raw control characters (§7), and nothing but whitespace may follow
/// the object. Unknown members are skipped, so later versions of edm can add fields.
struct JournalJSONScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var position = 0
    private var depth = 0

    /// Nesting deeper than this is refused rather than recursed into (a damaged line must not overflow the stack).
    private static let maximumDepth = 16

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    // MARK: - Structure

    /// Scans `{ "name": value, … }`.
    ///
    /// `member` reads the value of the names it knows (and returns true); values of other names are skipped.
    mutating func object(
        _ member: (inout JournalJSONScanner, UnsafeBufferPointer<UInt8>) throws(JournalScanError) -> Bool
    ) throws(JournalScanError) {
        skipWhitespace()
        try expect(UInt8(ascii: "{"), "expected '{'")
        depth += 1
        guard depth <= Self.maximumDepth else { throw JournalScanError(reason: "objects nested too deeply") }
        skipWhitespace()
        if consume(UInt8(ascii: "}")) {
            depth -= 1
            return
        }
        while true {
            skipWhitespace()
            let name = try string()
            skipWhitespace()
            try expect(UInt8(ascii: ":"), "expected ':' after a member name")
            skipWhitespace()
            let nameBytes = UnsafeBufferPointer(rebasing: bytes[name.start..<name.end])
            if try !member(&self, nameBytes) {
                try skipValue()
            }
            skipWhitespace()
            if consume(UInt8(ascii: ",")) { continue }
            try expect(UInt8(ascii: "}"), "expected ',' or '}'")
            break
        }
        depth -= 1
    }

    /// Requires that only whitespace is left on the line.
    mutating func end() throws(JournalScanError) {
        skipWhitespace()
        guard position == bytes.count else { throw JournalScanError(reason: "unexpected text after the object") }
    }

    /// True when `name` (raw member-name bytes) spells `literal`.
    static func matches(_ name: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        guard name.count == literal.utf8CodeUnitCount else { return false }
        let literalBytes = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        return name.elementsEqual(literalBytes)
    }

    // MARK: - Values

    /// Scans a string value, checking escapes and UTF-8; returns where its content is.
    mutating func string() throws(JournalScanError) -> JournalJSONString {
        try expect(UInt8(ascii: "\""), "expected a string")
        let start = position
        var hasEscapes = false
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return JournalJSONString(start: start, end: position - 1, hasEscapes: hasEscapes)
            } else if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                try escape()
            } else if byte < 0x20 {
                throw JournalScanError(reason: "control character inside a string")
            } else if byte < 0x80 {
                position += 1
            } else {
                try utf8Sequence()
            }
        }
        throw JournalScanError(reason: "unterminated string")
    }

    /// Scans an integer (RFC 8259 §6 without fraction or exponent).
    mutating func integer() throws(JournalScanError) -> Int {
        let negative = consume(UInt8(ascii: "-"))
        let first = position
        var value = 0
        while position < bytes.count, let digit = Self.digitValue(bytes[position]) {
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(digit)
            guard !overflow1, !overflow2 else { throw JournalScanError(reason: "number out of range") }
            value = sum
            position += 1
        }
        guard position > first else { throw JournalScanError(reason: "expected a number") }
        guard position - first == 1 || bytes[first] != UInt8(ascii: "0") else {
            throw JournalScanError(reason: "number with a leading zero")
        }
        if position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"):
                throw JournalScanError(reason: "expected an integer")
            default:
                break
            }
        }
        return negative ? -value : value
    }

    /// Skips any JSON value (used for members this version does not know).
    mutating func skipValue() throws(JournalScanError) {
        guard position < bytes.count else { throw JournalScanError(reason: "expected a value") }
        switch bytes[position] {
        case UInt8(ascii: "\""):
            _ = try string()
        case UInt8(ascii: "{"):
            try object { _, _ in false }
        case UInt8(ascii: "["):
            try skipArray()
        case UInt8(ascii: "t"):
            try literal("true")
        case UInt8(ascii: "f"):
            try literal("false")
        case UInt8(ascii: "n"):
            try literal("null")
        default:
            try skipNumber()
        }
    }

    // MARK: - Decoding strings

    /// The string's text, unescaped (the scanner has validated it).
    func text(_ string: JournalJSONString) -> String {
        if !string.hasEscapes {
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[string.start..<string.end]), as: UTF8.self)
        }
        var out: [UInt8] = []
        appendUnescaped(string, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the string's UTF-8 bytes, unescaped.
    func appendUnescaped(_ string: JournalJSONString, to out: inout [UInt8]) {
        var index = string.start
        while index < string.end {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < string.end else {
                out.append(byte)
                index += 1
                continue
            }
            let kind = bytes[index + 1]
            index += 2
            switch kind {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(at: index)
                index += 4
                if (0xD800...0xDBFF).contains(scalar), index + 6 <= string.end {
                    // A validated high surrogate is always followed by `\u` and a low surrogate.
                    let low = hex4(at: index + 2)
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                }
                Self.appendUTF8(scalar, to: &out)
            default: out.append(kind)  // `"`, `\` and `/` stand for themselves
            }
        }
    }

    // MARK: - Pieces

    private mutating func escape() throws(JournalScanError) {
        position += 1
        guard position < bytes.count else { throw JournalScanError(reason: "unterminated string") }
        switch bytes[position] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            position += 1
        case UInt8(ascii: "u"):
            position += 1
            let scalar = try hexEscapeValue()
            if (0xDC00...0xDFFF).contains(scalar) { throw JournalScanError(reason: "unpaired surrogate escape") }
            if (0xD800...0xDBFF).contains(scalar) {
                guard consume(UInt8(ascii: "\\")), consume(UInt8(ascii: "u")) else {
                    throw JournalScanError(reason: "unpaired surrogate escape")
                }
                let low = try hexEscapeValue()
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw JournalScanError(reason: "unpaired surrogate escape")
                }
            }
        default:
            throw JournalScanError(reason: "invalid escape in a string")
        }
    }

    private mutating func hexEscapeValue() throws(JournalScanError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw JournalScanError(reason: "invalid \\u escape") }
        for offset in 0..<4 where Self.hexValue(bytes[position + offset]) == nil {
            throw JournalScanError(reason: "invalid \\u escape")
        }
        let value = hex4(at: position)
        position += 4
        return value
    }

    private func hex4(at index: Int) -> UInt32 {
        var value: UInt32 = 0
        for offset in 0..<4 {
            value = value << 4 | UInt32(Self.hexValue(bytes[index + offset]) ?? 0)
        }
        return value
    }

    /// Checks one multi-byte UTF-8 sequence (RFC 3629 §4: no overlongs, no surrogates, at most U+10FFFF).
    private mutating func utf8Sequence() throws(JournalScanError) {
        let lead = bytes[position]
        let count: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: count = 2
        case 0xE0: count = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: count = 3
        case 0xED: count = 3; secondRange = 0x80...0x9F
        case 0xF0: count = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: count = 4
        case 0xF4: count = 4; secondRange = 0x80...0x8F
        default: throw JournalScanError(reason: "invalid UTF-8")
        }
        guard position + count <= bytes.count, secondRange.contains(bytes[position + 1]) else {
            throw JournalScanError(reason: "invalid UTF-8")
        }
        for offset in 2..<count where !(0x80...0xBF).contains(bytes[position + offset]) {
            throw JournalScanError(reason: "invalid UTF-8")
        }
        position += count
    }

    private mutating func skipArray() throws(JournalScanError) {
        position += 1
        depth += 1
        guard depth <= Self.maximumDepth else { throw JournalScanError(reason: "arrays nested too deeply") }
        skipWhitespace()
        if !consume(UInt8(ascii: "]")) {
            while true {
                skipWhitespace()
                try skipValue()
                skipWhitespace()
                if consume(UInt8(ascii: ",")) { continue }
                try expect(UInt8(ascii: "]"), "expected ',' or ']'")
                break
            }
        }
        depth -= 1
    }

    private mutating func skipNumber() throws(JournalScanError) {
        let start = position
        scanning: while position < bytes.count {
            switch bytes[position] {
            case 0x30...0x39, UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "e"),
                UInt8(ascii: "E"):
                position += 1
            default:
                break scanning
            }
        }
        guard position > start, Self.digitValue(bytes[position - 1]) != nil else {
            throw JournalScanError(reason: "expected a value")
        }
    }

    private mutating func literal(_ word: StaticString) throws(JournalScanError) {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count,
            Self.matches(UnsafeBufferPointer(rebasing: bytes[position..<position + count]), word)
        else { throw JournalScanError(reason: "expected a value") }
        position += count
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0D, 0x0A: position += 1
            default: return
            }
        }
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    private mutating func expect(_ byte: UInt8, _ reason: String) throws(JournalScanError) {
        guard consume(byte) else {
            throw JournalScanError(reason: position < bytes.count ? reason : "line ends early; \(reason)")
        }
    }

    private static func digitValue(_ byte: UInt8) -> Int? {
        (0x30...0x39).contains(byte) ? Int(byte - 0x30) : nil
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    private static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        guard let value = Unicode.Scalar(scalar) else { return }
        UTF8.encode(value) { out.append($0) }
    }
}
