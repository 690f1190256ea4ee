// TOMLDocumentParser+Values: value dispatch, arrays and inline tables (TOML 1.0.0 §Array, §Inline Table).

extension TOMLDocumentParser {
    /// One value at the cursor. `depth` is the nesting level an array or inline table read here
    /// would have; `owner` and `key` say where it goes, to name inline tables in messages.
    ///
    /// `parseValue`, `parseArray`, `parseInlineTable` and `parseKeyValue` recurse into each other
    /// for nested values, so they only dispatch; scalars and error construction live in separate
    /// `@inline(never)` functions to keep each recursive stack frame small.
    mutating func parseValue(depth: Int, owner: TableBuilder, key: String) throws(TOMLError) -> TOMLValue {
        switch scanner.peek {
        case Byte.leftBracket:
            return try parseArray(depth: depth, owner: owner, key: key)
        case Byte.leftBrace:
            return try parseInlineTable(depth: depth, owner: owner, key: key)
        default:
            return try parseScalar()
        }
    }

    /// `[ v, v, … ]`: newlines, comments and a trailing comma are allowed (§Array).
    private mutating func parseArray(depth: Int, owner: TableBuilder, key: String) throws(TOMLError) -> TOMLValue {
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
            elements.append(try parseValue(depth: depth + 1, owner: owner, key: key))
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
                throw expectedSeparator("',' or ']' after an array element")
            }
        }
    }

    /// `{ k = v, … }` on one line, no trailing comma (§Inline Table, TOML 1.0.0).
    private mutating func parseInlineTable(depth: Int, owner: TableBuilder, key: String) throws(TOMLError)
        -> TOMLValue {
        let table = try openInlineTable(depth: depth, path: owner.path + [key])
        let open = scanner.index - 1
        if scanner.peek == Byte.rightBrace {
            scanner.index += 1
            return .table(table.build())
        }
        while true {
            try checkInlineTableContinues(openedAt: open)
            try parseKeyValue(into: table)
            scanner.skipWhitespace()
            switch scanner.peek {
            case Byte.comma:
                scanner.index += 1
                scanner.skipWhitespace()
                if scanner.peek == Byte.rightBrace {
                    throw trailingComma()
                }
            case Byte.rightBrace:
                scanner.index += 1
                return .table(table.build())
            default:
                try checkInlineTableContinues(openedAt: open)
                throw expectedSeparator("',' or '}' after an inline table entry")
            }
        }
    }

    /// Checks the depth, consumes `{` and following whitespace, and creates the table.
    @inline(never)
    private mutating func openInlineTable(depth: Int, path: [String]) throws(TOMLError) -> TableBuilder {
        let open = scanner.index
        let table = try makeTable(.inline, position: scanner.position(at: open), depth: depth, path: path, at: open)
        scanner.index += 1
        scanner.skipWhitespace()
        return table
    }

    /// Inline tables must stay on one line and cannot hold comments (§Inline Table: "No newlines
    /// are allowed between the curly braces unless they are valid within a value").
    @inline(never)
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

    /// A string, boolean, number or date/time (anything but an array or inline table).
    @inline(never)
    private mutating func parseScalar() throws(TOMLError) -> TOMLValue {
        guard let byte = scanner.peek else {
            throw scanner.error("expected a value, found end of file", at: scanner.index)
        }
        switch byte {
        case Byte.quote, Byte.apostrophe:
            return .string(try scanner.scanString())
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

    // MARK: Errors

    /// "unterminated array: missing ']' before the end of the file", reported at the opening
    /// bracket because that is the line the reader needs to see.
    @inline(never)
    private mutating func unterminated(_ what: String, closer: String, openedAt open: Int) -> TOMLError {
        scanner.error("unterminated \(what): missing '\(closer)' before the end of the file", at: open)
    }

    /// "expected X, found Y" at the cursor.
    @inline(never)
    private mutating func expectedSeparator(_ what: String) -> TOMLError {
        scanner.error("expected \(what), found \(scanner.describe(at: scanner.index))", at: scanner.index)
    }

    /// §Inline Table: "A terminating comma (also called trailing comma) is not permitted".
    @inline(never)
    private mutating func trailingComma() -> TOMLError {
        scanner.error("trailing comma is not allowed in an inline table", at: scanner.index)
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
