// edm unsubscribe: check unsubscribe tokens, and turn tokens from a web endpoint's log into suppressions.
import Campaign
import Foundation

extension EdmCommand {
    /// `edm unsubscribe verify TOKEN...` and `edm unsubscribe import FILE`.
    struct Unsubscribe: Command {
        static let configuration = CommandConfiguration(
            name: "unsubscribe",
            abstract: "Verify unsubscribe tokens; import them from an endpoint's log into suppression.",
            usage: "unsubscribe verify <token>... --campaign <campaign.toml>\n"
                + "       edm unsubscribe import <file> --campaign <campaign.toml>",
            discussion: """
                A token is the {token} of unsubscribe.url (and of the mailto subject "unsubscribe-TOKEN"): 32 hex
                digits of HMAC-SHA256 under unsubscribe.secret_*, over the campaign id and the recipient. It holds
                no address; verify finds the recipient it was made for among the campaign's recipients and
                journal, printing "TOKEN KEY" (exit 0), or rejects it (tampered, truncated, another campaign's,
                another secret's: exit 1). import reads any text (web server log lines, one token per line, …),
                takes every 32-hex-digit run in it as a token, and adds the recipients of the valid ones to the
                campaign's first suppression list (reason "unsubscribe", date). A minimal endpoint: any web
                server that logs the request and answers 200 to POST (RFC 8058), plus a cron line running
                edm unsubscribe import on the log (docs/suppression.md).
                """,
            arguments: [
                ArgumentSpec("verify|import", help: "What to do."),
                ArgumentSpec("token|file", help: "Tokens to verify, or the file to import."),
            ],
            options: [
                OptionSpec("--campaign", value: "campaign.toml", help: "The campaign the tokens belong to."),
            ]
        )

        var action: String
        var values: [String]
        var campaignPath: String

        init(arguments: inout ArgumentList) throws {
            guard let campaign = try arguments.option("--campaign") else {
                throw arguments.usageError("--campaign <campaign.toml> is required")
            }
            campaignPath = campaign
            action = try arguments.positional("verify|import")
            values = arguments.remainingPositionals()
            guard ["verify", "import"].contains(action) else {
                var message = "unknown unsubscribe action '\(action)'"
                if let suggestion = Suggestion.closest(to: action, in: ["verify", "import"]) {
                    message += " (did you mean '\(suggestion)'?)"
                }
                throw arguments.usageError(message)
            }
            guard !values.isEmpty else { throw arguments.usageError(action == "verify" ? "missing <token>" : "missing <file>") }
            if action == "import", values.count > 1 { throw arguments.usageError("import takes one file") }
        }

        func run(_ context: CommandContext) throws -> ExitCode {
            let (campaign, _) = try CampaignLoader.loadValid(
                path: campaignPath, currentDirectory: context.currentDirectory, environment: context.environment)
            guard let tokens = try UnsubscribeToken.forCampaign(campaign, environment: context.environment) else {
                context.error("\(campaignPath) has no unsubscribe.secret_env/_file/_command, so it makes no tokens")
                return .config
            }
            let known = try Self.knownTokens(campaign, tokens: tokens, context: context)
            if action == "verify" {
                var rejected = 0
                for token in values {
                    if let key = known[token.lowercased()] {
                        context.print("\(token) \(key)")
                    } else {
                        context.error("\(token): not a valid unsubscribe token of campaign '\(campaign.id)'")
                        rejected += 1
                    }
                }
                return rejected == 0 ? .success : .failure
            }
            return try Self.importTokens(from: values[0], campaign: campaign, known: known, context: context)
        }

        /// `edm suppress import --tokens FILE --campaign C` and `edm unsubscribe import FILE --campaign C`.
        static func importTokens(from path: String, campaignPath: String, context: CommandContext) throws -> ExitCode {
            let (campaign, _) = try CampaignLoader.loadValid(
                path: campaignPath, currentDirectory: context.currentDirectory, environment: context.environment)
            guard let tokens = try UnsubscribeToken.forCampaign(campaign, environment: context.environment) else {
                context.error("\(campaignPath) has no unsubscribe.secret_env/_file/_command, so it makes no tokens")
                return .config
            }
            let known = try knownTokens(campaign, tokens: tokens, context: context)
            return try importTokens(from: path, campaign: campaign, known: known, context: context)
        }

        /// token → recipient key for every recipient of the list and of the journal.
        private static func knownTokens(_ campaign: Campaign, tokens: UnsubscribeToken, context: CommandContext) throws -> [String: String] {
            var known: [String: String] = [:]
            let source = try RecipientSource(
                settings: campaign.recipients, requireConsent: false, displayPath: context.displayPath(campaign.recipients.file))
            while let recipient = try source.next() {
                if let key = recipient.key { known[tokens.token(forKey: key)] = key }
            }
            if FileManager.default.fileExists(atPath: campaign.journal.path) {
                try JournalIndex.load(path: campaign.journal.path).forEach { key, _ in
                    known[tokens.token(forKey: key)] = key
                }
            }
            return known
        }

        private static func importTokens(
            from path: String, campaign: Campaign, known: [String: String], context: CommandContext
        ) throws -> ExitCode {
            guard let target = campaign.suppression.files.first ?? campaign.suppression.globalFile else {
                context.error("\(campaign.file) has no suppression list to add to (suppression.files or global_file)")
                return .config
            }
            let bytes = try FileError.readSmallFile(context.absolutePath(path), role: "token file", limit: 1 << 30)
            var valid: [String] = []
            var rejected = 0
            for token in Self.hexRuns(in: String(decoding: bytes, as: UTF8.self)) {
                if let key = known[token] { valid.append(key) } else { rejected += 1 }
            }
            let date = ISO8601DateFormatter().string(from: Date())
            let shown = context.displayPath(target)
            let added = try AtomicFile.withFolderLock(target, shown: shown, role: "suppression list") {
                var file = try SuppressionFile(
                    path: target, shown: shown, caseSensitiveLocalPart: campaign.recipients.caseSensitiveLocalPart,
                    createIfMissing: true)
                var added = 0
                for key in valid {
                    let entry = SuppressionEntry(kind: .address, value: key, reason: "unsubscribe", date: date)
                    guard file.listed(entry, hmacKey: nil).isEmpty else { continue }
                    file.append(entry)
                    added += 1
                }
                if added > 0 { try file.write() }
                return added
            }
            context.print("\(path): \(valid.count) valid tokens, \(added) recipients added to \(shown), "
                + "\(rejected) rejected (not tokens of campaign '\(campaign.id)')")
            return .success
        }

        /// Every run of exactly 32 hex digits, lower-cased.
        static func hexRuns(in text: String) -> [String] {
            var runs: [String] = []
            var current = ""
            for character in text.unicodeScalars {
                if character.properties.isASCIIHexDigit {
                    current.unicodeScalars.append(character)
                } else {
                    if current.count == 32 { runs.append(current.lowercased()) }
                    current = ""
                }
            }
            if current.count == 32 { runs.append(current.lowercased()) }
            return runs
        }
    }
}
