// edm init: scaffold a working campaign from a starter template; never overwrites a file.
import Campaign
import Foundation

extension EdmCommand {
    /// Writes campaign.toml, recipients.csv and the message templates of a starter into a folder.
    struct Init: Command {
        static let configuration = CommandConfiguration(
            name: "init",
            abstract: "Create a new campaign from a starter template.",
            usage: "init [<dir>] [--template <name>] [--list]",
            discussion: """
                Writes campaign.toml, recipients.csv, message.html and message.txt into <dir> (default: the
                current folder), creating it if needed. Existing files are never overwritten: if any would be,
                nothing is written and edm exits 73.
                """,
            arguments: [ArgumentSpec("dir", help: "Folder for the new campaign (default: .).", optional: true)],
            options: [
                OptionSpec("--template", short: "-t", value: "name",
                           help: "newsletter (default), announcement or event-zh."),
                OptionSpec("--list", help: "List the starter templates and exit."),
            ]
        )

        var directory: String
        var template: String
        var list: Bool

        init(arguments: inout ArgumentList) throws {
            list = try arguments.flag("--list")
            template = try arguments.option("--template") ?? "newsletter"
            directory = arguments.optionalPositional() ?? "."
            guard StarterTemplates.all[template] != nil else {
                var message = "unknown template '\(template)'"
                if let suggestion = Suggestion.closest(to: template, in: StarterTemplates.all.keys) {
                    message += " (did you mean '\(suggestion)'?)"
                }
                throw arguments.usageError(message + "; see 'edm init --list'")
            }
        }

        func run(_ context: CommandContext) throws -> ExitCode {
            if list {
                for name in StarterTemplates.all.keys.sorted() { context.print(name) }
                return .success
            }
            let target = context.absolutePath(directory)
            let files = StarterTemplates.all[template] ?? []
            // Check every file first, so a refusal leaves the folder exactly as it was.
            for file in files {
                let path = (target as NSString).appendingPathComponent(file.path)
                if FileManager.default.fileExists(atPath: path) {
                    throw FileError(.alreadyExists, path: (directory as NSString).appendingPathComponent(file.path), role: "file")
                }
            }
            do {
                try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
            } catch {
                throw FileError(.cannotWrite(reason: error.localizedDescription), path: directory, role: "folder")
            }
            for file in files {
                let path = (target as NSString).appendingPathComponent(file.path)
                let bytes = [UInt8](Data(base64Encoded: file.base64) ?? Data())
                // O_EXCL: even a file created between the check above and now is never overwritten.
                let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
                guard fd >= 0 else {
                    let reason = String(cString: strerror(errno))
                    throw FileError(.cannotWrite(reason: reason), path: path, role: "file")
                }
                let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                close(fd)
                guard written == bytes.count else {
                    throw FileError(.cannotWrite(reason: "short write"), path: path, role: "file")
                }
                context.info("created \((directory as NSString).appendingPathComponent(file.path))")
            }
            context.info("next: edit campaign.toml and recipients.csv, then run: edm check \((directory as NSString).appendingPathComponent("campaign.toml"))")
            return .success
        }
    }
}
