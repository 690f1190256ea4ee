// EdmCommand: the entry point: global options, command dispatch, and the one place errors become exit codes.
import Campaign
import Foundation
import TOML

/// The `edm` command line as a library, so tests can run it in-process.
public enum EdmCommand {
    /// Every registered command, in the order `edm help` lists them. Only commands that work are here.
    static var commands: [any Command.Type] { [
        Check.self,
        Send.self,
        Status.self,
        Report.self,
        Preview.self,
        Recipients.self,
        Suppress.self,
        Unsubscribe.self,
        Bounces.self,
        DKIM.self,
        Init.self,
        Version.self,
        Help.self,
        TOMLDecode.self,
    ] }

    static var configurations: [CommandConfiguration] { commands.map { $0.configuration } }

    static func command(named name: String) -> (any Command.Type)? {
        commands.first { $0.configuration.name == name }
    }

    /// Runs `edm` with `arguments` (without the program name) and returns the exit code.
    public static func main(
        _ arguments: [String],
        environment: [String: String] = ProcessInfo.processInfo.environment,
        output: Output = .standard,
        currentDirectory: String = FileManager.default.currentDirectoryPath,
        standardInput: @escaping @Sendable () -> [UInt8] = { [UInt8](FileHandle.standardInput.readDataToEndOfFile()) }
    ) -> ExitCode {
        var context = CommandContext(
            output: output, environment: environment, currentDirectory: currentDirectory, globals: GlobalOptions(),
            readStandardInput: standardInput)
        do {
            let (globals, commandName, rest) = try splitGlobals(arguments)
            context.globals = globals
            guard let commandName else {
                if globals.help {
                    output.writeOut(HelpFormatter.overview(commands: configurations))
                    return .success
                }
                output.writeErr(HelpFormatter.overview(commands: configurations))
                return .usage
            }
            guard let commandType = command(named: commandName) else {
                var message = "unknown command '\(commandName)'"
                if let suggestion = Suggestion.closest(to: commandName, in: configurations.map(\.name)) {
                    message += " (did you mean '\(suggestion)'?)"
                }
                throw UsageError(message, usage: "edm <command> [options]")
            }
            if globals.help {
                output.writeOut(HelpFormatter.help(for: commandType.configuration))
                return .success
            }
            var list = try ArgumentList(rest, configuration: commandType.configuration)
            let command = try commandType.init(arguments: &list)
            try list.expectEnd()
            return try command.run(context)
        } catch {
            return report(error, context: context)
        }
    }

    /// Pulls the global options out of `arguments` wherever they are, and finds the command name.
    private static func splitGlobals(_ arguments: [String]) throws -> (GlobalOptions, String?, [String]) {
        var globals = GlobalOptions()
        var commandName: String?
        var rest: [String] = []
        var optionsEnded = false
        for argument in arguments {
            if optionsEnded {
                rest.append(argument)
                continue
            }
            switch argument {
            case "--": optionsEnded = true; rest.append(argument)
            case "-q", "--quiet": globals.quiet = true
            case "-v", "--verbose": globals.verbose = true
            case "--no-color": globals.noColor = true
            case "-h", "--help": globals.help = true
            default:
                if commandName == nil {
                    if argument.hasPrefix("-") && argument != "-" {
                        let name = String(argument.prefix { $0 != "=" })
                        var message = "unknown option '\(name)'"
                        if let suggestion = Suggestion.closest(to: name, in: GlobalOptions.specs.map(\.name)) {
                            message += " (did you mean '\(suggestion)'?)"
                        }
                        throw UsageError(message, usage: "edm <command> [options]")
                    }
                    commandName = argument
                } else {
                    rest.append(argument)
                }
            }
        }
        return (globals, commandName, rest)
    }

    /// The one place errors become messages and exit codes (STYLE.md E.4).
    static func report(_ error: any Error, context: CommandContext) -> ExitCode {
        switch error {
        case let usage as UsageError:
            context.error(usage.message)
            if let line = usage.usage {
                context.output.writeErr("Usage: \(line)\n")
            }
            let helpHint = usage.commandName.map { "edm help \($0)" } ?? "edm help"
            context.output.writeErr("See '\(helpHint)'.\n")
            return .usage
        case let failure as CampaignFailure:
            for diagnostic in failure.diagnostics {
                context.output.writeErr(DiagnosticPrinter.render(diagnostic, context: context))
            }
            return exitCode(for: failure.category)
        case let journalError as JournalError:
            if case .locked(let pid) = journalError.kind {
                context.error("another edm send\(pid.map { " (PID \($0))" } ?? "") holds this campaign's lock "
                    + "(\(journalError.path)); it is still running, so this run does nothing")
                return .locked
            }
            var hint = ""
            switch journalError.kind {
            case .corruptRecord:
                hint = "; nothing was sent. Look at that line (an edit by hand?), fix or delete it, then run again "
                    + "(docs/journal.md)"
            case .missingHeader, .otherCampaign:
                hint = "; nothing was sent. Is it this campaign's journal? Restore it, or set journal.path to a file "
                    + "of its own (docs/journal.md)"
            case .notRegularFile:
                hint = "; nothing was sent. Move it aside, or set journal.path to a regular file (docs/journal.md)"
            default:
                break
            }
            context.error("journal: \(journalError)\(hint)")
            switch journalError.kind {
            case .cannotCreate, .notADirectory: return .cannotCreate
            default: return .ioError
            }
        case let fileError as FileError:
            context.error(fileError.description)
            return exitCode(for: fileError.category)
        default:
            context.error("internal error: \(error)")
            return .software
        }
    }

    static func exitCode(for category: FailureCategory) -> ExitCode {
        switch category {
        case .missingInput: .noInput
        case .badData: .dataError
        case .configuration: .config
        case .cannotCreate: .cannotCreate
        case .ioError: .ioError
        }
    }
}
