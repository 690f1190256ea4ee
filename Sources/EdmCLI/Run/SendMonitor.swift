// SendMonitor: wires one run's observers (statistics, progress, event log, metrics file) and drives them.
import Campaign
import Foundation

/// What `edm send` was asked to show while it runs.
struct MonitorOptions {
    /// `--no-progress`, or `--quiet`: no progress line.
    var progress = true
    /// `--progress-interval`: seconds between plain progress lines when standard error is not a terminal.
    var progressInterval = 30.0
    /// `--log-format`, when given.
    var logFormat: EventLogLine.Format?
    /// `--log-file`.
    var logFile: String?
    /// `--metrics-file`.
    var metricsFile: String?
}

/// The observers of one run, and the ticker that redraws progress and rewrites the metrics file.
final class SendMonitor {
    /// Seconds between rewrites of the metrics file during the run.
    static let metricsInterval = 5.0

    let statistics = RunStatistics()
    let observer: RunObservers
    let mask: AddressMask
    private let console: StatusConsole
    private let progress: ProgressReporter?
    private let metrics: MetricsFile?
    private var ticker: RunTicker?

    /// - Throws: `FileError` (exit 73) when the log file or the metrics file cannot be written: checked before
    ///   anything is sent.
    init(options: MonitorOptions, campaign: Campaign, context: CommandContext) throws {
        mask = AddressMask(enabled: campaign.privacy.maskAddresses)
        let output = context.output
        console = StatusConsole(write: output.writeErr, escapes: context.colorsStderr)
        var observers: [any RunObserver] = [statistics]
        if options.progress, !context.globals.quiet {
            let live = output.stderrIsTerminal && context.environment["TERM"] != "dumb"
            if live {
                progress = ProgressReporter(
                    statistics: statistics, console: console, mode: .live, width: ProgressReporter.terminalWidth())
            } else if options.progressInterval > 0 {
                progress = ProgressReporter(
                    statistics: statistics, console: console, mode: .periodic(seconds: options.progressInterval))
            } else {
                progress = nil
            }
        } else {
            progress = nil
        }
        // The event log: asked for by --log-format or --log-file; --verbose alone gives text on stderr.
        if options.logFormat != nil || options.logFile != nil || context.globals.verbose {
            let format = options.logFormat ?? .text
            let formatter = EventLogLine(format: format, mask: mask, campaignID: campaign.id)
            let write: @Sendable (String) -> Void
            if let path = options.logFile {
                let file = try AppendFile(path: context.absolutePath(path), shown: path, role: "log file")
                write = { file.write($0) }
            } else {
                let console = console
                write = { console.print($0) }
            }
            observers.append(EventLog(
                formatter: formatter, includeIntents: format == .json || context.globals.verbose, write: write))
        }
        observer = RunObservers(observers)
        if let path = options.metricsFile {
            let file = MetricsFile(path: context.absolutePath(path), shown: path)
            try file.write(MetricsExposition.render(statistics.snapshot))
            metrics = file
        } else {
            metrics = nil
        }
    }

    /// Starts redrawing progress (about 10 times a second at most) and rewriting the metrics file.
    func begin() {
        guard progress != nil || metrics != nil else { return }
        let progress = progress, metrics = metrics, statistics = statistics
        let lastWrite = LastWrite()
        ticker = RunTicker(interval: 0.1) {
            progress?.tick()
            if let metrics, lastWrite.due(every: Self.metricsInterval) {
                // A failed rewrite during the run is retried at the next interval and reported at the end.
                try? metrics.write(MetricsExposition.render(statistics.snapshot))
            }
        }
    }

    /// Stops the ticker, clears the live line and writes the final metrics.
    /// - Returns: a warning when the final metrics file could not be written.
    func end(_ summary: SendSummary?) -> String? {
        ticker?.stop()
        ticker = nil
        progress?.finish()
        guard let metrics else { return nil }
        do {
            try metrics.write(MetricsExposition.render(
                statistics.snapshot, finished: true, guardTrip: summary?.guardTrip))
            return nil
        } catch {
            return error.description
        }
    }

    /// Writes whole lines to standard error above the progress line.
    func printAbove(_ text: String) { console.print(text) }
}

/// When the metrics file was last written.
private final class LastWrite: Sendable {
    private let last = Locked(Double(DispatchTime.now().uptimeNanoseconds) / 1e9)

    func due(every seconds: Double) -> Bool {
        let now = Double(DispatchTime.now().uptimeNanoseconds) / 1e9
        return last.withLock { last in
            guard now - last >= seconds else { return false }
            last = now
            return true
        }
    }
}
