// RunSummaryJSON: how a run ended, as one JSON object for the notify hook's standard input.
import Campaign
import Foundation

/// The summary `[notify] command` reads on standard input (docs/monitoring.md has an example).
enum RunSummaryJSON {
    static func render(
        campaignID: String, summary: SendSummary?, statistics: RunStatistics.Snapshot, exitCode: ExitCode,
        error: String?
    ) -> String {
        var members: [(String, String)] = [
            ("campaign", JSONText.quote(campaignID)),
            ("exit_code", String(exitCode.rawValue)),
            ("finished", JSONText.quote(EventLogLine.timestamp(Date()))),
        ]
        let counts = (summary?.recorded ?? statistics.byState).sorted { $0.key < $1.key }
        members.append(("counts", JSONText.object(counts.map { ($0.key, String($0.value)) })))
        let seconds = summary?.seconds ?? statistics.elapsed
        members.append(("seconds", String(format: "%.3f", seconds)))
        members.append(("attempts", String(statistics.attempts)))
        members.append(("rate", String(format: "%.3f", seconds > 0 ? Double(statistics.attempts) / seconds : 0)))
        if let summary {
            members.append(("already_done", String(summary.alreadyDone)))
            members.append(("deferred_remaining", String(summary.deferredRemaining)))
            members.append(("stopped", summary.stoppedEarly.map(JSONText.quote) ?? "null"))
            members.append(("journal", JSONText.object([
                ("records", String(summary.journal.records)), ("fsyncs", String(summary.journal.commits)),
                ("intents", String(summary.journal.intents)), ("intent_waits", String(summary.journal.intentWaits)),
            ])))
            if summary.signal != 0 { members.append(("signal", String(summary.signal))) }
            if let trip = summary.guardTrip {
                members.append(("guard", JSONText.object([
                    ("name", JSONText.quote(trip.name)), ("detail", JSONText.quote(trip.detail)),
                    ("advice", JSONText.quote(trip.advice)),
                ])))
            }
        } else {
            members.append(("stopped", JSONText.quote("error")))
        }
        if let error { members.append(("error", JSONText.quote(error))) }
        let failures = statistics.topFailures(RunSummaryText.failureRows).map {
            JSONText.object([("reply", JSONText.quote($0.reply)), ("count", String($0.count))])
        }
        members.append(("top_failures", "[" + failures.joined(separator: ",") + "]"))
        return JSONText.object(members) + "\n"
    }
}
