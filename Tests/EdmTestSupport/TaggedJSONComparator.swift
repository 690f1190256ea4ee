// TaggedJSONComparator: compares tagged JSON documents using toml-test's equivalence rules.

import Foundation

/// Compares two decoded tagged-JSON trees the way toml-test does: objects need the same keys,
/// arrays the same length, scalars the same `type`; floats compare numerically (nan equals nan),
/// date/time values compare as times (`Z` = `+00:00`, case of `T`/`Z`, a space delimiter and
/// trailing fractional zeros do not matter; offset date-times compare as instants), and every
/// other type compares its `value` string exactly.
public enum TaggedJSONComparator {
    /// `nil` when `actual` matches `expected`, otherwise a description of the first difference.
    public static func difference(expected: Any, actual: Any, path: String = "") -> String? {
        if let expectedTag = tagged(expected) {
            guard let actualTag = tagged(actual) else {
                return "\(path): expected a \(expectedTag.type) value, got \(actual)"
            }
            guard expectedTag.type == actualTag.type else {
                return "\(path): expected type \(expectedTag.type), got \(actualTag.type)"
            }
            guard scalarsMatch(type: expectedTag.type, expectedTag.value, actualTag.value) else {
                return "\(path): expected \(expectedTag.type) '\(expectedTag.value)', got '\(actualTag.value)'"
            }
            return nil
        }
        if let expectedObject = expected as? [String: Any] {
            guard let actualObject = actual as? [String: Any], tagged(actual) == nil else {
                return "\(path): expected a table, got \(actual)"
            }
            let expectedKeys = Set(expectedObject.keys)
            let actualKeys = Set(actualObject.keys)
            guard expectedKeys == actualKeys else {
                return "\(path): keys differ; missing \(expectedKeys.subtracting(actualKeys).sorted()), "
                    + "extra \(actualKeys.subtracting(expectedKeys).sorted())"
            }
            for key in expectedObject.keys.sorted() {
                if let child = expectedObject[key], let other = actualObject[key],
                   let problem = difference(expected: child, actual: other, path: path + "." + key) {
                    return problem
                }
            }
            return nil
        }
        if let expectedArray = expected as? [Any] {
            guard let actualArray = actual as? [Any] else {
                return "\(path): expected an array, got \(actual)"
            }
            guard expectedArray.count == actualArray.count else {
                return "\(path): expected \(expectedArray.count) elements, got \(actualArray.count)"
            }
            for (index, pair) in zip(expectedArray, actualArray).enumerated() {
                if let problem = difference(expected: pair.0, actual: pair.1, path: "\(path)[\(index)]") {
                    return problem
                }
            }
            return nil
        }
        return "\(path): unexpected JSON \(expected)"
    }

    /// `{"type": String, "value": String}` and nothing else.
    private static func tagged(_ json: Any) -> (type: String, value: String)? {
        guard let object = json as? [String: Any], object.count == 2,
              let type = object["type"] as? String, let value = object["value"] as? String else {
            return nil
        }
        return (type, value)
    }

    private static func scalarsMatch(type: String, _ expected: String, _ actual: String) -> Bool {
        switch type {
        case "float":
            guard let left = parseFloat(expected), let right = parseFloat(actual) else {
                return false
            }
            return (left.isNaN && right.isNaN) || left == right
        case "datetime", "datetime-local", "date-local", "time-local":
            guard let left = DateTimeKey(expected), let right = DateTimeKey(actual) else {
                return false
            }
            return type == "datetime" ? left.instant == right.instant : left == right
        default:
            return expected == actual
        }
    }

    private static func parseFloat(_ text: String) -> Double? {
        switch text {
        case "nan", "+nan", "-nan": return Double.nan
        case "inf", "+inf": return Double.infinity
        case "-inf": return -Double.infinity
        default: return Double(text)
        }
    }
}

/// A date/time string broken into comparable fields (an independent, permissive RFC 3339 reader).
struct DateTimeKey: Equatable {
    var days: Int?            // days since 1970-01-01, when there is a date
    var secondsOfDay: Int?    // when there is a time
    var nanoseconds = 0
    var offsetMinutes: Int?

    /// Seconds and nanoseconds since the epoch in UTC, for offset date-times.
    var instant: [Int] {
        [(days ?? 0) * 86_400 + (secondsOfDay ?? 0) - (offsetMinutes ?? 0) * 60, nanoseconds]
    }

    init?(_ raw: String) {
        let text = Array(raw.uppercased().replacingOccurrences(of: " ", with: "T").utf8)
        var index = 0
        func number(_ count: Int) -> Int? {
            guard index + count <= text.count else { return nil }
            var value = 0
            for byte in text[index..<(index + count)] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            index += count
            return value
        }
        func expect(_ byte: UInt8) -> Bool {
            guard index < text.count, text[index] == byte else { return false }
            index += 1
            return true
        }
        if text.count > 4, text[4] == UInt8(ascii: "-") {
            guard let year = number(4), expect(UInt8(ascii: "-")), let month = number(2),
                  expect(UInt8(ascii: "-")), let day = number(2) else { return nil }
            let shifted = month <= 2 ? year - 1 : year
            let era = shifted / 400
            let yearOfEra = shifted - era * 400
            let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
            days = era * 146_097 + yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear - 719_468
            if index == text.count { return }
            guard expect(UInt8(ascii: "T")) else { return nil }
        }
        guard let hour = number(2), expect(UInt8(ascii: ":")), let minute = number(2),
              expect(UInt8(ascii: ":")), let second = number(2) else { return nil }
        secondsOfDay = hour * 3_600 + minute * 60 + second
        if expect(UInt8(ascii: ".")) {
            var digits = 0
            while index < text.count, text[index] >= 48, text[index] <= 57 {
                if digits < 9 { nanoseconds = nanoseconds * 10 + Int(text[index] - 48) }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            for _ in min(digits, 9)..<9 { nanoseconds *= 10 }
        }
        if expect(UInt8(ascii: "Z")) {
            offsetMinutes = 0
        } else if index < text.count {
            let negative = text[index] == UInt8(ascii: "-")
            guard negative || text[index] == UInt8(ascii: "+") else { return nil }
            index += 1
            guard let hours = number(2), expect(UInt8(ascii: ":")), let minutes = number(2) else { return nil }
            offsetMinutes = (negative ? -1 : 1) * (hours * 60 + minutes)
        }
        guard index == text.count else { return nil }
    }
}
