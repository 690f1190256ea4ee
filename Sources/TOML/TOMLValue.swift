// TOMLValue: one parsed TOML value of any type (TOML 1.0.0 §Keys/Values and the type sections).

/// A TOML value.
///
/// Equality is structural. Floats follow `Double` semantics, so `.float(.nan)` is not equal to
/// itself; tables compare keys and values but not source positions or key order (TOML tables are
/// unordered).
public indirect enum TOMLValue: Sendable, Equatable {
    /// A string (basic, literal, or either multi-line form).
    case string(String)
    /// A 64-bit signed integer (decimal, hex `0x`, octal `0o`, or binary `0b` in the source).
    case integer(Int64)
    /// An IEEE 754 double, including `inf`, `-inf` and `nan`.
    case float(Double)
    /// `true` or `false`.
    case boolean(Bool)
    /// A date-time with a UTC offset; ``TOMLDateTime/kind`` is `.offsetDateTime`.
    case offsetDateTime(TOMLDateTime)
    /// A date-time without an offset; ``TOMLDateTime/kind`` is `.localDateTime`.
    case localDateTime(TOMLDateTime)
    /// A date alone; ``TOMLDateTime/kind`` is `.localDate`.
    case localDate(TOMLDateTime)
    /// A time of day alone; ``TOMLDateTime/kind`` is `.localTime`.
    case localTime(TOMLDateTime)
    /// An array (static `[…]` or an array of tables `[[…]]`); TOML 1.0 allows mixed types.
    case array([TOMLValue])
    /// A table (`[header]`, inline `{…}`, or one created implicitly by a dotted key).
    case table(TOMLTable)

    /// The user-facing name of the value's type, for messages such as
    /// "expected a string, found an integer": one of `string`, `integer`, `float`, `boolean`,
    /// `datetime`, `local datetime`, `local date`, `local time`, `array`, `table`.
    public var typeName: String {
        switch self {
        case .string: return "string"
        case .integer: return "integer"
        case .float: return "float"
        case .boolean: return "boolean"
        case .offsetDateTime: return "datetime"
        case .localDateTime: return "local datetime"
        case .localDate: return "local date"
        case .localTime: return "local time"
        case .array: return "array"
        case .table: return "table"
        }
    }

    /// ``typeName`` with an indefinite article ("a string", "an integer"), for error messages.
    public var typeNameWithArticle: String {
        switch self {
        case .integer, .array, .offsetDateTime: return "an " + typeName
        case .string, .float, .boolean, .localDateTime, .localDate, .localTime, .table: return "a " + typeName
        }
    }

    /// The string, if this is a `.string`.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The integer, if this is an `.integer`.
    public var integerValue: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }

    /// The number as a `Double`, if this is a `.float` or an `.integer` (converted).
    public var doubleValue: Double? {
        switch self {
        case .float(let value): return value
        case .integer(let value): return Double(value)
        default: return nil
        }
    }

    /// The boolean, if this is a `.boolean`.
    public var boolValue: Bool? {
        if case .boolean(let value) = self { return value }
        return nil
    }

    /// The date/time of any of the four date/time cases.
    public var dateTimeValue: TOMLDateTime? {
        switch self {
        case .offsetDateTime(let value), .localDateTime(let value), .localDate(let value), .localTime(let value):
            return value
        default:
            return nil
        }
    }

    /// The elements, if this is an `.array`.
    public var arrayValue: [TOMLValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The table, if this is a `.table`.
    public var tableValue: TOMLTable? {
        if case .table(let value) = self { return value }
        return nil
    }

    /// Wraps a date/time in the case matching its ``TOMLDateTime/kind``.
    public init(_ dateTime: TOMLDateTime) {
        switch dateTime.kind {
        case .offsetDateTime: self = .offsetDateTime(dateTime)
        case .localDateTime: self = .localDateTime(dateTime)
        case .localDate: self = .localDate(dateTime)
        case .localTime: self = .localTime(dateTime)
        }
    }
}
