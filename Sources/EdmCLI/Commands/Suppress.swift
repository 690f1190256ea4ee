// edm suppress: add, remove, list, check, import and export entries of a suppression list.
import Campaign
import Foundation

extension EdmCommand {
    /// Edits and queries a suppression list; the work is in `SuppressionFile` and `SuppressionList`.
    struct Suppress: Command {
        static let configuration = CommandConfiguration(
            name: "suppress",
            abstract: "Add, remove, list, check, import or export suppressed addresses.",
            usage: "suppress <action> [<address>...|<file>] (--file <list> | --campaign <campaign.toml>) [options]",
            discussion: """
                Works on one list file (--file, created by add and import when missing) or on the campaign's
                lists (--campaign: edits go to the first of suppression.files, else global_file; check and
                list read them all). Entries are written as CSV lines "entry,reason,date"; every edit
                rewrites the file atomically and never adds an entry that is already listed. Format and
                hashing: docs/suppression.md.
                check exits 0 when the address is suppressed (printing file:line and the entry) and 1 when it
                is not. Exit 64 for a bad address or option, 65 for a malformed list or import file (nothing
                is written), 66 when a list cannot be read, 73 when it cannot be written, 78 for a bad
                campaign file or HMAC key.
                """,
            arguments: [
                ArgumentSpec("action", help: "add, remove, list, check, import or export."),
                ArgumentSpec("address|file", help: "Addresses, @domains or *.domains; for import, the file.",
                             optional: true),
            ],
            options: [
                OptionSpec("--file", value: "list", help: "The suppression list to work on."),
                OptionSpec("--campaign", value: "campaign.toml", help: "Work on the campaign's suppression lists."),
                OptionSpec("--reason", value: "text", help: "add, import: why (default: manual / import)."),
                OptionSpec("--hash", help: "add, import: store hmac-sha256 of the address, not the address."),
                OptionSpec("--hmac-key-env", value: "name", help: "Environment variable holding the HMAC key."),
                OptionSpec("--hmac-key-file", value: "path", help: "File holding the HMAC key (mode 0600)."),
                OptionSpec("--skip-invalid", help: "import: skip lines that are not entries instead of stopping."),
                OptionSpec("--tokens", help: "import: the file holds unsubscribe tokens (needs --campaign)."),
            ]
        )

        enum Action: String, CaseIterable { case add, remove, list, check, `import`, export }

        var action: Action
        var values: [String]
        var file: String?
        var campaign: String?
        var reason: String?
        var hash: Bool
        var keyEnvironment: String?
        var keyFile: String?
        var skipInvalid: Bool
        var tokens: Bool

        init(arguments: inout ArgumentList) throws {
            file = try arguments.option("--file")
            campaign = try arguments.option("--campaign")
            reason = try arguments.option("--reason")
            hash = try arguments.flag("--hash")
            keyEnvironment = try arguments.option("--hmac-key-env")
            keyFile = try arguments.option("--hmac-key-file")
            skipInvalid = try arguments.flag("--skip-invalid")
            tokens = try arguments.flag("--tokens")
            let verb = try arguments.positional("action")
            guard let action = Action(rawValue: verb) else {
                var message = "unknown suppress action '\(verb)'"
                if let suggestion = Suggestion.closest(to: verb, in: Action.allCases.map(\.rawValue)) {
                    message += " (did you mean '\(suggestion)'?)"
                }
                throw arguments.usageError(message)
            }
            self.action = action
            values = arguments.remainingPositionals()
            switch action {
            case .add, .remove:
                if values.isEmpty { throw arguments.usageError("\(verb) needs at least one address") }
            case .check:
                if values.count != 1 { throw arguments.usageError("check takes exactly one address") }
            case .import:
                if values.count != 1 { throw arguments.usageError("import takes exactly one file") }
            case .list, .export:
                if !values.isEmpty { throw arguments.usageError("unexpected argument '\(values[0])'") }
            }
            if (file == nil) == (campaign == nil) { throw arguments.usageError("give either --file or --campaign") }
            if keyEnvironment != nil, keyFile != nil {
                throw arguments.usageError("give --hmac-key-env or --hmac-key-file, not both")
            }
            if hash, ![.add, .import].contains(action) {
                throw arguments.usageError("--hash applies to add and import")
            }
            if skipInvalid, action != .import { throw arguments.usageError("--skip-invalid applies to import") }
            if tokens, action != .import || campaign == nil {
                throw arguments.usageError("--tokens applies to import with --campaign")
            }
            if reason != nil, ![.add,
                .import].contains(action) { throw arguments.usageError("--reason applies to add and import") }
            if let reason, reason.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) {
                throw arguments.usageError("--reason must be one line")
            }
        }

        func run(_ context: CommandContext) throws -> ExitCode {
            if tokens, let campaign, let path = values.first {
                return try EdmCommand.Unsubscribe.importTokens(from: path, campaignPath: campaign, context: context)
            }
            let target = try SuppressTarget(command: self, context: context)
            switch action {
            case .add: return try add(target, context: context)
            case .remove: return try remove(target, context: context)
            case .list: return try list(target, context: context, csv: false)
            case .export: return try list(target, context: context, csv: true)
            case .check: return try check(target, context: context)
            case .import: return try importFile(target, context: context)
            }
        }
    }
}
