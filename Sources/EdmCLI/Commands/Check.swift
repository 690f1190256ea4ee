// edm check: validate a campaign before it goes out.
import Campaign
import Foundation
import Mail

extension EdmCommand {
    /// Validates the campaign file and reports every problem with file:line:column.
    struct Check: Command {
        static let configuration = CommandConfiguration(
            name: "check",
            abstract: "Validate a campaign before it goes out.",
            usage: "check <campaign.toml>",
            discussion: """
                Reports every problem in the campaign file at once, each as file:line:column with what to do,
                then reads every recipient and renders every message as a send would (nothing is written).
                Exit 0 when the campaign is valid (warnings allowed), 78 when the campaign file is not, 65 for
                a bad CSV or template, 66 when a file cannot be read.
                """,
            arguments: [ArgumentSpec("campaign.toml", help: "The campaign file to check.")]
        )

        var campaignPath: String

        init(arguments: inout ArgumentList) throws {
            campaignPath = try arguments.positional("campaign.toml")
        }

        func run(_ context: CommandContext) throws -> ExitCode {
            let result = try CampaignLoader.load(
                path: campaignPath, currentDirectory: context.currentDirectory, environment: context.environment)
            for diagnostic in result.diagnostics where diagnostic.severity == .error || !context.globals.quiet {
                context.output.writeErr(DiagnosticPrinter.render(diagnostic, context: context))
            }
            let errors = result.diagnostics.filter { $0.severity == .error }.count
            let warnings = result.diagnostics.count - errors
            guard let campaign = result.campaign else {
                context.output.writeErr("\(campaignPath): \(errors) error\(errors == 1 ? "" : "s") found; nothing was sent.\n")
                return .config
            }
            // Invariant 6: bad input fails before the first message, so check renders every row too.
            let prepared = try PreparedCampaign(
                campaign: campaign, environment: context.environment, displayPath: context.displayPath)
            for warning in prepared.warnings where !context.globals.quiet {
                context.output.writeErr(DiagnosticPrinter.render(warning, context: context))
            }
            let report = try DryRun.run(prepared, date: RFC5322Date.format(Date(), timeZone: .current))
            for example in report.examples["error", default: []] {
                context.error(example)
            }
            var summary = "\(campaignPath): ok: campaign '\(campaign.id)', \(campaign.transport.kind.rawValue) transport, "
                + "\(report.rendered) of \(report.rows) recipients would be mailed"
            if warnings > 0 { summary += ", \(warnings) warning\(warnings == 1 ? "" : "s")" }
            guard report.renderErrors == 0 else {
                context.output.writeErr("\(campaignPath): \(report.renderErrors) rows cannot be rendered; nothing was sent.\n")
                return .dataError
            }
            context.info(summary)
            return .success
        }
    }
}
