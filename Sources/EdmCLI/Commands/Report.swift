// edm report: a campaign's journal summed up as text, JSON, CSV or a self-contained HTML page with charts.
import Campaign
import Foundation

extension EdmCommand {
    /// Renders `ReportReader`'s summary (or, for CSV, one row per recipient) to stdout or `--out`.
    struct Report: Command {
        static let configuration = CommandConfiguration(
            name: "report",
            abstract: "Report on a campaign from its journal: text, JSON, CSV, or HTML with charts.",
            usage: "report <campaign.toml> [--format text|json|csv|html] [--out <file>] [--shard K/N]",
            discussion: """
                Reads the journal only (no lock is taken, so it works while a send runs). text: tables
                for a terminal. json: one document (schema in docs/reports.md). csv: one row per
                recipient (its latest record), cells that a spreadsheet would run as formulas are
                defused. html: one self-contained page (inline CSS and SVG charts, no scripts, nothing
                loaded from the network): outcomes, send rate over time, domains, reply codes.
                Counts by state and domain are per recipient; reply codes, failures and the timeline
                count every attempt. With [privacy] mask_addresses, addresses show as a***@example.com.
                Exit 0, 66 when the campaign has no journal yet, 73 when --out cannot be written.

                Examples:
                  edm report campaign.toml
                  edm report campaign.toml --format html --out report.html
                  edm report campaign.toml --format csv --out recipients.csv
                """,
            arguments: [ArgumentSpec("campaign.toml", help: "The campaign.")],
            options: [
                OptionSpec("--format", value: "format", help: "text (default), json, csv or html."),
                OptionSpec("--out", short: "-o", value: "file",
                           help: "Write to this file (replaced when complete) instead of stdout."),
                OptionSpec("--shard", value: "K/N", help: "The journal of shard K of N (see edm help send)."),
            ]
        )

        enum Format: String, CaseIterable { case text, json, csv, html }

        var campaignPath: String
        var format: Format
        var outPath: String?
        var shard: Shard?

        init(arguments: inout ArgumentList) throws {
            let formatText = try arguments.option("--format") ?? "text"
            guard let format = Format(rawValue: formatText) else {
                throw arguments.usageError("--format must be text, json, csv or html, not '\(formatText)'")
            }
            self.format = format
            outPath = try arguments.option("--out")
            shard = try arguments.shard()
            campaignPath = try arguments.positional("campaign.toml")
        }

        func run(_ context: CommandContext) throws -> ExitCode {
            let (campaign, journalPath) = try context.campaignJournal(campaignPath, shard: shard)
            guard FileManager.default.fileExists(atPath: journalPath) else {
                context.error("\(campaign.id) has no journal at \(context.displayPath(journalPath)) yet: nothing has"
                    + " been sent; run edm send first")
                return .noInput
            }
            let sink = try outPath.map { path throws(FileError) in
                try TextSink(path: context.absolutePath(path), shown: path)
            } ?? TextSink(context.output)
            var stream = sink
            if format == .csv {
                try ReportCSVWriter.write(journalPath: journalPath, maskAddresses: campaign.privacy.maskAddresses,
                                          to: &stream)
            } else {
                var report = try ReportReader.read(journalPath: journalPath, hashedAddresses: campaign.journal.hashAddresses)
                report.campaignID = campaign.id
                report.campaignName = campaign.name
                switch format {
                case .text: ReportTextRenderer.write(report, to: &stream)
                case .json: ReportJSONRenderer.write(report, to: &stream)
                case .html: ReportHTMLRenderer.write(report, to: &stream)
                case .csv: break
                }
            }
            try sink.finish()
            if let outPath { context.info("wrote \(format.rawValue) report to \(outPath)") }
            return .success
        }
    }
}
