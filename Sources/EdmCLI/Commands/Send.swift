// edm send: send a campaign, resuming from its journal; --dry-run renders everything and sends nothing.
import Campaign
import Foundation
import Mail
import Synchronization

extension EdmCommand {
    /// Sends a campaign through its transport, resuming from the journal; or renders it all with --dry-run.
    struct Send: Command {
        static let configuration = CommandConfiguration(
            name: "send",
            abstract: "Send a campaign (or --dry-run: render every message, send nothing).",
            usage: "send <campaign.toml> [--dry-run] [--limit <n>] [--max-duration <time>] [--resend-uncertain] ...",
            discussion: """
                Sends every recipient not already done according to the campaign's journal, so running it again
                resumes where the last run stopped and mails nobody twice. Recipients whose last attempt is
                uncertain (the run died or the connection dropped while the message was in flight: at most five
                per connection, two with a relay across a network) are not resent unless you pass
                --resend-uncertain (same Message-ID). A second edm send on the same campaign exits 4.
                With --dry-run, reads every recipient, applies every check, renders and builds every message
                exactly as a send would, writes nothing, and prints counts with the first examples of each
                problem (exit 0, or 65 when a template or row has an error).
                Before anything is sent the campaign is checked as edm check does (compliance errors: exit 78).
                Outside campaign.send_window or before campaign.not_before nothing is sent (exit 75).
                The list is counted first: more deliverable recipients than campaign.max_recipients is refused
                (exit 65); more than guards.confirm_above (default 10000) asks y/N on a terminal and otherwise
                needs --yes (exit 64 without it).
                While it runs: a live status line on a terminal, or a progress line every --progress-interval
                (default 30s) otherwise; per-recipient log lines with --log-format or --log-file (or -v); a
                Prometheus textfile with --metrics-file. The safety guards ([guards]) stop a run whose recent
                bounce, block or deferral rate is too high, or that cannot reach any relay: exit 3, journal
                consistent; fix the cause and run again to resume. [notify] command runs when the run ends,
                with the summary JSON on its standard input (docs/monitoring.md).
                Exit 0 when done, 3 when a safety guard stopped it, 75 when deferred recipients remain (run
                again later), 69 when no relay was ever reachable, 4 when another run holds the lock, 74 when the
                journal cannot be read or written or is damaged (nothing is sent), 130/143 when stopped by
                SIGINT/SIGTERM (journal consistent; run again to resume).
                """,
            arguments: [ArgumentSpec("campaign.toml", help: "The campaign to send.")],
            options: [
                OptionSpec("--dry-run", help: "Render and check everything; send and write nothing."),
                OptionSpec("--test", help: "Send the first messages (--limit, default 3) only to campaign.test_recipients."),
                OptionSpec("--limit", value: "n", help: "Attempt at most <n> messages in this run."),
                OptionSpec("--max-duration", value: "time", help: "Start no new message after <time> (e.g. 50m)."),
                OptionSpec("--resend-uncertain", help: "Resend recipients whose last attempt is uncertain."),
                OptionSpec("--allow-changed-inputs", help: "Resume although the list or templates changed."),
                OptionSpec("--trace-smtp", value: "file", help: "Append the SMTP dialogue to <file> (AUTH redacted)."),
                OptionSpec("--shard", value: "K/N", help: "Only shard K (0 to N-1) of N, with its own journal (docs/sharding.md)."),
                OptionSpec("--yes", help: "Send a campaign above guards.confirm_above without asking."),
                OptionSpec("--no-progress", help: "No progress line (on a terminal or not)."),
                OptionSpec("--progress-interval", value: "time", help: "Not on a terminal: a progress line every <time> (default 30s; 0: none)."),
                OptionSpec("--log-format", value: "text|json", help: "Log every recipient's events as text or JSON lines."),
                OptionSpec("--log-file", value: "file", help: "Append the log to <file> (created 0600) instead of stderr."),
                OptionSpec("--metrics-file", value: "file", help: "Write Prometheus metrics to <file> during and after the run."),
            ]
        )

