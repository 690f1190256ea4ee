// edm send: send a campaign, resuming from its journal; --dry-run renders everything and sends nothing.
import Campaign
import Foundation
import Mail

extension EdmCommand {
    /// Sends a campaign. In this version only --dry-run is available through the smtp transport's absence.
    struct Send: Command {
        static let configuration = CommandConfiguration(
            name: "send",
            abstract: "Send a campaign (or --dry-run: render every message, send nothing).",
            usage: "send <campaign.toml> [--dry-run]",
            discussion: """
                With --dry-run, reads every recipient, applies every check (addresses, duplicates, consent,
                suppression lists), renders and builds every message exactly as a send would, writes nothing,
                and prints counts with the first examples of each problem. Exit 0 when every row could be
                rendered, 65 when a template or a row has an error, 78 for an invalid campaign file.
                """,
            arguments: [ArgumentSpec("campaign.toml", help: "The campaign to send.")],
            options: [
                OptionSpec("--dry-run", help: "Render and check everything; send and write nothing."),
            ]
        )

        var campaignPath: String
        var dryRun: Bool

        init(arguments: inout ArgumentList) throws {
            dryRun = try arguments.flag("--dry-run")
            campaignPath = try arguments.positional("campaign.toml")
        }

        func run(_ context: CommandContext) throws -> ExitCode {
            let (campaign, warnings) = try CampaignLoader.loadValid(
                path: campaignPath, currentDirectory: context.currentDirectory, environment: context.environment)
            for warning in warnings where !context.globals.quiet {
                context.output.writeErr(DiagnosticPrinter.render(warning, context: context))
            }
            let prepared = try PreparedCampaign(
                campaign: campaign, environment: context.environment, displayPath: context.displayPath)
            for warning in prepared.warnings where !context.globals.quiet {
                context.output.writeErr(DiagnosticPrinter.render(warning, context: context))
            }
            guard dryRun else {
                throw UsageError(
                    "sending is not built yet in this version; use --dry-run (or edm preview) to render the campaign",
                    usage: Self.configuration.usageLine, commandName: "send")
            }
            let report = try DryRun.run(prepared, date: RFC5322Date.format(Date(), timeZone: .current))
            printReport(report, context: context)
            return report.renderErrors > 0 ? .dataError : .success
        }

        private func printReport(_ report: DryRunReport, context: CommandContext) {
            let rate = report.seconds > 0 ? Int(Double(report.rendered) / report.seconds) : 0
            context.print("dry run: \(report.rows) rows, \(report.rendered) messages would be sent "
                + "(\(report.bytes / 1024) KiB, rendered in \(String(format: "%.2f", report.seconds)) s, \(rate)/s)")
            for state in ["invalid", "duplicate", "no-consent", "suppressed"] {
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
