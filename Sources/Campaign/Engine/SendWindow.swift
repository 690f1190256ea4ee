// SendWindow: `campaign.send_window = "09:00-20:00 Asia/Shanghai"`: the daily hours a campaign may send in.
import Foundation

/// A daily window in a time zone. A window whose end is before its start crosses midnight ("22:00-06:00").
public struct SendWindow: Sendable, Equatable {
    public let startMinute: Int
    public let endMinute: Int
    public let timeZone: TimeZone

    /// Parses the syntax `ConfigSyntax` already validated; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, let zone = TimeZone(identifier: String(parts[1])) else { return nil }
        let times = parts[0].split(separator: "-")
        func minutes(_ clock: Substring) -> Int? {
            let pieces = clock.split(separator: ":")
            guard pieces.count == 2, let hour = Int(pieces[0]), let minute = Int(pieces[1]) else { return nil }
            return hour * 60 + minute
        }
        guard times.count == 2, let start = minutes(times[0]), let end = minutes(times[1]) else { return nil }
        startMinute = start
        endMinute = end
        timeZone = zone
    }

    private func minuteOfDay(_ date: Date) -> Double {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.hour, .minute, .second], from: date)
        return Double((parts.hour ?? 0) * 60 + (parts.minute ?? 0)) + Double(parts.second ?? 0) / 60
    }

    /// Whether `date` falls inside the window.
    public func contains(_ date: Date) -> Bool {
        let now = minuteOfDay(date)
        let start = Double(startMinute), end = Double(endMinute)
        return start <= end ? (now >= start && now < end) : (now >= start || now < end)
    }

    /// Seconds from `date` (inside the window) until the window closes.
    public func secondsUntilClose(from date: Date) -> Double {
        let now = minuteOfDay(date)
        var minutes = Double(endMinute) - now
        if minutes <= 0 { minutes += 24 * 60 }
        return minutes * 60
    }
}
