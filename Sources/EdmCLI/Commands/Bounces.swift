// edm bounces import: read returned mail and turn it into suppression entries and journal outcomes.
import Campaign
import Foundation
import Mail

extension EdmCommand {
    /// `edm bounces import PATH...`: classify bounces, complaints, replies; suppress and record them.
    struct Bounces: Command {
        static let configuration = CommandConfiguration(
            name: "bounces",
            abstract: "Import bounces, complaints and unsubscribe mail into suppression and the journal.",
            usage: "bounces import <path>... [--campaign <campaign.toml>] [--suppression <file>] [--soft-limit <n>]"
                + " [--dry-run] [--json]",
            discussion: """
                Reads .eml files, folders, Maildir folders (cur/ and new/) and mbox files. Each message is
                classified: hard-bounce, soft-bounce, policy-block, complaint, unsubscribe, auto-reply or
                not-a-bounce (docs/bounces.md). Hard bounces, complaints and unsubscribe requests are added
                to the suppression list (the campaign's first suppression.files entry, or --suppression);
                soft bounces are counted per recipient and suppressed at --soft-limit (default 3). With
                --campaign, failures of that campaign's messages are recorded in its journal. Importing the
                same mail again changes nothing (fingerprints are kept in <list>.bounce-state).
                Exit 0 when every input was read, 65 when some were skipped as not mail or too large (the
                rest is imported), 66 when a path does not exist, 73 when the list cannot be written, 4 when
                edm send holds the campaign's lock, 78 for an invalid campaign file.
                """,
            arguments: [
                ArgumentSpec("import", help: "What to do (the only action)."),
                ArgumentSpec("path", help: "Mail files, folders, Maildirs or mbox files."),
            ],
            options: [
                OptionSpec("--campaign", value: "campaign.toml", help: "Campaign for the list, journal and mailto."),
                OptionSpec("--suppression", value: "file", help: "Suppression list to add to (created if missing)."),
                OptionSpec("--soft-limit", value: "n", help: "Soft bounces before a recipient is suppressed (3)."),
                OptionSpec("--dry-run", help: "Classify and report; write nothing."),
                OptionSpec("--json", help: "One JSON object per message instead of the summary."),
            ]
        )

        var paths: [String]
        var campaignPath: String?
        var suppressionPath: String?
        var softLimit: Int
        var dryRun: Bool
        var json: Bool

        init(arguments: inout ArgumentList) throws {
            campaignPath = try arguments.option("--campaign")
            suppressionPath = try arguments.option("--suppression")
            softLimit = try arguments.option("--soft-limit", in: 1...1000) ?? 3
            dryRun = try arguments.flag("--dry-run")
            json = try arguments.flag("--json")
            let verb = try arguments.positional("import")
            guard verb == "import" else {
                var message = "unknown bounces action '\(verb)'"
                if let suggestion = Suggestion.closest(to: verb, in: ["import"]) {
                    message += " (did you mean '\(suggestion)'?)"
                }
                throw arguments.usageError(message)
            }
            paths = arguments.remainingPositionals()
            guard !paths.isEmpty else { throw arguments.usageError("missing argument <path>") }
        }

        func run(_ context: CommandContext) throws -> ExitCode {
            let settings = try importSettings(context)
            let files: [String]
            do {
                files = try BounceInputs.files(for: paths.map(context.absolutePath))
            } catch {
                throw FileError(error.kind, path: context.displayPath(error.path), role: error.role)
            }
            var importer = try BounceImporter(settings: settings)
            var results: [BounceMessageResult] = []
            for file in files {
                for item in BounceInputs.read(file, display: context.displayPath(file)) {
                    let result = importer.process(item)
                    if let problem = result.problem { context.warning("\(result.location): \(problem)") }
                    if json { context.print(BounceJSON.object(result)) } else { results.append(result) }
                }
            }
            do {
                _ = try importer.commit()
            } catch let error as JournalError {
                context.error(error.description)
                if case .locked = error.kind { return .locked }
                return .ioError
            }
            if !json {
                printSummary(importer.totals, results: results, inputs: files.count, settings: settings,
                             context: context)
            }
            return importer.totals.skipped > 0 ? .dataError : .success
        }

