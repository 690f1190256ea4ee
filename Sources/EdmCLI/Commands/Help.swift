// edm help: the command list, or one command's help.
import Campaign

extension EdmCommand {
    /// Prints help for edm or for one command.
    struct Help: Command {
        static let configuration = CommandConfiguration(
            name: "help",
            abstract: "Show help for edm or for one command.",
            usage: "help [<command>]",
            arguments: [ArgumentSpec("command", help: "The command to explain.", optional: true)]
        )

        var commandName: String?

        init(arguments: inout ArgumentList) throws {
            commandName = arguments.optionalPositional()
        }

        func run(_ context: CommandContext) throws -> ExitCode {
            guard let commandName else {
                context.print(HelpFormatter.overview(commands: EdmCommand.configurations), terminator: "")
                return .success
            }
            guard let command = EdmCommand.command(named: commandName) else {
                var message = "unknown command '\(commandName)'"
                if let suggestion = Suggestion.closest(to: commandName, in: EdmCommand.configurations.map(\.name)) {
                    message += " (did you mean '\(suggestion)'?)"
                }
                throw UsageError(message, usage: Self.configuration.usageLine, commandName: "help")
            }
            context.print(HelpFormatter.help(for: command.configuration), terminator: "")
            return .success
        }
    }
}
