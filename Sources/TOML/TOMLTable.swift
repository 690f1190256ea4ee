// TOMLTable: an immutable TOML table with key order and source positions (TOML 1.0.0 §Table).

/// A parsed TOML table: keys in the order they were written, their values, and where each key
/// and value appeared in the source so callers can report "unknown key" or "wrong type" errors
/// at the right place.
///
/// Equality compares the key set and the values only; key order and positions are ignored
/// because TOML tables are unordered and two documents can spell the same data differently.
public struct TOMLTable: Sendable, Equatable {
    /// One key's value and source positions.
    struct Entry: Sendable {
        var value: TOMLValue
        var keyPosition: TOMLPosition
        var valuePosition: TOMLPosition
    }

    /// The keys in insertion order (the order they first appeared in the document).
    public private(set) var keys: [String]
    /// Values by key.
    private var entries: [String: Entry]
    /// Where the table was opened: its `[header]`, its `[[header]]` element, its inline `{`, the
    /// key that implicitly created it, or 1:1 for the root table.
    public private(set) var position: TOMLPosition

    /// Creates an empty table positioned at 1:1.
    public init() {
        self.init(position: .start)
    }

    /// Creates an empty table opened at `position`.
    init(position: TOMLPosition) {
        keys = []
        entries = [:]
        self.position = position
    }

    /// The number of keys.
    public var count: Int { keys.count }

    /// Whether the table has no keys.
    public var isEmpty: Bool { keys.isEmpty }

    /// The value for `key`, or `nil` if the table has no such key.
    public subscript(key: String) -> TOMLValue? {
        entries[key]?.value
    }

    /// Where `key` was written (for a dotted key `a.b.c`, the position of the part naming this
    /// table's key), or `nil` if the table has no such key.
    public func keyPosition(_ key: String) -> TOMLPosition? {
        entries[key]?.keyPosition
    }

    /// Where the value of `key` starts (for a sub-table, where that table was opened), or `nil`
    /// if the table has no such key.
    public func valuePosition(_ key: String) -> TOMLPosition? {
        entries[key]?.valuePosition
    }

    /// Adds a key that is not yet present; the parser guarantees uniqueness.
    mutating func append(_ key: String, _ value: TOMLValue, keyPosition: TOMLPosition, valuePosition: TOMLPosition) {
        if entries.updateValue(Entry(value: value, keyPosition: keyPosition, valuePosition: valuePosition),
                               forKey: key) == nil {
            keys.append(key)
        }
    }

    /// Reserves room for `count` keys, so building large tables does not rehash repeatedly.
    mutating func reserveCapacity(_ count: Int) {
        keys.reserveCapacity(count)
        entries.reserveCapacity(count)
    }

    /// Same keys with equal values; order and positions are not compared.
    public static func == (lhs: TOMLTable, rhs: TOMLTable) -> Bool {
        guard lhs.entries.count == rhs.entries.count else {
            return false
        }
        for (key, entry) in lhs.entries {
            guard let other = rhs.entries[key], other.value == entry.value else {
                return false
            }
        }
        return true
    }
}