        /// The list, state, journal and classifier settings from the flags and the campaign.
        private func importSettings(_ context: CommandContext) throws -> BounceImportSettings {
            var list = suppressionPath.map(context.absolutePath)
            var campaignID: String?
            var journalPath: String?
            var mailto: [String] = []
            var caseSensitive = false
            var verpTokens: [String: String] = [:]
            if let campaignPath {
                let (campaign, _) = try CampaignLoader.loadValid(
                    path: campaignPath, currentDirectory: context.currentDirectory, environment: context.environment)
                list = list ?? campaign.suppression.files.first
                campaignID = campaign.id
                caseSensitive = campaign.recipients.caseSensitiveLocalPart
                mailto = campaign.unsubscribe.mailto.map { [$0] } ?? []
                if let returnPath = campaign.returnPath, returnPath.contains("{token}"),
                   FileManager.default.fileExists(atPath: campaign.journal.path) {
                    // VERP: map every journaled recipient's token back to its key.
                    let verp = VERPToken(
                        campaignID: campaign.id, secret: try VERPToken.secret(for: campaign, environment: context.environment))
                    try JournalIndex.load(path: campaign.journal.path).forEach { key, _ in
                        verpTokens[verp.token(forKey: key)] = key
                    }
                }
                if campaign.journal.hashAddresses {
                    context.warning("the journal keeps hashed addresses; bounce outcomes are not recorded in it")
                } else {
                    journalPath = campaign.journal.path
                }
            }
            guard let list else {
                throw UsageError("no suppression list: give --suppression <file>, or a campaign with suppression.files",
                                 usage: Self.configuration.usageLine, commandName: "bounces")
            }
            var settings = BounceImportSettings(
                suppressionFile: list, suppressionDisplay: context.displayPath(list), softLimit: softLimit,
                dryRun: dryRun, caseSensitiveLocalPart: caseSensitive, campaignID: campaignID,
                journalPath: journalPath, classifier: BounceOptions(unsubscribeAddresses: mailto))
            settings.verpTokens = verpTokens
            return settings
        }

        private func printSummary(_ totals: BounceImportTotals, results: [BounceMessageResult], inputs: Int,
                                  settings: BounceImportSettings, context: CommandContext) {
            for result in results {
                guard let report = result.report else { continue }
                let who = report.recipients.map(\.address).joined(separator: ", ")
                context.detail("\(result.location): \(report.bounceClass.rawValue) \(report.reason)"
                    + (who.isEmpty ? "" : " \(who)") + (result.duplicate ? " (already imported)" : ""))
                for action in result.actions { context.detail("    \(action)") }
            }
            let prefix = settings.dryRun ? "dry run: " : ""
            context.print("\(prefix)\(totals.messages) message\(totals.messages == 1 ? "" : "s") from \(inputs) "
                + "file\(inputs == 1 ? "" : "s") (\(totals.duplicates) already imported, \(totals.skipped) skipped)")
            for bounceClass in BounceClass.allCases {
                let count = totals.byClass[bounceClass.rawValue, default: 0]
                guard count > 0 else { continue }
                context.print("  \(bounceClass.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)) \(count)")
            }
            if !totals.byReason.isEmpty, !context.globals.quiet {
                context.print("by reason:")
                let reasons = totals.byReason.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                for (reason, count) in reasons {
                    context.print("  \(reason.padding(toLength: 32, withPad: " ", startingAt: 0)) \(count)")
                }
            }
            let verb = settings.dryRun ? "would suppress" : "suppressed"
            context.print("\(verb) \(totals.suppressed) in \(settings.suppressionDisplay) "
                + "(\(totals.alreadySuppressed) already listed); soft bounces counted \(totals.softCounted); "
                + "journal records \(totals.journalRecords)")
        }
    }
}