        var campaignPath: String
        var dryRun: Bool
        var test: Bool
        var options = SendOptions()
        var tracePath: String?
        var yes: Bool
        var monitoring = MonitorOptions()

        init(arguments: inout ArgumentList) throws {
            dryRun = try arguments.flag("--dry-run")
            test = try arguments.flag("--test")
            options.limit = try arguments.option("--limit", in: 1...Int(Int32.max))
            if let text = try arguments.option("--max-duration") {
                guard let duration = ConfigDuration(parsing: text) else {
                    throw arguments.usageError("--max-duration needs a duration like 50m or 2h, not '\(text)'")
                }
                options.maxDuration = duration.seconds
            }
            options.resendUncertain = try arguments.flag("--resend-uncertain")
            options.allowChangedInputs = try arguments.flag("--allow-changed-inputs")
            tracePath = try arguments.option("--trace-smtp")
            if let text = try arguments.option("--shard") {
                guard let shard = Shard(text) else {
                    throw arguments.usageError("--shard needs K/N with 0 ≤ K < N (e.g. 0/4), not '\(text)'")
                }
                options.shard = shard
            }
            yes = try arguments.flag("--yes")
            monitoring.progress = !(try arguments.flag("--no-progress"))
            if let text = try arguments.option("--progress-interval") {
                guard let interval = text == "0" ? ConfigDuration(seconds: 0) : ConfigDuration(parsing: text) else {
                    throw arguments.usageError("--progress-interval needs a duration like 30s or 5m (0: none), not '\(text)'")
                }
                monitoring.progressInterval = interval.seconds
            }
            if let text = try arguments.option("--log-format") {
                guard let format = EventLogLine.Format(rawValue: text) else {
                    throw arguments.usageError("--log-format is text or json, not '\(text)'")
                }
                monitoring.logFormat = format
            }
            monitoring.logFile = try arguments.option("--log-file")
            monitoring.metricsFile = try arguments.option("--metrics-file")
            campaignPath = try arguments.positional("campaign.toml")
        }

        func run(_ context: CommandContext) throws -> ExitCode {
            let prepared = try context.prepareCampaign(campaignPath)
            let campaign = prepared.campaign
            if dryRun {
                let report = try DryRun.run(prepared, date: RFC5322Date.format(Date(), timeZone: .current))
                printReport(report, context: context)
                return report.renderErrors > 0 ? .dataError : .success
            }
            let transport = try makeTransport(campaign, context: context)
            // The compliance lint runs before any real send too (errors stop it; `check` shows the same).
            let findings = try ComplianceLint.check(prepared, displayPath: context.displayPath)
            for finding in findings where finding.severity == .error || !context.globals.quiet {
                context.output.writeErr(DiagnosticPrinter.render(finding, context: context))
            }
            if findings.contains(where: { $0.severity == .error }) {
                context.output.writeErr("\(campaignPath): the compliance check failed; nothing was sent.\n")
                return .config
            }
            if test {
                return try sendTest(prepared, transport: transport, context: context)
            }
            // campaign.not_before and campaign.send_window: outside them nothing is sent and cron tries again (75).
            if let notBefore = campaign.notBefore?.date, notBefore > Date() {
                context.info("\(campaign.id): not before \(ISO8601DateFormatter().string(from: notBefore)); nothing sent")
                return .tempFail
            }
            var options = self.options
            if let text = campaign.sendWindow, let window = SendWindow(text) {
                guard window.contains(Date()) else {
                    context.info("\(campaign.id): outside the send window \(text); nothing sent")
                    return .tempFail
                }
                // Start no new message after the window closes.
                let untilClose = window.secondsUntilClose(from: Date())
                options.maxDuration = min(options.maxDuration ?? untilClose, untilClose)
            }
            if campaign.journal.hashAddresses, let source = campaign.journal.hashKey {
                do {
                    options.journalHashKey = Array(try source.resolve(environment: context.environment).value.utf8)
                } catch {
                    context.error("journal.hash_key: \(error)")
                    return .config
                }
            }
            let count = try RecipientCount.count(campaign, shard: options.shard, context: context)
            if let refusal = confirm(campaign, count: count, context: context) { return refusal }
            return try send(prepared, transport: transport, options: options, deliverable: count.deliverable, context: context)
        }

