// GlobalOptions: the options every command accepts (--quiet, --verbose, --no-color, -h/--help).

/// Options that may appear anywhere on the command line, before or after the command name.
public struct GlobalOptions: Sendable, Equatable {
    /// Print only errors and the final summary.
    public var quiet = false
    /// Print more detail about what edm is doing.
    public var verbose = false
    /// Never colour output (also set by the NO_COLOR environment variable, https://no-color.org).
    public var noColor = false
    /// Show help for the command instead of running it.
    public var help = false

    public init() {}

    /// The specs shown under GLOBAL OPTIONS in help, in display order.
    public static let specs: [OptionSpec] = [
        OptionSpec("--quiet", short: "-q", help: "Print only errors and the final summary."),
        OptionSpec("--verbose", short: "-v", help: "Print more detail about what edm is doing."),
        OptionSpec("--no-color", help: "Do not colour output (also: NO_COLOR=1)."),
        OptionSpec("--help", short: "-h", help: "Show help for this command."),
    ]
}
