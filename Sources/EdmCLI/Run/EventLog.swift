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
        if let reason = summary.stoppedEarly { fields.append(("stopped", JSONText.quote(reason))) }
        if let trip = summary.guardTrip { fields.append(("guard", JSONText.quote(trip.name))) }
        let message = summary.guardTrip.map { "stopped by a safety guard: \($0.detail)" } ?? "run ended"
        write(formatter.runLine("run-end", level: summary.guardTrip == nil ? "info" : "error", message: message, fields: fields))
    }
}

/// A log file opened for appending (created 0600: it names recipients), written line by line under a lock.
final class AppendFile: Sendable {
    private let descriptor: Int32
    private let lock = Mutex(())

    /// - Throws: `FileError` (exit 73) when it cannot be opened.
    init(path: String, shown: String, role: String) throws(FileError) {
        descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw FileError(.cannotWrite(reason: String(cString: strerror(errno))), path: shown, role: role)
        }
    }

    deinit { close(descriptor) }

    /// Appends `text`; O_APPEND makes each write land at the end even with other writers (logrotate's copy).
    func write(_ text: String) {
        let bytes = Array(text.utf8)
        lock.withLock { _ in
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }
}