        /// `--test`: the first N deliverable rows rendered as usual, each sent to every test recipient with a
        /// "[TEST] " subject, outside the journal (no real recipient's state changes).
        private func sendTest(
            _ prepared: PreparedCampaign, transport: any MessageTransport, context: CommandContext
        ) throws -> ExitCode {
            let campaign = prepared.campaign
            guard !campaign.testRecipients.isEmpty else {
                context.error("--test needs campaign.test_recipients = [\"you@example.com\"] in \(campaignPath)")
                return .config
            }
            let testAddresses = try campaign.testRecipients.map { try AddressParser.parse($0) }
            let date = RFC5322Date.format(Date(), timeZone: .current)
            var messages: [RenderedMessage] = []
            let wanted = options.limit ?? 3
            while messages.count < wanted * testAddresses.count, let decision = try prepared.next() {
                guard case .deliver(let recipient, _, let key) = decision else { continue }
                for address in testAddresses {
                    let message = try prepared.renderer.render(
                        recipient, address: address, key: "test:" + key, date: date, subjectPrefix: "[TEST] ")
                    messages.append(message)
                }
            }
            let results = transport.deliverAll(messages)
            var failures = 0
            for (message, outcome) in zip(messages, results) {
                let verdict = outcome.map { "\($0.kind)" } ?? "not sent"
                if outcome?.kind != .accepted { failures += 1 }
                context.print("test: \(message.recipient.wireForm): \(message.subject): \(verdict)\(outcome?.reply.map { " (\($0))" } ?? "")")
            }
            return failures == 0 ? .success : .tempFail
        }

        private func makeTransport(_ campaign: Campaign, context: CommandContext) throws -> any MessageTransport {
            switch campaign.transport.kind {
            case .outbox:
                return try OutboxTransport(directory: campaign.transport.outboxDirectory)
            case .smtp:
                guard let settings = campaign.transport.smtp else { throw UsageError("no [smtp] section") }
                let relays = try settings.relays.map {
                    try RelayEndpoint(settings: $0, smtp: settings, environment: context.environment, file: campaign.file)
                }
                // Invariant 4: anything that weakens TLS is announced on every run.
                for relay in relays { relay.insecurityWarnings.forEach { context.warning($0) } }
                let trace = try tracePath.map { try TranscriptFile(path: context.absolutePath($0), label: "send") }
                return SMTPTransport(relays: relays, throttle: campaign.throttle, transcript: trace)
            }
        }

        private func printReport(_ report: DryRunReport, context: CommandContext) {
            let rate = report.seconds > 0 ? Int(Double(report.rendered) / report.seconds) : 0
            context.print("dry run: \(report.rows) rows, \(report.rendered) messages would be sent "
                + "(\(report.bytes / 1024) KiB, rendered in \(String(format: "%.2f", report.seconds)) s, \(rate)/s)")
            for state in SkipReason.states {
                let count = report.skipped[state, default: 0]
                guard count > 0 else { continue }
                context.print("  \(state.padding(toLength: 11, withPad: " ", startingAt: 0)) \(count)")
                if !context.globals.quiet {
                    for example in report.examples[state, default: []] { context.print("      \(example)") }
                }
            }
            if report.renderErrors > 0 {
                context.print("  errors      \(report.renderErrors)")
                for example in report.examples["error", default: []] { context.print("      \(example)") }
            }
        }
    }
}
