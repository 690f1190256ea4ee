// TOMLDocumentParser+Values: value dispatch, arrays and inline tables (TOML 1.0.0 §Array, §Inline Table).

extension TOMLDocumentParser {
    /// One value at the cursor. `depth` is the nesting level an array or inline table read here
    /// would have; `path` names the key for messages.
    mutating func parseValue(depth: Int, path: [String]) throws(TOMLError) -> TOMLValue {
        guard let byte = scanner.peek else {
            throw scanner.error("expected a value, found end of file", at: scanner.index)
        }
        switch byte {
        case Byte.quote, Byte.apostrophe:
            return .string(try scanner.scanString())
        case Byte.leftBracket:
            return try parseArray(depth: depth, path: path)
        case Byte.leftBrace:
            return try parseInlineTable(depth: depth, path: path)
        case 0x74, 0x66:   // t, f
            let start = scanner.index
            let word = scanWord()
            if word == "true" || word == "false" {
                return .boolean(word == "true")
            }
            throw invalidWord(word, at: start)
        case 0x69, 0x6E:   // i, n: only inf and nan
            let start = scanner.index
            let word = scanWord()
            guard word == "inf" || word == "nan" else {
                throw invalidWord(word, at: start)
            }
            return .float(word == "inf" ? Double.infinity : Double.nan)
        case Byte.plus, Byte.minus, Byte.zero...Byte.nine:
            return try scanner.scanNumberOrDateTime()
        default:
            let start = scanner.index
            let word = scanWord()
            if !word.isEmpty {
                throw invalidWord(word, at: start)
            }
            throw scanner.error("expected a value, found \(scanner.describe(at: start))", at: start)
        }
    }

    /// `[ v, v, … ]`: newlines, comments and a trailing comma are allowed (§Array).
    private mutating func parseArray(depth: Int, path: [String]) throws(TOMLError) -> TOMLValue {
        let open = scanner.index
        guard depth <= TOMLParser.maxNestingDepth else {
            throw tooDeep(at: open)
        }
        scanner.index += 1
        var elements: [TOMLValue] = []
        while true {
            try scanner.skipWhitespaceCommentsAndNewlines()
            if scanner.peek == Byte.rightBracket {
                scanner.index += 1
                return .array(elements)
            }
            if scanner.atEnd {
                throw unterminated("array", closer: "]", openedAt: open)
            }
            elements.append(try parseValue(depth: depth + 1, path: path))
            try scanner.skipWhitespaceCommentsAndNewlines()
            switch scanner.peek {
            case Byte.comma:
                scanner.index += 1
            case Byte.rightBracket:
                scanner.index += 1
                return .array(elements)
            case nil:
                throw unterminated("array", closer: "]", openedAt: open)
            default:
                throw scanner.error("expected ',' or ']' after an array element, found "
                                    + scanner.describe(at: scanner.index), at: scanner.index)
            }
        }
    }

    /// `{ k = v, … }` on one line, no trailing comma (§Inline Table, TOML 1.0.0).
    private mutating func parseInlineTable(depth: Int, path: [String]) throws(TOMLError) -> TOMLValue {
        let open = scanner.index
        let position = scanner.position(at: open)
        let table = try makeTable(.inline, position: position, depth: depth, path: path, at: open)
        scanner.index += 1
        scanner.skipWhitespace()
        if scanner.peek == Byte.rightBrace {
            scanner.index += 1
            return .table(table.build())
        }
        while true {
            scanner.skipWhitespace()
            try checkInlineTableContinues(openedAt: open)
            try parseKeyValue(into: table)
            scanner.skipWhitespace()
            switch scanner.peek {
            case Byte.comma:
                scanner.index += 1
                scanner.skipWhitespace()
                if scanner.peek == Byte.rightBrace {
                    throw scanner.error("trailing comma is not allowed in an inline table", at: scanner.index)
                }
            case Byte.rightBrace:
                scanner.index += 1
                return .table(table.build())
            default:
                try checkInlineTableContinues(openedAt: open)
                throw scanner.error("expected ',' or '}' after an inline table entry, found "
                                    + scanner.describe(at: scanner.index), at: scanner.index)
            }
        }
    }

    /// Inline tables must stay on one line and cannot hold comments (§Inline Table: "No newlines
    /// are allowed between the curly braces unless they are valid within a value").
    private mutating func checkInlineTableContinues(openedAt open: Int) throws(TOMLError) {
        if scanner.atEnd {
            throw unterminated("inline table", closer: "}", openedAt: open)
        }
        if scanner.atNewline {
            throw scanner.error("newline in inline table: inline tables must be on a single line "
                                + "(use a [table] section for longer tables)", at: scanner.index)
        }
        if scanner.peek == Byte.hash {
            throw scanner.error("comments are not allowed inside an inline table", at: scanner.index)
        }
    }

    /// "unterminated array: missing ']' (opened at line L, column C)", reported at the end of file.
    private mutating func unterminated(_ what: String, closer: String, openedAt open: Int) -> TOMLError {
        let opened = scanner.position(at: open)
        return scanner.error("unterminated \(what): missing '\(closer)' (opened at line \(opened.line), "
                             + "column \(opened.column))", at: scanner.index)
    }

    /// A run of bare-word characters (letters, digits, `_`, `-`, `.`), for reading booleans and
    /// reporting unquoted text.
    private mutating func scanWord() -> String {
        let start = scanner.index
        while let byte = scanner.peek, Byte.isBareKey(byte) || byte == Byte.dot {
            scanner.index += 1
        }
        return String(decoding: scanner.bytes[start..<scanner.index], as: UTF8.self)
    }

    /// The error for a bare word where a value was expected.
    private mutating func invalidWord(_ word: String, at offset: Int) -> TOMLError {
        switch word.lowercased() {
        case "true", "false":
            return scanner.error("invalid value '\(word)': booleans are lower-case 'true' or 'false'", at: offset)
        case "inf", "nan":
            return scanner.error("invalid value '\(word)': special floats are lower-case 'inf' or 'nan'", at: offset)
        default:
            return scanner.error("invalid value '\(word)' (strings must be quoted)", at: offset)
        }
    }
}
