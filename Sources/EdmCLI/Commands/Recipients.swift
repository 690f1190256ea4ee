// edm recipients: what edm makes of a recipient CSV, row by row or as a summary.
import Campaign
import Foundation

extension EdmCommand {
    /// Reads a recipient list with the same checks a send applies (addresses, dedupe, consent).
    struct Recipients: Command {
        static let configuration = CommandConfiguration(
            name: "recipients",
            abstract: "Check a recipient CSV: valid, invalid and duplicate rows.",
            usage: "recipients <file.csv> [--json] [--email-column <name>] [--encoding <name>] ...",
            discussion: """
                Prints rows, valid addresses, invalid ones by reason and duplicates (first row wins). With
                --json, one object per row in file order: {"line", "fields", "email", "verdict", "reason"}.
                Exit 0 when the file could be read (invalid rows are data, not errors), 65 for a malformed
                CSV (with line and column), 66 when it cannot be read.
                """,
            arguments: [ArgumentSpec("file.csv", help: "The recipient list.")],
            options: [
                OptionSpec("--json", help: "One JSON object per row instead of the summary."),
                OptionSpec("--email-column", value: "name", help: "Column with the address (default: email)."),
                OptionSpec("--name-column", value: "name", help: "Column with the display name."),
                OptionSpec("--consent-column", value: "name", help: "Column recording consent; others are no-consent."),
                OptionSpec("--encoding", value: "name", help: "utf-8 (default), gb18030, big5, latin1, utf-16, ..."),
                OptionSpec("--delimiter", value: "char", help: "',' ';' 'tab' or '|' (default: detected)."),
                OptionSpec("--case-sensitive-local-part", help: "Treat Ann@x and ann@x as different people."),
            ]
        )

        var path: String
        var json: Bool
        var settings: RecipientSettings

        init(arguments: inout ArgumentList) throws {
            json = try arguments.flag("--json")
            let delimiter = try arguments.option("--delimiter")
            settings = RecipientSettings(
                file: "", encoding: try arguments.option("--encoding") ?? "utf-8",
                delimiter: delimiter.map { $0 == "tab" ? "\t" : $0 },
                emailColumn: try arguments.option("--email-column") ?? "email",
                nameColumn: try arguments.option("--name-column"),
                consentColumn: try arguments.option("--consent-column"),
                consentValues: ConsentDefaults.truthy,
                caseSensitiveLocalPart: try arguments.flag("--case-sensitive-local-part"),
                maxFieldBytes: 65536, maxColumns: 1000)
            path = try arguments.positional("file.csv")
            if let delimiter = settings.delimiter, ![",", ";", "\t", "|"].contains(delimiter) {
                throw arguments.usageError("--delimiter must be ',', ';', 'tab' or '|', not '\(delimiter)'")
            }
        }

        func run(_ context: CommandContext) throws -> ExitCode {
            var settings = self.settings
            settings.file = context.absolutePath(path)
            let source = try RecipientSource(
                settings: settings, requireConsent: settings.consentColumn != nil, displayPath: path)
            var rows = 0
            var counts: [String: Int] = [:]
            var invalidReasons: [String: Int] = [:]
            var examples: [String] = []
            while let recipient = try source.next() {
                rows += 1
                counts[recipient.verdict.name, default: 0] += 1
                var reason = ""
                switch recipient.verdict {
                case .invalid(let code, let message):
                    invalidReasons[code, default: 0] += 1
                    reason = "\(code): \(message)"
                case .duplicate(let first):
                    reason = "duplicate of line \(first)"
                case .noConsent:
                    reason = "no consent"
                case .ok:
                    break
                }
                if json {
                    let fields = zip(source.header, recipient.fields).map { (JSONText.quote($0.0), JSONText.quote($0.1)) }
                    context.print(JSONText.object([
                        ("line", String(recipient.line)),
                        ("fields", "{" + fields.map { "\($0.0):\($0.1)" }.joined(separator: ",") + "}"),
                        ("email", recipient.key.map(JSONText.quote) ?? "null"),
                        ("verdict", JSONText.quote(recipient.verdict.name)),
                        ("reason", JSONText.quote(reason)),
                    ]))
                } else if !reason.isEmpty, examples.count < 20 {
                    examples.append("  \(path):\(recipient.line): \(recipient.rawEmail): \(reason)")
                }
            }
            if !json {
                context.print("\(path): \(rows) row\(rows == 1 ? "" : "s")")
                context.print("  valid       \(counts["ok", default: 0])")
                context.print("  invalid     \(counts["invalid", default: 0])"
                    + (invalidReasons.isEmpty ? "" : "  (" + invalidReasons.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + ")"))
                context.print("  duplicate   \(counts["duplicate", default: 0])")
                if settings.consentColumn != nil { context.print("  no-consent  \(counts["no-consent", default: 0])") }
                if !examples.isEmpty, !context.globals.quiet {
                    context.print("")
                    examples.forEach { context.print($0) }
                }
            }
            return .success
        }
    }
}
