// edm check: validate a campaign before it goes out.
import Campaign

extension EdmCommand {
    /// Validates the campaign file and reports every problem with file:line:column.
    struct Check: Command {
        static let configuration = CommandConfiguration(
            name: "check",
            abstract: "Validate a campaign before it goes out.",
            usage: "check <campaign.toml>",
            discussion: """
                Reports every problem in the campaign file at once, each as file:line:column with what to do.
                Exit 0 when the campaign is valid (warnings allowed), 78 when it is not, 66 when the file
                cannot be read.
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
            var summary = "\(campaignPath): ok: campaign '\(campaign.id)', \(campaign.transport.kind.rawValue) transport"
            if warnings > 0 { summary += ", \(warnings) warning\(warnings == 1 ? "" : "s")" }
            context.info(summary)
            return .success
        }
    }
}
