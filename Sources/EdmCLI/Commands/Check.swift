// edm check: validate a campaign before it goes out.
import Campaign
import Foundation
import Mail
import SMTP

extension EdmCommand {
    /// Validates the campaign file and reports every problem with file:line:column.
    struct Check: Command {
        static let configuration = CommandConfiguration(
            name: "check",
            abstract: "Validate a campaign before it goes out.",
            usage: "check <campaign.toml> [--json] [--spamassassin] [--smtp] [--trace-smtp <file>]",
            discussion: """
                Reports every problem in the campaign file at once, each as file:line:column with what to do,
                then reads every recipient and renders every message as a send would (nothing is written).
                Exit 0 when the campaign is valid (warnings allowed), 78 when the campaign file is not, 65 for
                a bad CSV or template, 66 when a file cannot be read.
                With --smtp, also connects to every relay: EHLO, STARTTLS, AUTH, then QUIT (no mail is sent),
                printing capabilities, TLS version, cipher and certificate; exit 69 when a relay cannot be
                reached, 77 when it refuses the credentials, 78 when TLS verification or policy fails.
                With --json, every finding (campaign file, rendering, compliance lint) is one JSON object per
                line on stdout: {"file","line","column","severity","rule","message"}; exit codes are the same.
                With --spamassassin, the first 5 rendered messages are scored with 'spamassassin -L -t'
                (local tests only), printing each score and its rules; a score of 5.0 or more is a warning.
                """,
            arguments: [ArgumentSpec("campaign.toml", help: "The campaign file to check.")],
            options: [
                OptionSpec("--json", help: "Print findings as JSON, one object per line, on stdout."),
                OptionSpec("--spamassassin", help: "Score up to 5 rendered messages with SpamAssassin."),
                OptionSpec("--smtp", help: "Also connect and log in to every configured relay."),
                OptionSpec("--trace-smtp", value: "file", help: "Append the SMTP dialogue to <file> (AUTH redacted)."),
            ]
        )

        var campaignPath: String
        var smtp: Bool
        var json: Bool
        var spamassassin: Bool
        var tracePath: String?

        init(arguments: inout ArgumentList) throws {
            smtp = try arguments.flag("--smtp")
            json = try arguments.flag("--json")
            spamassassin = try arguments.flag("--spamassassin")
            tracePath = try arguments.option("--trace-smtp")
            campaignPath = try arguments.positional("campaign.toml")
        }

        func run(_ context: CommandContext) throws -> ExitCode {
            guard json else { return try check(context) }
            do {
                return try check(context)
            } catch let failure as CampaignFailure {
                failure.diagnostics.forEach { emit($0, context: context) }
                return EdmCommand.exitCode(for: failure.category)
            }
        }

        /// Every diagnostic goes through here: a JSON line on stdout with --json, else the human form on
        /// stderr (warnings hidden by --quiet).
        private func emit(_ diagnostic: Diagnostic, context: CommandContext) {
            if json {
                context.print(DiagnosticJSON.line(diagnostic))
            } else if diagnostic.severity == .error || !context.globals.quiet {
                context.output.writeErr(DiagnosticPrinter.render(diagnostic, context: context))
            }
        }

