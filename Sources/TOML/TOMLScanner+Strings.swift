// TOMLScanner+Strings: the four TOML string forms and their escape sequences (TOML 1.0.0 §String).

extension TOMLScanner {
    /// Scans any string form at the cursor (which is at `"` or `'`).
    mutating func scanString() throws(TOMLError) -> String {
        if matches("\"\"\"") {
            return try scanMultilineBasicString()
        }
        if matches("'''") {
            return try scanMultilineLiteralString()
        }
        if peek == Byte.quote {
            return try scanBasicString()
        }
        return try scanLiteralString()
    }

    /// A basic string: `"…"` with escapes, no newlines (§String, "Basic strings").
    mutating func scanBasicString() throws(TOMLError) -> String {
        let start = index
        index += 1
        // Plain runs are copied in bulk; most strings have no escapes and never touch `buffer`.
        var buffer: [UInt8] = []
        var runStart = index
        while true {
            guard index < bytes.count else {
                throw error("unterminated string: missing closing '\"'", at: start)
            }
            let byte = bytes[index]
            if (byte >= 0x20 && byte != Byte.quote && byte != Byte.backslash && byte != Byte.delete)
                || byte == Byte.tab {
                index += 1
                continue
            }
            switch byte {
            case Byte.quote:
                let text: String
                if buffer.isEmpty {
                    text = String(decoding: bytes[runStart..<index], as: UTF8.self)
                } else {
                    buffer.append(contentsOf: bytes[runStart..<index])
                    text = String(decoding: buffer, as: UTF8.self)
                }
                index += 1
                return text
            case Byte.backslash:
                buffer.append(contentsOf: bytes[runStart..<index])
                try scanEscape(into: &buffer)
                runStart = index
            case Byte.lineFeed:
                throw error("unterminated string: missing closing '\"' before the end of the line", at: start)
            case Byte.carriageReturn where peek(at: 1) == Byte.lineFeed:
                throw error("unterminated string: missing closing '\"' before the end of the line", at: start)
            default:
                throw controlCharacterError(at: index, literal: false)
            }
        }
    }

    /// A multi-line basic string: `"""…"""` (§String, "Multi-line basic strings").
    mutating func scanMultilineBasicString() throws(TOMLError) -> String {
        let start = index
        index += 3
        skipNewlineAfterOpeningDelimiter()
        var buffer: [UInt8] = []
        while true {
            guard index < bytes.count else {
                throw error("unterminated multi-line string: missing closing '\"\"\"'", at: start)
            }
            let byte = bytes[index]
            switch byte {
            case Byte.quote:
                if try closeMultiline(quote: Byte.quote, into: &buffer) {
                    return String(decoding: buffer, as: UTF8.self)
                }
            case Byte.backslash:
                try scanMultilineBackslash(into: &buffer)
            case Byte.lineFeed:
                buffer.append(Byte.lineFeed)
                index += 1
            case Byte.carriageReturn where peek(at: 1) == Byte.lineFeed:
                // The spec lets parsers normalise newlines; LF is what every consumer here expects.
                buffer.append(Byte.lineFeed)
                index += 2
            default:
                if Byte.isControl(byte) {
                    throw controlCharacterError(at: index, literal: false)
                }
                buffer.append(byte)
                index += 1
            }
        }
    }

    /// A literal string: `'…'`, no escapes, no newlines (§String, "Literal strings").
    mutating func scanLiteralString() throws(TOMLError) -> String {
        let start = index
        index += 1
        let contentStart = index
        while true {
            guard index < bytes.count else {
                throw error("unterminated literal string: missing closing \"'\"", at: start)
            }
            let byte = bytes[index]
            if byte == Byte.apostrophe {
                let text = String(decoding: bytes[contentStart..<index], as: UTF8.self)
                index += 1
                return text
            }
            if byte == Byte.lineFeed || (byte == Byte.carriageReturn && peek(at: 1) == Byte.lineFeed) {
                throw error("unterminated literal string: missing closing \"'\" before the end of the line", at: start)
            }
            if Byte.isControl(byte) {
                throw controlCharacterError(at: index, literal: true)
            }
            index += 1
        }
    }

    /// A multi-line literal string: `'''…'''` (§String, "Multi-line literal strings").
    mutating func scanMultilineLiteralString() throws(TOMLError) -> String {
        let start = index
        index += 3
        skipNewlineAfterOpeningDelimiter()
        var buffer: [UInt8] = []
        while true {
            guard index < bytes.count else {
                throw error("unterminated multi-line literal string: missing closing \"'''\"", at: start)
            }
            let byte = bytes[index]
            switch byte {
            case Byte.apostrophe:
                if try closeMultiline(quote: Byte.apostrophe, into: &buffer) {
                    return String(decoding: buffer, as: UTF8.self)
                }
            case Byte.lineFeed:
                buffer.append(Byte.lineFeed)
                index += 1
            case Byte.carriageReturn where peek(at: 1) == Byte.lineFeed:
                buffer.append(Byte.lineFeed)
                index += 2
            default:
                if Byte.isControl(byte) {
                    throw controlCharacterError(at: index, literal: true)
                }
                buffer.append(byte)
                index += 1
            }
        }
    }

    // MARK: Helpers

    /// §String: "A newline immediately following the opening delimiter will be trimmed."
    private mutating func skipNewlineAfterOpeningDelimiter() {
        if peek == Byte.lineFeed {
            index += 1
        } else if peek == Byte.carriageReturn, peek(at: 1) == Byte.lineFeed {
            index += 2
        }
    }

