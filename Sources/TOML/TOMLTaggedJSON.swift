// TOMLTaggedJSON: renders a table as toml-test's "tagged JSON" (https://github.com/toml-lang/toml-test).

/// Encodes parsed TOML in the JSON form used by the toml-test suite: every scalar becomes
/// `{"type": "...", "value": "..."}` with the value as a string, arrays become JSON arrays and
/// tables JSON objects. Types are `string`, `integer`, `float`, `bool`, `datetime`,
/// `datetime-local`, `date-local` and `time-local`; floats use `inf`, `-inf` and `nan`.
public enum TOMLTaggedJSON {
    /// The tagged JSON for `table`, keys in document order, on a single line.
    public static func encode(_ table: TOMLTable) -> String {
        var output = ""
        write(table, to: &output)
        return output
    }

    /// The tagged JSON for a single value.
    public static func encode(_ value: TOMLValue) -> String {
        var output = ""
        write(value, to: &output)
        return output
    }

    private static func write(_ table: TOMLTable, to output: inout String) {
        output += "{"
        for (index, key) in table.keys.enumerated() {
            guard let value = table[key] else {
                continue
            }
            if index > 0 {
                output += ","
            }
            writeString(key, to: &output)
            output += ":"
            write(value, to: &output)
        }
        output += "}"
    }

    private static func write(_ value: TOMLValue, to output: inout String) {
        switch value {
        case .string(let text):
            writeTagged("string", text, to: &output)
        case .integer(let number):
            writeTagged("integer", String(number), to: &output)
        case .float(let number):
            writeTagged("float", floatText(number), to: &output)
        case .boolean(let flag):
            writeTagged("bool", flag ? "true" : "false", to: &output)
        case .offsetDateTime(let dateTime):
            writeTagged("datetime", dateTime.rfc3339, to: &output)
        case .localDateTime(let dateTime):
            writeTagged("datetime-local", dateTime.rfc3339, to: &output)
        case .localDate(let dateTime):
            writeTagged("date-local", dateTime.rfc3339, to: &output)
        case .localTime(let dateTime):
            writeTagged("time-local", dateTime.rfc3339, to: &output)
        case .array(let elements):
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 {
                    output += ","
                }
                write(element, to: &output)
            }
            output += "]"
        case .table(let table):
            write(table, to: &output)
        }
    }

    /// `inf`, `-inf`, `nan`, or Swift's shortest round-tripping decimal form.
    private static func floatText(_ number: Double) -> String {
        if number.isNaN {
            return "nan"
        }
        if number.isInfinite {
            return number < 0 ? "-inf" : "inf"
        }
        return String(number)
    }

    private static func writeTagged(_ type: String, _ value: String, to output: inout String) {
        output += "{\"type\":\"\(type)\",\"value\":"
        writeString(value, to: &output)
        output += "}"
    }

    /// A JSON string literal (RFC 8259 §7): quote, backslash and control characters escaped.
    private static func writeString(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16, uppercase: false)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
