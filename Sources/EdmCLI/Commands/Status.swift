// edm status: what has happened to a campaign so far, from its journal.
import Campaign
import Foundation

extension EdmCommand {
    /// Prints counts by state, a per-domain table, deferred recipients with due times, uncertain ones and the
    /// most frequent failures.
    struct Status: Command {
        static let configuration = CommandConfiguration(
            name: "status",
            abstract: "Show what has happened to a campaign, from its journal.",
            usage: "status <campaign.toml> [--json] [--domains <n>]",
            discussion: """
                Reads the journal only (no lock is taken, so it works while a send runs). States: accepted,
                deferred (with due times), failed, uncertain (an attempt whose outcome is unknown; resend with
                edm send --resend-uncertain), expired, suppressed, invalid, duplicate, no-consent.
                """,
            arguments: [ArgumentSpec("campaign.toml", help: "The campaign.")],
            options: [
                OptionSpec("--json", help: "One JSON object instead of tables."),
                OptionSpec("--domains", value: "n", help: "Rows of the per-domain table (default: 10)."),
                OptionSpec("--shard", value: "K/N", help: "The journal of shard K of N (see edm help send)."),
            ]
        )

        static let stateOrder = ["accepted", "deferred", "failed", "uncertain", "expired", "suppressed", "invalid",
                                 "duplicate", "no-consent"]

        var campaignPath: String
        var json: Bool
        var domainRows: Int
        var shard: Shard?

        init(arguments: inout ArgumentList) throws {
            json = try arguments.flag("--json")
            domainRows = try arguments.option("--domains", in: 0...10_000) ?? 10
            shard = try arguments.shard()
            campaignPath = try arguments.positional("campaign.toml")
        }

        func run(_ context: CommandContext) throws -> ExitCode {
            let (campaign, journalPath) = try context.campaignJournal(campaignPath, shard: shard)
            let status = try CampaignStatus.read(journalPath: journalPath)
            if json {
                printJSON(status, campaign: campaign, context: context)
                return .success
            }
            guard status.journalExists else {
                context.print("\(campaign.id): nothing sent yet (no journal at \(context.displayPath(journalPath)))")
                return .success
            }
            context.print("\(campaign.id): \(status.recipients) recipients in the journal")
            for state in Self.stateOrder {
                let count = status.counts[state, default: 0]
                if count > 0 { context.print("  \(state.padding(toLength: 11, withPad: " ", startingAt: 0)) \(count)") }
            }
            if !status.domains.isEmpty, domainRows > 0 {
                context.print("\ndomain                          accepted  deferred    failed     other")
                for row in status.domains.prefix(domainRows) {
                    let accepted = row.counts["accepted", default: 0]
                    let deferred = row.counts["deferred", default: 0]
                    let failed = row.counts["failed", default: 0]
                    let other = row.counts.values.reduce(0, +) - accepted - deferred - failed
                    context.print(row.domain.padding(toLength: 30, withPad: " ", startingAt: 0)
                        + [accepted, deferred, failed, other].map { String($0).leftPadded(10) }.joined())
                }
            }
            if !status.deferred.isEmpty {
                context.print("\ndeferred (retried by the next edm send when due):")
                let formatter = ISO8601DateFormatter()
                for item in status.deferred.prefix(20) {
                    context.print("  \(item.key)  due \(item.due.map(formatter.string) ?? "now")  \(item.reply ?? "")")
                }
            }
            if !status.uncertain.isEmpty {
                context.print("\nuncertain (may have been delivered; edm send --resend-uncertain resends with the same Message-ID):")
                for item in status.uncertain.prefix(50) { context.print("  \(item.key)  \(item.messageID ?? "")") }
            }
            if !status.topFailures.isEmpty {
                context.print("\nmost frequent failure replies:")
                for failure in status.topFailures.prefix(10) { context.print("  \(String(failure.count).leftPadded(6))  \(failure.reply)") }
            }
            return .success
        }

        private func printJSON(_ status: CampaignStatus, campaign: Campaign, context: CommandContext) {
            let formatter = ISO8601DateFormatter()
            let counts = "{" + Self.stateOrder.map { "\(JSONText.quote($0)):\(status.counts[$0, default: 0])" }.joined(separator: ",") + "}"
            let domains = "[" + status.domains.map { row in
                JSONText.object([("domain", JSONText.quote(row.domain)),
                                 ("counts", "{" + row.counts.sorted { $0.key < $1.key }.map { "\(JSONText.quote($0.key)):\($0.value)" }.joined(separator: ",") + "}")])
            }.joined(separator: ",") + "]"
            let deferred = "[" + status.deferred.map {
                JSONText.object([("key", JSONText.quote($0.key)), ("due", $0.due.map { JSONText.quote(formatter.string(from: $0)) } ?? "null"),
                                 ("reply", $0.reply.map(JSONText.quote) ?? "null")])
            }.joined(separator: ",") + "]"
            let uncertain = "[" + status.uncertain.map {
                JSONText.object([("key", JSONText.quote($0.key)), ("message_id", $0.messageID.map(JSONText.quote) ?? "null")])
            }.joined(separator: ",") + "]"
            let failures = "[" + status.topFailures.prefix(20).map {
                JSONText.object([("reply", JSONText.quote($0.reply)), ("count", String($0.count))])
            }.joined(separator: ",") + "]"
            context.print(JSONText.object([
                ("campaign", JSONText.quote(campaign.id)), ("recipients", String(status.recipients)), ("counts", counts),
                ("domains", domains), ("deferred", deferred), ("uncertain", uncertain), ("top_failures", failures),
            ]))
        }
    }
}

extension String {
    /// Right-aligned in `width` columns.
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