    /// Handles a run of quote characters inside a multi-line string. One or two are content;
    /// three or more close the string, with up to two extra quotes before the delimiter being
    /// content (§String: `""""` … `"""""` end with one or two quotes). Returns whether it closed.
    private mutating func closeMultiline(quote: UInt8, into buffer: inout [UInt8]) throws(TOMLError) -> Bool {
        var run = 0
        while run < 5, index + run < bytes.count, bytes[index + run] == quote {
            run += 1
        }
        if run == 5, peek(at: 5) == quote {
            let mark = quote == Byte.quote ? "'\"\"\"'" : "\"'''\""
            throw error("too many quotes: at most two may come right before the closing \(mark)", at: index)
        }
        index += run
        if run >= 3 {
            buffer.append(contentsOf: repeatElement(quote, count: run - 3))
            return true
        }
        buffer.append(contentsOf: repeatElement(quote, count: run))
        return false
    }

    /// A backslash in a multi-line basic string: either a line-ending backslash, which trims all
    /// following whitespace and newlines (§String), or an ordinary escape.
    private mutating func scanMultilineBackslash(into buffer: inout [UInt8]) throws(TOMLError) {
        var look = index + 1
        while look < bytes.count, bytes[look] == Byte.space || bytes[look] == Byte.tab {
            look += 1
        }
        let endsLine = look < bytes.count && (bytes[look] == Byte.lineFeed
            || (bytes[look] == Byte.carriageReturn && look + 1 < bytes.count && bytes[look + 1] == Byte.lineFeed))
        if endsLine {
            index = look
            while index < bytes.count {
                let byte = bytes[index]
                if byte == Byte.space || byte == Byte.tab || byte == Byte.lineFeed {
                    index += 1
                } else if byte == Byte.carriageReturn, peek(at: 1) == Byte.lineFeed {
                    index += 2
                } else {
                    break
                }
            }
        } else if look > index + 1 {
            throw error("invalid escape: a line-ending backslash may only be followed by whitespace and a newline",
                        at: index)
        } else {
            try scanEscape(into: &buffer)
        }
    }

    /// An escape sequence at the cursor (which is at the backslash), appended to `buffer` as UTF-8.
    /// §String lists the only valid escapes: `\b \t \n \f \r \" \\ \uXXXX \UXXXXXXXX`.
    private mutating func scanEscape(into buffer: inout [UInt8]) throws(TOMLError) {
        let start = index
        guard let next = peek(at: 1) else {
            throw error("unterminated string: file ends after a backslash", at: start)
        }
        let simple: UInt8?
        switch next {
        case 0x62: simple = 0x08            // \b
        case 0x74: simple = Byte.tab        // \t
        case 0x6E: simple = Byte.lineFeed   // \n
        case 0x66: simple = 0x0C            // \f
        case 0x72: simple = Byte.carriageReturn // \r
        case Byte.quote: simple = Byte.quote
        case Byte.backslash: simple = Byte.backslash
        default: simple = nil
        }
        if let simple {
            buffer.append(simple)
            index += 2
            return
        }
        if next == 0x75 || next == 0x55 {   // \u or \U
            try scanUnicodeEscape(digits: next == 0x75 ? 4 : 8, into: &buffer)
            return
        }
        if next == Byte.lineFeed || next == Byte.carriageReturn {
            throw error("invalid escape: a backslash at the end of a line is only allowed in multi-line strings",
                        at: start)
        }
        let shown = describe(at: index + 1)
        if next >= 0x21 && next < 0x7F {
            throw error("invalid escape sequence '\\\(Character(Unicode.Scalar(next)))'", at: start)
        }
        throw error("invalid escape sequence: backslash followed by \(shown)", at: start)
    }

    /// `\uXXXX` or `\UXXXXXXXX`: exactly `digits` hex digits naming a Unicode scalar value.
    private mutating func scanUnicodeEscape(digits: Int, into buffer: inout [UInt8]) throws(TOMLError) {
        let start = index
        let letter = digits == 4 ? "u" : "U"
        var value: UInt32 = 0
        for offset in 0..<digits {
            guard let byte = peek(at: 2 + offset), let digit = Byte.hexValue(byte) else {
                throw error("invalid unicode escape: '\\\(letter)' must be followed by exactly \(digits) hex digits",
                            at: start)
            }
            value = value << 4 | digit
        }
        let text = String(decoding: bytes[(start + 2)..<(start + 2 + digits)], as: UTF8.self)
        guard let scalar = Unicode.Scalar(value) else {
            throw error("invalid unicode escape '\\\(letter)\(text)': not a Unicode scalar value "
                        + "(surrogates and values above U+10FFFF are not allowed)", at: start)
        }
        UTF8.encode(scalar) { buffer.append($0) }
        index += 2 + digits
    }

    /// "control character U+0007 in string" with a hint about how to write it instead.
    private mutating func controlCharacterError(at offset: Int, literal: Bool) -> TOMLError {
        let value = UInt32(bytes[offset])
        if bytes[offset] == Byte.carriageReturn {
            return error("bare carriage return (U+000D) in string: a line ending must be LF or CRLF", at: offset)
        }
        let name = Self.scalarName(value)
        let escape = "\\u" + String(Self.codePoint(value).dropFirst(2))
        if literal {
            return error("\(name) in literal string (use a basic string with the escape \(escape))", at: offset)
        }
        return error("\(name) in string (use the escape \(escape))", at: offset)
    }
}
