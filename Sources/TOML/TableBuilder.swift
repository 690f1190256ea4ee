// TableBuilder: the mutable table tree the parser fills in before freezing it into TOMLTable values.

/// A table under construction.
///
/// The parser needs to reopen tables by path (`[a.b]` after `[a.b.c]`, `[[x]]` appending to an
/// array) and remember how each table came to exist, because TOML 1.0.0 §Table forbids defining
/// a table twice or mixing header and dotted-key definitions. A reference type makes those
/// in-place updates cheap; the finished tree is converted to value types once, at the end.
final class TableBuilder {
    /// How a table came to exist, which decides what may still be done to it.
    enum Origin {
        /// The document's root table.
        case root
        /// Created as an intermediate part of a header such as `[a.b.c]`; may still be defined
        /// once by its own header (§Table: "super-tables … can be defined later").
        case implicit
        /// Defined by a `[header]` or as a `[[header]]` element; may not be defined again.
        case header
        /// Created by a dotted key such as `a.b = 1`; may not later get its own header.
        case dotted
        /// An inline table `{…}` being read; it is frozen into a value as soon as it closes.
        case inline
    }

    /// What a key holds.
    enum Item {
        /// A finished value: scalar, static array, or (frozen) inline table.
        case value(TOMLValue)
        /// A table that may still be extended.
        case table(TableBuilder)
        /// An array of tables built from `[[header]]` sections.
        case tableArray(TableArrayBuilder)
    }

    /// A key's item and where it was written.
    struct Slot {
        var item: Item
        var keyPosition: TOMLPosition
        var valuePosition: TOMLPosition
    }

    /// How the table came to exist.
    var origin: Origin
    /// Where the table was opened (see ``TOMLTable/position``).
    var position: TOMLPosition
    /// Levels of tables and arrays above this table (the root is 0), for the nesting limit.
    let depth: Int
    /// The key path from the root, for messages.
    let path: [String]
    /// Keys in insertion order.
    private var keys: [String] = []
    /// Items by key.
    private var slots: [String: Slot] = [:]

    /// Creates an empty table.
    init(origin: Origin, position: TOMLPosition, depth: Int, path: [String]) {
        self.origin = origin
        self.position = position
        self.depth = depth
        self.path = path
    }

    /// The slot for `key`, if present.
    func slot(_ key: String) -> Slot? {
        slots[key]
    }

    /// Adds a new key; callers check for duplicates first.
    func insert(_ key: String, _ item: Item, keyPosition: TOMLPosition, valuePosition: TOMLPosition) {
        if slots.updateValue(Slot(item: item, keyPosition: keyPosition, valuePosition: valuePosition),
                             forKey: key) == nil {
            keys.append(key)
        }
    }

    /// Moves a key's recorded positions to where an implicitly created table is finally defined.
    func updatePositions(of key: String, keyPosition: TOMLPosition, valuePosition: TOMLPosition) {
        slots[key]?.keyPosition = keyPosition
        slots[key]?.valuePosition = valuePosition
    }

    /// Freezes the tree into value types. Recursion depth is bounded by the parser's nesting limit.
    func build() -> TOMLTable {
        var table = TOMLTable(position: position)
        table.reserveCapacity(keys.count)
        for key in keys {
            guard let slot = slots[key] else {
                continue
            }
            let value: TOMLValue
            switch slot.item {
            case .value(let item):
                value = item
            case .table(let child):
                value = .table(child.build())
            case .tableArray(let array):
                value = .array(array.elements.map { .table($0.build()) })
            }
            table.append(key, value, keyPosition: slot.keyPosition, valuePosition: slot.valuePosition)
        }
        return table
    }
}

/// An array of tables under construction (§Array of Tables); a class so `[[x]]` appends in place.
final class TableArrayBuilder {
    /// The element tables, in document order; never empty.
    var elements: [TableBuilder]

    /// Creates an array holding its first element.
    init(first: TableBuilder) {
        elements = [first]
    }
}
