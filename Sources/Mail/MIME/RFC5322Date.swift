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
    public static func isValid(_ text: String) -> Bool {
        var parts = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        if let first = parts.first, first.hasSuffix(",") {
            guard dayNames.contains(String(first.dropLast())) else { return false }
            parts.removeFirst()
        }
        guard parts.count == 5 else { return false }
        guard let day = Int(parts[0]), (1...2).contains(parts[0].count), (1...31).contains(day),
            monthNames.contains(parts[1]),
            parts[2].count == 4, let year = Int(parts[2]), year >= 1900
        else { return false }
        let time = parts[3].split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(time.count), time.allSatisfy({ $0.count == 2 && Int($0) != nil }),
            let hour = Int(time[0]), hour < 24, let minute = Int(time[1]), minute < 60
        else { return false }
        if time.count == 3, let second = Int(time[2]), second > 60 { return false }
        let zone = Array(parts[4].utf8)
        guard zone.count == 5, zone[0] == 0x2B || zone[0] == ASCII.hyphen,
            zone[1...].allSatisfy(ASCII.isDigit)
        else { return false }
        return true
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
