// TOMLDateTime: the four TOML date/time value kinds (TOML 1.0.0 §Offset Date-Time … §Local Time).

import Foundation

/// A TOML date, time, or date-time value.
///
/// TOML has four flavours (spec sections "Offset Date-Time", "Local Date-Time", "Local Date" and
/// "Local Time"); `kind` says which one this is. Fields that the kind does not carry are zero
/// (for example `hour` of a local date) and `offsetMinutes` is `nil` unless the kind is
/// ``Kind/offsetDateTime``.
///
/// Equality compares the fields, not the spelling: `12:00:00.5` equals `12:00:00.500`, and an
/// offset of `Z` equals `+00:00`. Two offset date-times at the same instant but with different
/// offsets are *not* equal; compare ``date`` for that.
public struct TOMLDateTime: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// Which of TOML's four date/time types a value is.
    public enum Kind: Sendable, Equatable, Hashable {
        /// A date and time with a UTC offset, e.g. `1979-05-27T07:32:00Z`.
        case offsetDateTime
        /// A date and time without an offset, e.g. `1979-05-27T07:32:00`.
        case localDateTime
        /// A date alone, e.g. `1979-05-27`.
        case localDate
        /// A time of day alone, e.g. `07:32:00`.
        case localTime
    }

    /// Which TOML date/time type this is.
    public var kind: Kind
    /// The year (0…9999); zero for a local time.
    public var year: Int
    /// The month (1…12); zero for a local time.
    public var month: Int
    /// The day of the month (1…31); zero for a local time.
    public var day: Int
    /// The hour (0…23); zero for a local date.
    public var hour: Int
    /// The minute (0…59); zero for a local date.
    public var minute: Int
    /// The second (0…60, 60 being a leap second); zero for a local date.
    public var second: Int
    /// The fractional second in nanoseconds (0…999_999_999). TOML allows more digits; the spec
    /// says extra precision is truncated, which is what the parser does.
    public var nanosecond: Int
    /// The UTC offset in minutes (`Z` is 0, `-05:00` is -300); `nil` for the local kinds.
    public var offsetMinutes: Int?
    /// How many fractional-second digits to render (the parser records how many were written,
    /// capped at 9). Not part of equality.
    public var fractionDigits: Int

    /// Creates a date/time value. No validation is done; the parser only produces valid values.
    public init(
        kind: Kind,
        year: Int = 0, month: Int = 0, day: Int = 0,
        hour: Int = 0, minute: Int = 0, second: Int = 0, nanosecond: Int = 0,
        offsetMinutes: Int? = nil, fractionDigits: Int = 0
    ) {
        self.kind = kind
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.nanosecond = nanosecond
        self.offsetMinutes = offsetMinutes
        self.fractionDigits = fractionDigits
    }

    /// Whether the value has a date part (every kind except ``Kind/localTime``).
    public var hasDate: Bool { kind != .localTime }

    /// Whether the value has a time part (every kind except ``Kind/localDate``).
    public var hasTime: Bool { kind != .localDate }

    /// The canonical RFC 3339 rendering: `T` as the separator, `Z` for a zero offset, and the
    /// fractional seconds with as many digits as were written (at least enough to show the value).
    public var rfc3339: String {
        var text = ""
        if hasDate {
            text += Self.pad(year, 4) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2)
        }
        if hasDate && hasTime {
            text += "T"
        }
        if hasTime {
            text += Self.pad(hour, 2) + ":" + Self.pad(minute, 2) + ":" + Self.pad(second, 2)
            text += fractionText
        }
        if kind == .offsetDateTime {
            let offset = offsetMinutes ?? 0
            if offset == 0 {
                text += "Z"
            } else {
                let magnitude = abs(offset)
                text += (offset < 0 ? "-" : "+") + Self.pad(magnitude / 60, 2) + ":" + Self.pad(magnitude % 60, 2)
            }
        }
        return text
    }

    /// Same as ``rfc3339``.
    public var description: String { rfc3339 }

    /// The instant an offset date-time denotes; `nil` for the local kinds, which need a time zone
    /// (see ``date(in:)``).
    public var date: Date? {
        guard kind == .offsetDateTime else {
            return nil
        }
        let days = Self.daysSinceEpoch(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - (offsetMinutes ?? 0) * 60
        return Date(timeIntervalSince1970: Double(seconds) + Double(nanosecond) / 1_000_000_000)
    }

    /// The instant this value denotes when local values are read in `timeZone`: an offset
    /// date-time ignores the zone, a local date means midnight, and a local time has no date so
    /// gives `nil`.
    public func date(in timeZone: TimeZone) -> Date? {
        switch kind {
        case .offsetDateTime:
            return date
        case .localTime:
            return nil
        case .localDateTime, .localDate:
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            let components = DateComponents(
                year: year, month: month, day: day,
                hour: hour, minute: minute, second: second, nanosecond: nanosecond
            )
            return calendar.date(from: components)
        }
    }

    /// Compares the fields that make up the value; ``fractionDigits`` is presentation only.
    public static func == (lhs: TOMLDateTime, rhs: TOMLDateTime) -> Bool {
        lhs.kind == rhs.kind && lhs.year == rhs.year && lhs.month == rhs.month && lhs.day == rhs.day
            && lhs.hour == rhs.hour && lhs.minute == rhs.minute && lhs.second == rhs.second
            && lhs.nanosecond == rhs.nanosecond && lhs.offsetMinutes == rhs.offsetMinutes
    }

    /// Hashes the same fields that ``==(_:_:)`` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(year)
        hasher.combine(month)
        hasher.combine(day)
        hasher.combine(hour)
        hasher.combine(minute)
        hasher.combine(second)
        hasher.combine(nanosecond)
        hasher.combine(offsetMinutes)
    }

    /// The number of days in `month` of `year` in the proleptic Gregorian calendar (RFC 3339 §5.7).
    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2:
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return leap ? 29 : 28
        case 4, 6, 9, 11:
            return 30
        default:
            return 31
        }
    }

    /// `.fff…` for the fractional seconds, or nothing when there are none to show.
    private var fractionText: String {
        guard fractionDigits > 0 || nanosecond != 0 else {
            return ""
        }
        var digits = Array(Self.pad(nanosecond, 9))
        if fractionDigits > 0 {
            // Keep what was written, but never hide a non-zero digit.
            var needed = digits.count
            while needed > fractionDigits && digits[needed - 1] == "0" {
                needed -= 1
            }
            digits = Array(digits[0..<needed])
        } else {
            while digits.last == "0" {
                digits.removeLast()
            }
        }
        return "." + String(digits)
    }

    /// Zero-pads a non-negative number to `width` digits.
    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    /// Days from 1970-01-01 to the given civil date (Howard Hinnant's `days_from_civil`).
    private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
