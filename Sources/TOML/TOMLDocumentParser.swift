// TOMLDocumentParser: document structure — expressions, table headers and key placement (TOML 1.0.0 §Table, §Keys).

/// Reads a whole document: one expression per line (§Spec: key/value pair, table header, or
/// nothing, each optionally followed by a comment), placing every key into the table tree while
/// enforcing the rules about defining tables once.
struct TOMLDocumentParser {
    /// The byte cursor.
    var scanner: TOMLScanner
    /// The document's root table.
    let root: TableBuilder
    /// The table that key/value lines currently go into (the last header's table).
    var current: TableBuilder

    /// Validates the bytes and prepares to parse.
    init(bytes: [UInt8]) throws(TOMLError) {
        scanner = try TOMLScanner(bytes: bytes)
        root = TableBuilder(origin: .root, position: .start, depth: 0, path: [])
        current = root
    }

    /// Parses every expression and returns the finished root table.
    mutating func parseDocument() throws(TOMLError) -> TOMLTable {
        while true {
            scanner.skipWhitespace()
            guard let byte = scanner.peek else {
                break
            }
            switch byte {
            case Byte.hash, Byte.lineFeed, Byte.carriageReturn:
                try scanner.expectLineEnd(after: "the comment")
            case Byte.leftBracket:
                try parseTableHeader()
                try scanner.expectLineEnd(after: "the table header")
            default:
                try parseKeyValue(into: current)
                try scanner.expectLineEnd(after: "the value")
            }
        }
        return root.build()
    }

    // MARK: Key/value pairs

    /// A key that has been read and placed, waiting for its value.
    struct PendingKey {
        /// The table the value goes into (after following any dotted parts).
        let target: TableBuilder
        /// The final key part.
        let name: String
        let keyPosition: TOMLPosition
        let valuePosition: TOMLPosition
    }

    /// `key = value`, into `table` (the current section or an inline table being read).
    ///
    /// This function is on the recursion path for nested inline tables, so everything except
    /// reading the value lives in ``readKey(into:)`` to keep this stack frame small.
    mutating func parseKeyValue(into table: TableBuilder) throws(TOMLError) {
        let pending = try readKey(into: table)
        let value = try parseValue(depth: pending.target.depth + 1, owner: pending.target, key: pending.name)
        pending.target.insert(pending.name, .value(value), keyPosition: pending.keyPosition,
                              valuePosition: pending.valuePosition)
    }

    /// Reads `key =` and places the key, reporting a duplicate at the key before the value is read.
    @inline(never)
    private mutating func readKey(into table: TableBuilder) throws(TOMLError) -> PendingKey {
        let parts = try scanner.scanKey()
        guard let last = parts.last else {
            throw scanner.error("expected a key, found \(scanner.describe(at: scanner.index))", at: scanner.index)
        }
        scanner.skipWhitespace()
        guard scanner.peek == Byte.equals else {
            let key = TOMLScanner.displayKey(parts.map(\.name))
            throw scanner.error("expected '=' after key '\(key)', found \(scanner.describe(at: scanner.index))",
                                at: scanner.index)
        }
        scanner.index += 1
        scanner.skipWhitespace()

        var target = table
        for part in parts.dropLast() {
            target = try descendForDottedKey(from: target, part: part)
        }
        if let existing = target.slot(last.name) {
            throw scanner.error("duplicate key '\(TOMLScanner.displayKey(target.path + [last.name]))' "
                                + "(first defined at line \(existing.keyPosition.line))", at: last.offset)
        }
        let keyPosition = scanner.position(at: last.offset)
        return PendingKey(target: target, name: last.name, keyPosition: keyPosition,
                          valuePosition: scanner.currentPosition())
    }

