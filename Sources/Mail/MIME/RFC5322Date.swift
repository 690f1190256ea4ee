// RFC5322Date: formats and checks the Date header's date-time (RFC 5322 §3.3).
import Foundation

/// RFC 5322 §3.3 date-time values such as `Mon, 02 Jan 2006 15:04:05 -0700`.
///
/// Formatting is plain arithmetic (no `Calendar` or `DateFormatter`), so it is cheap enough to call per
/// message and independent of the process locale.
public enum RFC5322Date {
    private static let dayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Formats `date` as seen in `timeZone`, for example `Tue, 01 Jul 2003 10:52:37 +0200`.
    ///
    /// - Parameters:
    ///   - date: the moment; fractions of a second are dropped.
    ///   - timeZone: the zone whose offset (at that moment) is shown.
    /// - Returns: the date-time string.
    public static func format(_ date: Date, timeZone: TimeZone) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        return format(secondsSince1970: seconds, offsetSeconds: timeZone.secondsFromGMT(for: date))
    }

    /// Formats a Unix time with a fixed offset from UTC in seconds (whole minutes are shown).
    public static func format(secondsSince1970 seconds: Int, offsetSeconds: Int) -> String {
        let local = seconds + offsetSeconds
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let secondOfDay = local - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        let weekday = ((days % 7) + 11) % 7          // 1970-01-01 was a Thursday (4)
        let offsetMinutes = abs(offsetSeconds) / 60
        var text = dayNames[weekday] + ", " + pad(day) + " " + monthNames[month - 1] + " " + String(year) + " "
        text += pad(secondOfDay / 3600) + ":" + pad(secondOfDay / 60 % 60) + ":" + pad(secondOfDay % 60) + " "
        text += (offsetSeconds < 0 ? "-" : "+") + pad(offsetMinutes / 60) + pad(offsetMinutes % 60)
        return text
    }

    /// True when `text` is an RFC 5322 §3.3 date-time in the modern syntax: optional day name and comma,
    /// 1–2 digit day, month name, 4-digit year, `hh:mm` with optional `:ss`, and a numeric zone.
    ///
    /// It runs for every message built, so it reads the UTF-8 bytes in place and allocates nothing.
    public static func isValid(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { isValid(bytes: $0) }
    }

    private static func isValid(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var tokens = TokenCursor(bytes: bytes)
        guard var token = tokens.next() else { return false }
        if token.last == ASCII.comma {
            guard token.count == 4, name(in: token.prefix(3), isOneOf: dayNames) else { return false }
            guard let next = tokens.next() else { return false }
            token = next
        }
        guard (1...2).contains(token.count), let day = number(token), (1...31).contains(day),
            let monthToken = tokens.next(), name(in: monthToken, isOneOf: monthNames),
            let yearToken = tokens.next(), yearToken.count == 4, let year = number(yearToken), year >= 1900,
            let time = tokens.next(), let zone = tokens.next(), tokens.next() == nil
        else { return false }
        // hh:mm or hh:mm:ss, two digits each.
        guard time.count == 5 || time.count == 8, time[time.startIndex + 2] == ASCII.colon,
            let hour = number(time.prefix(2)), hour < 24,
            let minute = number(time[(time.startIndex + 3)..<(time.startIndex + 5)]), minute < 60
        else { return false }
        if time.count == 8 {
            guard time[time.startIndex + 5] == ASCII.colon, let second = number(time.suffix(2)), second <= 60
            else { return false }
        }
        return zone.count == 5 && (zone.first == 0x2B || zone.first == ASCII.hyphen)
            && zone.dropFirst().allSatisfy(ASCII.isDigit)
    }

    /// The space-separated tokens of a byte string (runs of spaces count as one separator).
    private struct TokenCursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        mutating func next() -> Slice<UnsafeBufferPointer<UInt8>>? {
            while index < bytes.count && bytes[index] == ASCII.space { index += 1 }
            guard index < bytes.count else { return nil }
            let start = index
            while index < bytes.count && bytes[index] != ASCII.space { index += 1 }
            return bytes[start..<index]
        }
    }

    /// The decimal value of a run of ASCII digits (nil when empty or any byte is not a digit).
    private static func number(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        guard !digits.isEmpty else { return nil }
        var value = 0
        for byte in digits {
            guard ASCII.isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    private static func name(in token: Slice<UnsafeBufferPointer<UInt8>>, isOneOf names: [String]) -> Bool {
        names.contains { $0.utf8.elementsEqual(token) }
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0" + String(value) : String(value) }

    // Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's civil_from_days).
    private static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