        private func check(_ context: CommandContext) throws -> ExitCode {
            let result = try CampaignLoader.load(
                path: campaignPath, currentDirectory: context.currentDirectory, environment: context.environment)
            result.diagnostics.forEach { emit($0, context: context) }
            let errors = result.diagnostics.filter { $0.severity == .error }.count
            let warnings = result.diagnostics.count - errors
            guard let campaign = result.campaign else {
                context.output.writeErr("\(campaignPath): \(errors) error\(errors == 1 ? "" : "s") found; nothing was sent.\n")
                return .config
            }
            // Invariant 6: bad input fails before the first message, so check renders every row too.
            let prepared = try PreparedCampaign(
                campaign: campaign, environment: context.environment, displayPath: context.displayPath)
            prepared.warnings.forEach { emit($0, context: context) }
            let report = try DryRun.run(prepared, date: RFC5322Date.format(Date(), timeZone: .current))
            for example in report.examples["error", default: []] {
                if json {
                    emit(DiagnosticJSON.renderError(example, campaignFile: campaign.file), context: context)
                } else {
                    context.error(example)
                }
            }
            var summary = "\(campaignPath): ok: campaign '\(campaign.id)', \(campaign.transport.kind.rawValue) transport, "
                + "\(report.rendered) of \(report.rows) recipients would be mailed"
            if warnings > 0 { summary += ", \(warnings) warning\(warnings == 1 ? "" : "s")" }
            guard report.renderErrors == 0 else {
                context.output.writeErr("\(campaignPath): \(report.renderErrors) rows cannot be rendered; nothing was sent.\n")
                return .dataError
            }
            let findings = try ComplianceLint.check(prepared, displayPath: context.displayPath)
            findings.forEach { emit($0, context: context) }
            let lintErrors = findings.filter { $0.severity == .error }.count
            guard lintErrors == 0 else {
                context.output.writeErr("\(campaignPath): \(lintErrors) compliance error\(lintErrors == 1 ? "" : "s"); nothing was sent.\n")
                return .config
            }
            if spamassassin {
                try scoreWithSpamAssassin(prepared, context: context)
            }
            if !json {
                context.info(summary)
                // The rows that will not be mailed, and why: what a marketer needs to see before sending.
                for state in SkipReason.states {
                    let count = report.skipped[state, default: 0]
                    guard count > 0 else { continue }
                    context.info("  \(state.padding(toLength: 11, withPad: " ", startingAt: 0)) \(count)")
                    for example in report.examples[state, default: []] { context.info("      \(example)") }
                }
            }
            return smtp ? try probeRelays(campaign, context: context) : .success
        }

        /// Scores the first few rendered messages with `spamassassin -L -t`; its absence is a warning.
        private func scoreWithSpamAssassin(_ prepared: PreparedCampaign, context: CommandContext) throws {
            let file = prepared.campaign.file
            guard let executable = SpamAssassin.executable(searchPath: context.environment["PATH"]) else {
                emit(Diagnostic(.warning, file: file, line: 0, column: 0,
                    message: "spamassassin is not on PATH, so no message was scored; install it (Debian: "
                        + "apt-get install spamassassin) (rule spamassassin)"), context: context)
                return
            }
            let messages = try SpamAssassin.sample(prepared, limit: Self.spamSample)
            for (index, message) in messages.enumerated() {
                let score: SpamAssassin.Score
                do {
                    score = try SpamAssassin.score(message.bytes, executable: executable)
                } catch {
                    emit(Diagnostic(.warning, file: file, line: 0, column: 0,
                        message: "\(error) (rule spamassassin)"), context: context)
                    return
                }
                let rules = score.rules.isEmpty ? "none" : score.rules.joined(separator: ",")
                let line = "spamassassin: message \(index + 1) (\(message.recipient)): score \(score.score), rules \(rules)"
                if json { context.output.writeErr(line + "\n") } else { context.print(line) }
                if score.score >= SpamAssassin.spamThreshold {
                    emit(Diagnostic(.warning, file: file, line: 0, column: 0,
                        message: "message \(index + 1) (\(message.recipient)) scores \(score.score) with spamassassin, "
                            + "at or above its spam threshold of 5.0 (rules \(rules)); look up each rule and change "
                            + "the content that fires it (rule spamassassin)"), context: context)
                }
            }
        }

        /// How many rendered messages `--spamassassin` scores (each run takes a second or two).
        static let spamSample = 5

        /// Connects to each relay like a send would, and reports what it found.
        private func probeRelays(_ campaign: Campaign, context: CommandContext) throws -> ExitCode {
            guard let settings = campaign.transport.smtp, !settings.relays.isEmpty else {
                context.error("\(campaignPath) configures no [[smtp.relay]] to check")
                return .config
            }
            let trace = try tracePath.map { try TranscriptFile(path: context.absolutePath($0), label: "check") }
            var worst = ExitCode.success
            for relaySettings in settings.relays {
                let relay = try RelayEndpoint(
                    settings: relaySettings, smtp: settings, environment: context.environment, file: campaign.file)
                relay.insecurityWarnings.forEach { context.warning($0) }
                do {
                    let report = try SMTPClient.probe(relay.configuration, tlsContext: relay.tlsContext, transcript: trace)
                    context.print(RelayReport.render(report, relay: relay))
                } catch {
                    context.error("relay \(relay.name): \(error)")
                    let code: ExitCode = switch error.category {
                    case .credentialsRefused: .noPermission
                    case .configuration: .config
                    case .unavailable, .messageRejected: .unavailable
                    }
                    if worst == .success || code == .noPermission { worst = code }
                }
            }
            return worst
        }
    }
}