    /// Follows or creates the table named by one non-final part of a dotted key.
    ///
    /// §Keys/§Table: dotted keys create tables, and may extend tables created by earlier dotted
    /// keys (or implicitly by a header path), but not tables defined with a `[header]`, arrays of
    /// tables, inline tables, or non-table values.
    private mutating func descendForDottedKey(from table: TableBuilder, part: KeyPart) throws(TOMLError)
        -> TableBuilder {
        guard let slot = table.slot(part.name) else {
            let position = scanner.position(at: part.offset)
            let child = try makeTable(.dotted, position: position, depth: table.depth + 1,
                                      path: table.path + [part.name], at: part.offset)
            table.insert(part.name, .table(child), keyPosition: position, valuePosition: position)
            return child
        }
        switch slot.item {
        case .table(let child):
            switch child.origin {
            case .dotted:
                return child
            case .implicit:
                // Once dotted keys add to it, it counts as defined by them (no later [header]).
                child.origin = .dotted
                return child
            case .header, .root, .inline:
                let name = TOMLScanner.displayKey(child.path)
                throw scanner.error("cannot add to table [\(name)] with dotted keys: it is defined by a "
                                    + "[\(name)] header at line \(child.position.line)", at: part.offset)
            }
        case .tableArray:
            let name = TOMLScanner.displayKey(table.path + [part.name])
            throw scanner.error("cannot add to array of tables [[\(name)]] with dotted keys "
                                + "(defined at line \(slot.valuePosition.line))", at: part.offset)
        case .value(let value):
            throw valueConflict(value, path: table.path + [part.name], line: slot.keyPosition.line, at: part.offset)
        }
    }

    // MARK: Table headers

    /// `[a.b]` or `[[a.b]]` (§Table, §Array of Tables); makes the named table current.
    private mutating func parseTableHeader() throws(TOMLError) {
        let open = scanner.index
        let isArray = scanner.peek(at: 1) == Byte.leftBracket
        scanner.index += isArray ? 2 : 1
        scanner.skipWhitespace()
        let parts = try scanner.scanKey()
        if isArray {
            guard scanner.matches("]]") else {
                let display = TOMLScanner.displayKey(parts.map(\.name))
                throw scanner.error("expected ']]' to close the array-of-tables header [[\(display)]], "
                                    + "found \(scanner.describe(at: scanner.index))", at: scanner.index)
            }
            scanner.index += 2
        } else {
            guard scanner.peek == Byte.rightBracket else {
                let display = TOMLScanner.displayKey(parts.map(\.name))
                throw scanner.error("expected ']' to close the table header [\(display)], "
                                    + "found \(scanner.describe(at: scanner.index))", at: scanner.index)
            }
            scanner.index += 1
        }
        guard let last = parts.last else {
            throw scanner.error("expected a key in the table header", at: open)
        }
        let headerPosition = scanner.position(at: open)
        var table = root
        for part in parts.dropLast() {
            table = try descendForHeader(from: table, part: part)
        }
        if isArray {
            current = try appendArrayElement(in: table, part: last, headerPosition: headerPosition, at: open)
        } else {
            current = try defineTable(in: table, part: last, headerPosition: headerPosition, at: open)
        }
    }

    /// Follows or implicitly creates one non-final part of a header path. A path through an array
    /// of tables means its last element (§Array of Tables).
    private mutating func descendForHeader(from table: TableBuilder, part: KeyPart) throws(TOMLError)
        -> TableBuilder {
        guard let slot = table.slot(part.name) else {
            let position = scanner.position(at: part.offset)
            let child = try makeTable(.implicit, position: position, depth: table.depth + 1,
                                      path: table.path + [part.name], at: part.offset)
            table.insert(part.name, .table(child), keyPosition: position, valuePosition: position)
            return child
        }
        switch slot.item {
        case .table(let child):
            return child
        case .tableArray(let array):
            return array.elements[array.elements.count - 1]
        case .value(let value):
            throw valueConflict(value, path: table.path + [part.name], line: slot.keyPosition.line, at: part.offset)
        }
    }

