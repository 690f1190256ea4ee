// RateLimit: a sending rate written as "50/s", "3000/min", "10000/h" or "200000/day".

/// A number of messages per period, used by the token-bucket throttles.
public struct RateLimit: Sendable, Equatable, CustomStringConvertible {
    public var count: Int
    /// Length of the period in seconds.
    public var period: Double

    public init(count: Int, period: Double) {
        self.count = count
        self.period = period
    }

    /// Parses "N/s", "N/min", "N/h", "N/day" (also "N/second", "N/minute", "N/hour", "N/d"); N ≥ 1.
    public init?(parsing text: String) {
        let parts = text.replacingOccurrences(of: " ", with: "").split(separator: "/")
        guard parts.count == 2, let count = Int(parts[0]), count >= 1 else { return nil }
        switch parts[1].lowercased() {
        case "s", "sec", "second": period = 1
        case "m", "min", "minute": period = 60
        case "h", "hour": period = 3600
        case "d", "day": period = 86400
        default: return nil
        }
        self.count = count
    }

    /// Messages per second.
    public var perSecond: Double { Double(count) / period }

    public var description: String {
        let unit = switch period {
        case 1: "s"
        case 60: "min"
        case 3600: "h"
        default: "day"
        }
        return "\(count)/\(unit)"
    }
}
