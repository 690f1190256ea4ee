// HelpFormatter: renders `edm help` and `edm help <command>` from the command declarations.

/// Builds help text. The layout follows swift-argument-parser's (OVERVIEW, USAGE, ARGUMENTS, OPTIONS).
enum HelpFormatter {
    private static let labelWidth = 26

    /// Help for one command.
    static func help(for configuration: CommandConfiguration) -> String {
        var text = "OVERVIEW: \(configuration.abstract)\n"
        if !configuration.discussion.isEmpty {
            text += "\n\(configuration.discussion)\n"
        }
        text += "\nUSAGE: \(configuration.usageLine)\n"
        if !configuration.arguments.isEmpty {
            text += "\nARGUMENTS:\n"
            for argument in configuration.arguments {
                text += row("<\(argument.name)>", argument.help)
            }
        }
        if !configuration.options.isEmpty {
            text += "\nOPTIONS:\n"
            for option in configuration.options {
                text += row(option.helpLabel, option.help)
            }
        }
        text += "\nGLOBAL OPTIONS:\n"
        for option in GlobalOptions.specs {
            text += row(option.helpLabel, option.help)
        }
        return text
    }

    /// The top-level help listing every command.
    static func overview(commands: [CommandConfiguration]) -> String {
        var text = """
            OVERVIEW: edm sends personalised bulk email through your SMTP relay, safely and resumably.

            USAGE: edm <command> [options]

            COMMANDS:

            """
        for command in commands {
            text += row(command.name, command.abstract)
        }
        text += "\nGLOBAL OPTIONS:\n"
        for option in GlobalOptions.specs {
            text += row(option.helpLabel, option.help)
        }
        text += "\nSee 'edm help <command>' for details. Exit codes and the campaign file: README.md, docs/.\n"
        return text
    }

    /// "  label      help", wrapping the label onto its own line when it is too long.
    private static func row(_ label: String, _ help: String) -> String {
        let indent = String(repeating: " ", count: labelWidth + 2)
        let lead = "  " + label
        if lead.count < labelWidth + 2 {
            return lead + String(repeating: " ", count: labelWidth + 2 - lead.count) + help + "\n"
        }
        return lead + "\n" + indent + help + "\n"
    }
}
