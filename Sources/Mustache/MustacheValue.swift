// MustacheValue: the data model a template is rendered against (a JSON-like value tree).

/// A value in the context stack of a Mustache render.
///
/// The shape mirrors JSON because the Mustache spec is written against JSON data, and because edm builds one
/// of these per recipient row (usually an `.object` of column name to `.string`).
public indirect enum MustacheValue: Sendable, Equatable {
    /// An absent value. Renders as nothing and is falsey.
    case null
    /// A boolean. `false` is falsey; interpolating renders `true` / `false`.
    case bool(Bool)
    /// A number. Integral values render without a fractional part (`85`, not `85.0`).
    case number(Double)
    /// A string. The empty string is falsey (see ``isTruthy``).
    case string(String)
    /// A list. Sections iterate over it; the empty list is falsey.
    case list([MustacheValue])
    /// An object (a mapping of names to values). Sections push it on the context stack.
    case object([String: MustacheValue])

    /// Whether a section over this value renders (and an inverted section does not).
    ///
    /// The spec leaves "falsey" to the host language (sections.yml overview). We follow the JavaScript
    /// reading for strings because edm data comes from CSV columns, where an empty cell means "absent":
    /// `null`, `false`, `""` and `[]` are falsey; every number (including `0`) and every object is truthy,
    /// because a number is data to show, not a flag.
    public var isTruthy: Bool {
        switch self {
        case .null:
            return false
        case .bool(let flag):
            return flag
        case .number:
            return true
        case .string(let text):
            return !text.isEmpty
        case .list(let items):
            return !items.isEmpty
        case .object:
            return true
        }
    }

    /// Looks up a key when the value is an object; `nil` for every other case.
    ///
    /// Per the spec, only objects (hashes) provide names; lists and scalars on the context stack are skipped
    /// during name resolution.
    public subscript(key: String) -> MustacheValue? {
        if case .object(let fields) = self {
            return fields[key]
        }
        return nil
    }
}

extension MustacheValue: ExpressibleByNilLiteral {
    /// Creates `.null`.
    public init(nilLiteral: ()) {
        self = .null
    }
}

extension MustacheValue: ExpressibleByBooleanLiteral {
    /// Creates `.bool`.
    public init(booleanLiteral value: Bool) {
        self = .bool(value)
    }
}

extension MustacheValue: ExpressibleByIntegerLiteral {
    /// Creates `.number` from an integer literal.
    public init(integerLiteral value: Int) {
        self = .number(Double(value))
    }
}

extension MustacheValue: ExpressibleByFloatLiteral {
    /// Creates `.number`.
    public init(floatLiteral value: Double) {
        self = .number(value)
    }
}

extension MustacheValue: ExpressibleByStringLiteral {
    /// Creates `.string`.
    public init(stringLiteral value: String) {
        self = .string(value)
    }
}

extension MustacheValue: ExpressibleByArrayLiteral {
    /// Creates `.list`.
    public init(arrayLiteral elements: MustacheValue...) {
        self = .list(elements)
    }
}

extension MustacheValue: ExpressibleByDictionaryLiteral {
    /// Creates `.object`; a repeated key keeps its last value.
    public init(dictionaryLiteral elements: (String, MustacheValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
