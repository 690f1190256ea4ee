// ReportFormatting: times, durations, bucket widths and rates as the text and HTML reports print them.
import Foundation

/// Human-readable numbers shared by the report formats (JSON keeps raw values instead).
enum ReportFormatting {
    /// RFC 3339 in UTC with milliseconds: `2026-03-01T12:00:00.123Z`.
    static func timestamp(_ date: Date) -> String {
        JournalTime.string(milliseconds: JournalTime.milliseconds(date))
    }

    /// A bucket's start as precise as its width needs, UTC: a date for days, minutes for minutes and hours,
    /// seconds for seconds, milliseconds below that; the date is kept when the span crosses midnight.
    static func bucketLabel(_ milliseconds: Int64, width: Int64, spansDays: Bool) -> String {
        let full = JournalTime.string(milliseconds: milliseconds)  // 2026-03-01T12:00:00.123Z
        let date = String(full.prefix(10))
        let clock = full.dropFirst(11)
        let time: String
        switch width {
        case 86_400_000...: return date
        case 60_000...: time = String(clock.prefix(5))
        case 1000...: time = String(clock.prefix(8))
        default: time = String(clock.prefix(12))
        }
        return spansDays || width >= 60_000 ? "\(date) \(time)" : time
    }

    /// "250 ms", "1 s", "15 min", "6 h", "1 d".
    static func width(_ milliseconds: Int64) -> String {
        switch milliseconds {
        case ..<1000: "\(milliseconds) ms"
        case ..<60_000: "\(milliseconds / 1000) s"
        case ..<3_600_000: "\(milliseconds / 60_000) min"
        case ..<86_400_000: "\(milliseconds / 3_600_000) h"
        default: "\(milliseconds / 86_400_000) d"
        }
    }

    /// "0.42 s", "12 s", "3 min 20 s", "2 h 5 min", "1 d 3 h".
    static func duration(_ seconds: TimeInterval) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "0 s" }
        if seconds < 10 { return String(format: "%.2f s", seconds) }
        let whole = Int(seconds.rounded())
        switch whole {
        case ..<60: return "\(whole) s"
        case ..<3600: return "\(whole / 60) min \(whole % 60) s"
        case ..<86_400: return "\(whole / 3600) h \(whole % 3600 / 60) min"
        default: return "\(whole / 86_400) d \(whole % 86_400 / 3600) h"
        }
    }

    /// `text` with control characters (a terminal's escape sequences) shown as U+FFFD, for text output.
    static func plain(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { isControl($0) ? "\u{FFFD}" : $0 }))
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// "12.3/s" with one decimal, or "–" when there is no span to divide by.
    static func rate(_ perSecond: Double?) -> String {
        perSecond.map { String(format: "%.1f/s", $0) } ?? "–"
    }
}
