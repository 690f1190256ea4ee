// RunSummaryText: the end-of-send summary: the counts line scripts read, then domains, failures, duration, rate.
import Campaign
import Foundation

/// The lines `edm send` prints when a run ends. The first line is the one earlier versions printed alone
/// (scripts may read it); the rest is for people.
enum RunSummaryText {
    static let domainRows = 10
    static let failureRows = 5

    static func lines(_ summary: SendSummary, campaignID: String, statistics: RunStatistics.Snapshot) -> [String] {
        var lines = [countsLine(summary, campaignID: campaignID)]
        guard statistics.attempts > 0 || !statistics.byDomain.isEmpty else { return lines }
        let rate = summary.seconds > 0 ? Double(statistics.attempts) / summary.seconds : 0
        lines.append(String(format: "  %d attempts in %@, %.1f msg/s", statistics.attempts,
                            ProgressReporter.duration(summary.seconds), rate))
        if let journal = journalLine(summary.journal) { lines.append(journal) }
        let domains = statistics.topDomains(domainRows)
        if !domains.isEmpty {
            let width = max(6, domains.map(\.domain.count).max() ?? 6)
            func row(_ cells: [String]) -> String {
                "  " + cells[0].padding(toLength: width, withPad: " ", startingAt: 0)
                    + cells.dropFirst().map { String(repeating: " ", count: max(1, 10 - $0.count)) + $0 }.joined()
            }
            lines.append(row(["domain", "sent", "deferred", "failed", "other"]))
            for (domain, counts) in domains {
                lines.append(row([domain, "\(counts.accepted)", "\(counts.deferred)", "\(counts.failed)", "\(counts.other)"]))
            }
            if statistics.byDomain.count > domains.count {
                lines.append("  … and \(statistics.byDomain.count - domains.count) more domains")
            }
        }
        let failures = statistics.topFailures(failureRows)
        if !failures.isEmpty {
            lines.append("  most frequent failure replies:")
            for (reply, count) in failures { lines.append(String(format: "  %6d  ", count) + reply) }
        }
        return lines
    }

    /// "  journal: 2400 records in 310 fsyncs; sending waited for the disk 12 times (1.0% of 1200 intents)":
    /// a high share means the journal's disk, not the relay, sets the pace (docs/monitoring.md).
    static func journalLine(_ journal: JournalWriter.Statistics) -> String? {
        guard journal.intents > 0 else { return nil }
        let share = 100 * Double(journal.intentWaits) / Double(journal.intents)
        return String(format: "  journal: %d records in %d fsyncs; sending waited for the disk %d times (%.1f%% of %d intents)",
                      journal.records, journal.commits, journal.intentWaits, share, journal.intents)
    }

    /// "spring: 95 sent, 3 deferred, 2 failed in 12.3 s (stopped: safety guard)".
    static func countsLine(_ summary: SendSummary, campaignID: String) -> String {
        var line = "\(campaignID): \(summary.recorded["accepted", default: 0]) sent"
        for state in ["deferred", "failed", "uncertain", "suppressed", "invalid", "duplicate", "no-consent", "expired"] {
            let count = summary.recorded[state, default: 0]
            if count > 0 { line += ", \(count) \(state)" }
        }
        if summary.alreadyDone > 0 { line += ", \(summary.alreadyDone) already done" }
        if summary.uncertainSkipped > 0 { line += ", \(summary.uncertainSkipped) uncertain not resent (--resend-uncertain)" }
        if summary.deferredRemaining > 0 { line += ", \(summary.deferredRemaining) deferred for a later run" }
        if summary.autoSuppressed > 0 { line += ", \(summary.autoSuppressed) unknown users added to the suppression list" }
        line += String(format: " in %.1f s", summary.seconds)
        if let trip = summary.guardTrip {
            line += " (stopped: safety guard \(trip.name))"
        } else if let reason = summary.stoppedEarly {
            line += " (stopped: \(reason))"
        }
        return line
    }
}
