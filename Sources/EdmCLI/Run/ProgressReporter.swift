// ProgressReporter: the live status line on a terminal, or a plain progress line every N seconds for cron.
import Campaign
import Foundation

/// Shows how a run is going from `RunStatistics`. `tick()` is called about ten times a second by
/// `RunTicker`: on a terminal the line is redrawn when it changed (so at most 10 times a second); otherwise a
/// line is printed every `interval` seconds.
final class ProgressReporter: Sendable {
    enum Mode: Sendable, Equatable {
        case live
        case periodic(seconds: Double)
    }

    private let statistics: RunStatistics
    private let console: StatusConsole
    private let mode: Mode
    /// Terminal columns: a longer live line would wrap, and ESC [2K clears only the last row of it.
    private let width: Int?
    private let state = Locked<(shown: String, lastPrint: Double)>(("", 0))

    init(statistics: RunStatistics, console: StatusConsole, mode: Mode, width: Int? = nil) {
        self.statistics = statistics
        self.console = console
        self.mode = mode
        self.width = width
        state.withLock { $0.lastPrint = Self.monotonicNow() }
    }

    func tick() {
        var line = Self.line(statistics.headline)
        switch mode {
        case .live:
            if let width, width > 1, line.count >= width { line = String(line.prefix(width - 2)) + "…" }
            let changed = state.withLock { state -> Bool in
                guard state.shown != line else { return false }
                state.shown = line
                return true
            }
            if changed { console.show(line) }
        case .periodic(let seconds):
            let now = Self.monotonicNow()
            let due = state.withLock { state -> Bool in
                guard now - state.lastPrint >= seconds else { return false }
                state.lastPrint = now
                return true
            }
            if due { console.print("progress: " + line + "\n") }
        }
    }

    /// Clears the live line before the summary.
    func finish() {
        if mode == .live { console.clear() }
    }

    /// "120 accepted, 3 deferred, 1 failed, 0 suppressed, 12.5 msg/s, 37% ETA 2m10s, relays 2/2 up"
    static func line(_ snapshot: RunStatistics.Snapshot) -> String {
        var parts = [
            "\(snapshot.count(.accepted)) accepted", "\(snapshot.count(.deferred)) deferred",
            "\(snapshot.count(.failed)) failed", "\(snapshot.count(.suppressed)) suppressed",
            String(format: "%.1f msg/s", snapshot.rate),
        ]
        if let total = snapshot.deliverableTotal, total > 0 {
            let percent = min(100, snapshot.deliverableRead * 100 / total)
            var progress = "\(percent)%"
            if let left = snapshot.estimatedSecondsLeft() { progress += " ETA " + duration(left) }
            parts.append(progress)
        }
        if !snapshot.relays.isEmpty { parts.append("relays \(snapshot.relaysUp)/\(snapshot.relays.count) up") }
        return parts.joined(separator: ", ")
    }

    /// "45s", "2m10s", "3h05m".
    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        if whole < 60 { return "\(whole)s" }
        if whole < 3600 { return "\(whole / 60)m\(String(format: "%02d", whole % 60))s" }
        return "\(whole / 3600)h\(String(format: "%02d", (whole % 3600) / 60))m"
    }

    /// Columns of the terminal on standard error (TIOCGWINSZ), or nil when unknown.
    static func terminalWidth() -> Int? {
        var size = winsize()
        guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    private static func monotonicNow() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
}
