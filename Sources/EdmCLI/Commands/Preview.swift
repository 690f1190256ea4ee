// edm preview: write rendered messages as .eml files and an index.html to look at them.
import Campaign
import Foundation
import Mail

extension EdmCommand {
    /// Renders the first N deliverable recipients (or chosen ones) to files, for a human to inspect.
    struct Preview: Command {
        static let configuration = CommandConfiguration(
            name: "preview",
            abstract: "Write rendered messages as .eml files and an index.html.",
            usage: "preview <campaign.toml> [--out <dir>] [--limit <n>] [--row <line>] [--to <address>]",
            discussion: """
                Renders messages exactly as a send would and writes each as an .eml file (CRLF line ends), plus
                index.html listing recipient and subject with a sandboxed view of each HTML part. Nothing is
                sent and the journal is not touched. Default folder: preview/ beside the campaign file.
                """,
            arguments: [ArgumentSpec("campaign.toml", help: "The campaign to preview.")],
            options: [
                OptionSpec("--out", short: "-o", value: "dir", help: "Folder for the files (default: preview/)."),
                OptionSpec("--limit", short: "-n", value: "n", help: "How many messages (default: 10)."),
                OptionSpec("--row", value: "line", help: "Only the recipient on this CSV line (repeatable)."),
                OptionSpec("--to", value: "address", help: "Only this recipient address (repeatable)."),
            ]
        )

        var campaignPath: String
        var outDirectory: String?
        var limit: Int
        var rows: Set<Int> = []
        var addresses: Set<String> = []

        init(arguments: inout ArgumentList) throws {
            outDirectory = try arguments.option("--out")
            limit = try arguments.option("--limit", in: 1...100_000) ?? 10
            while let row = try arguments.option("--row", in: 1...Int(Int32.max)) { rows.insert(row) }
            while let address = try arguments.option("--to") { addresses.insert(address.lowercased()) }
            campaignPath = try arguments.positional("campaign.toml")
        }

        func run(_ context: CommandContext) throws -> ExitCode {
            let prepared = try context.prepareCampaign(campaignPath)
            let campaign = prepared.campaign
            let folder = outDirectory.map(context.absolutePath)
                ?? (campaign.baseDirectory as NSString).appendingPathComponent("preview")
            let writer = try PreviewWriter(folder: folder)
            let date = RFC5322Date.format(Date(), timeZone: .current)
            var written = 0
            while written < limit, let decision = try prepared.next() {
                guard case .deliver(let recipient, let address, let key) = decision else { continue }
                if !rows.isEmpty, !rows.contains(recipient.line) { continue }
                if !addresses.isEmpty, !addresses.contains(key), !addresses.contains(recipient.rawEmail.lowercased()) { continue }
                let message = try prepared.renderer.render(recipient, address: address, key: key, date: date)
                try writer.add(message, line: recipient.line)
                written += 1
            }
            try writer.finish()
            context.info("wrote \(written) message\(written == 1 ? "" : "s") and index.html to \(context.displayPath(folder))")
            return .success
        }
    }
}
