// UsageError: a mistake on the command line (exit 64).

/// The command line could not be understood. Printed as `edm: error: <message>` followed by the usage line.
public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One lower-case sentence, e.g. "unknown option '--x' (did you mean '--y'?)".
    public var message: String
    /// The usage line of the command at fault, if one was identified.
    public var usage: String?
    /// The command whose help to point at (nil: the top level).
    public var commandName: String?

    public init(_ message: String, usage: String? = nil, commandName: String? = nil) {
        self.message = message
        self.usage = usage
        self.commandName = commandName
    }

    public var description: String { message }
}
