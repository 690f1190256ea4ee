// Command: the shape every edm command has: a static configuration, an init that parses, a run.

/// One `edm` command. Commands parse flags into values and call into the library; they hold no logic.
protocol Command {
    /// The declaration help and parsing are generated from.
    static var configuration: CommandConfiguration { get }
    /// Parses the command's arguments. Throws `UsageError`.
    init(arguments: inout ArgumentList) throws
    /// Does the work and says how it ended. Errors thrown here are mapped to exit codes by `EdmCommand`.
    func run(_ context: CommandContext) throws -> ExitCode
}
