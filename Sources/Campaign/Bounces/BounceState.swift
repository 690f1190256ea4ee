// BounceState: the state file beside a suppression list: imported mail fingerprints and soft-bounce counts.
import Foundation

/// `<suppression list>.bounce-state`, tab-separated text (docs/bounces.md):
///
/// ```
/// # edm bounce state 1
/// seen	<sha-256 of the message, hex>	<YYYY-MM-DD imported>
/// soft	<recipient key>	<count>	<YYYY-MM-DD last>	<last reason>
/// ```
///
/// `seen` lines make imports idempotent; `soft` lines count soft bounces per recipient across every campaign
/// that shares the list. Rewritten atomically at the end of each import; `seen` lines older than
/// `retentionDays` are dropped then.
public struct BounceState: Sendable {
    public struct SoftCount: Sendable, Equatable {
        public var count: Int
        public var last: String
        public var reason: String
    }

    static let header = "# edm bounce state 1"
    /// Fingerprints are kept this long (a mailbox is not re-imported after a year).
    static let retentionDays = 400

    public var seen: [String: String] = [:]
    public var soft: [String: SoftCount] = [:]

    public init() {}

    /// The state file for a suppression list.
    public static func path(forList listPath: String) -> String { listPath + ".bounce-state" }

    /// Loads the state at `path`; an absent file is an empty state.
    /// - Throws: `FileError` when unreadable, `CampaignFailure` (65) with the line when malformed.
    public static func load(path: String, displayPath: String) throws -> BounceState {
        var state = BounceState()
        guard FileManager.default.fileExists(atPath: path) else { return state }
        let bytes = try FileError.readSmallFile(path, role: "bounce state file", limit: 1 << 30)
        var number = 0
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if fields.first == "seen", fields.count == 3 {
                state.seen[fields[1]] = fields[2]
            } else if fields.first == "soft", fields.count == 5, let count = Int(fields[2]) {
                state.soft[fields[1]] = SoftCount(count: count, last: fields[3], reason: fields[4])
            } else {
                throw CampaignFailure(category: .badData, diagnostics: [
                    Diagnostic(.error, file: displayPath, line: number, column: 1,
                               message: "not a bounce state line (expected 'seen' or 'soft' fields separated by tabs)",
                               sourceLine: String(line)),
                ])
            }
        }
        return state
    }

    /// The file content, fingerprints older than the retention dropped relative to `today`.
    func encoded(today: String) -> [UInt8] {
        let cutoff = Self.day(offsetDays: -Self.retentionDays, from: today)
        var out = Self.header + "\n"
        for (fingerprint, date) in seen.sorted(by: { $0.key < $1.key }) where date >= cutoff {
            out += "seen\t\(fingerprint)\t\(date)\n"
        }
        for (key, value) in soft.sorted(by: { $0.key < $1.key }) {
            out += "soft\t\(key)\t\(value.count)\t\(value.last)\t\(value.reason)\n"
        }
        return Array(out.utf8)
    }

    /// Writes the state atomically.
    public func save(path: String, displayPath: String, today: String) throws(FileError) {
        try AtomicFile.write(encoded(today: today), to: path, shown: displayPath, role: "bounce state file",
                             newFileMode: 0o600)
    }

    /// `YYYY-MM-DD` in UTC.
    public static func day(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        return day(daysSinceEpoch: seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400)
    }

    static func day(offsetDays: Int, from text: String) -> String {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return text }
        return day(daysSinceEpoch: daysSinceEpoch(year: parts[0], month: parts[1], day: parts[2]) + offsetDays)
    }

    // Howard Hinnant's civil-date algorithms (proleptic Gregorian calendar).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func day(daysSinceEpoch days: Int) -> String {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp + (mp < 10 ? 3 : -9)
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return String(format: "%04d-%02d-%02d", y, m, d)
    }
}
