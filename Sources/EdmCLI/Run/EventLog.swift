// EventLog: the run's events as log lines (text or JSON) on standard error or in an appended log file.
import Campaign
import Foundation
import Synchronization

/// Writes each run event as one line. Intents (debug) are written in JSON, and in text only with --verbose.
final class EventLog: RunObserver {
    private let formatter: EventLogLine
    private let write: @Sendable (String) -> Void
    private let includeIntents: Bool

    init(formatter: EventLogLine, includeIntents: Bool, write: @escaping @Sendable (String) -> Void) {
        self.formatter = formatter
        self.includeIntents = includeIntents
        self.write = write
    }

    func runStarted(_ start: RunStart) {
        var fields: [(String, String)] = []
        if let deliverable = start.deliverable { fields.append(("deliverable", String(deliverable))) }
        fields.append(("relays", "[" + start.relays.map(JSONText.quote).joined(separator: ",") + "]"))
        write(formatter.runLine("run-start", level: "info", message: "run started", fields: fields))
    }

    func record(_ event: RunEvent) {
        if event.kind == .intent, !includeIntents { return }
        write(formatter.line(event))
    }

    func runFinished(_ summary: SendSummary) {
        var fields: [(String, String)] = summary.recorded.sorted { $0.key < $1.key }.map { ($0.key, String($0.value)) }
        fields.append(("seconds", String(format: "%.3f", summary.seconds)))
        fields.append(("journal_fsyncs", String(summary.journal.commits)))
        fields.append(("journal_waits", String(summary.journal.intentWaits)))
        if let reason = summary.stoppedEarly { fields.append(("stopped", JSONText.quote(reason))) }
        if let trip = summary.guardTrip { fields.append(("guard", JSONText.quote(trip.name))) }
        let message = summary.guardTrip.map { "stopped by a safety guard: \($0.detail)" } ?? "run ended"
        write(formatter.runLine("run-end", level: summary.guardTrip == nil ? "info" : "error", message: message, fields: fields))
    }
}