    /// The final part of a `[header]`: a new table, or an implicitly created one now being
    /// defined. §Table: "you cannot define a table more than once".
    private mutating func defineTable(
        in parent: TableBuilder, part: KeyPart, headerPosition: TOMLPosition, at open: Int
    ) throws(TOMLError) -> TableBuilder {
        let path = parent.path + [part.name]
        let keyPosition = scanner.position(at: part.offset)
        guard let slot = parent.slot(part.name) else {
            let child = try makeTable(.header, position: headerPosition, depth: parent.depth + 1, path: path, at: open)
            parent.insert(part.name, .table(child), keyPosition: keyPosition, valuePosition: headerPosition)
            return child
        }
        switch slot.item {
        case .table(let child):
            switch child.origin {
            case .implicit:
                child.origin = .header
                child.position = headerPosition
                parent.updatePositions(of: part.name, keyPosition: keyPosition, valuePosition: headerPosition)
                return child
            case .header, .root, .inline:
                let name = TOMLScanner.displayKey(path)
                throw scanner.error("redefining table [\(name)] (first defined at line \(child.position.line))",
                                    at: open)
            case .dotted:
                let name = TOMLScanner.displayKey(path)
                throw scanner.error("redefining table [\(name)]: it was already defined by dotted keys at line "
                                    + "\(slot.keyPosition.line)", at: open)
            }
        case .tableArray:
            let name = TOMLScanner.displayKey(path)
            throw scanner.error("redefining [[\(name)]] as a table: it is an array of tables "
                                + "(first defined at line \(slot.valuePosition.line))", at: open)
        case .value(let value):
            throw valueConflict(value, path: path, line: slot.keyPosition.line, at: open)
        }
    }

    /// The final part of a `[[header]]`: appends a new element table (§Array of Tables).
    private mutating func appendArrayElement(
        in parent: TableBuilder, part: KeyPart, headerPosition: TOMLPosition, at open: Int
    ) throws(TOMLError) -> TableBuilder {
        let path = parent.path + [part.name]
        let element = try makeTable(.header, position: headerPosition, depth: parent.depth + 2, path: path, at: open)
        guard let slot = parent.slot(part.name) else {
            parent.insert(part.name, .tableArray(TableArrayBuilder(first: element)),
                          keyPosition: scanner.position(at: part.offset), valuePosition: headerPosition)
            return element
        }
        switch slot.item {
        case .tableArray(let array):
            array.elements.append(element)
            return element
        case .table:
            let name = TOMLScanner.displayKey(path)
            throw scanner.error("cannot define array of tables [[\(name)]]: [\(name)] is already a table "
                                + "(first defined at line \(slot.keyPosition.line))", at: open)
        case .value(.array):
            let name = TOMLScanner.displayKey(path)
            throw scanner.error("cannot append to static array '\(name)' (defined at line "
                                + "\(slot.keyPosition.line)) with [[\(name)]]", at: open)
        case .value(let value):
            throw valueConflict(value, path: path, line: slot.keyPosition.line, at: open)
        }
    }

    // MARK: Helpers

    /// A new table, unless it would exceed ``TOMLParser/maxNestingDepth``.
    mutating func makeTable(
        _ origin: TableBuilder.Origin, position: TOMLPosition, depth: Int, path: [String], at offset: Int
    ) throws(TOMLError) -> TableBuilder {
        guard depth <= TOMLParser.maxNestingDepth else {
            throw tooDeep(at: offset)
        }
        return TableBuilder(origin: origin, position: position, depth: depth, path: path)
    }

    /// The error for exceeding the nesting limit, which keeps recursion (and stack use) bounded.
    @inline(never)
    mutating func tooDeep(at offset: Int) -> TOMLError {
        scanner.error("nesting too deep: tables and arrays may be nested at most "
                      + "\(TOMLParser.maxNestingDepth) levels", at: offset)
    }

    /// The error for using a key that already holds a value as a table.
    @inline(never)
    private mutating func valueConflict(_ value: TOMLValue, path: [String], line: Int, at offset: Int) -> TOMLError {
        let name = TOMLScanner.displayKey(path)
        if case .table = value {
            return scanner.error("cannot add to inline table '\(name)' (defined at line \(line)): "
                                 + "inline tables are immutable", at: offset)
        }
        return scanner.error("key '\(name)' is already defined as \(value.typeNameWithArticle) at line \(line), "
                             + "so it cannot be used as a table", at: offset)
    }
}
