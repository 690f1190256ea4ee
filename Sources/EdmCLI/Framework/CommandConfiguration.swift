// CommandConfiguration: a command declared once (name, abstract, usage, arguments, options); help comes from it.

/// One option a command accepts.
public struct OptionSpec: Sendable, Equatable {
    /// Long name with dashes, e.g. "--out".
    public var name: String
    /// Optional one-letter alias with a dash, e.g. "-o".
    public var shortName: String?
    /// Placeholder for the value (e.g. "dir"); nil for a flag that takes no value.
    public var valueName: String?
    /// One line for help.
    public var help: String

    public init(_ name: String, short shortName: String? = nil, value valueName: String? = nil, help: String) {
        self.name = name
        self.shortName = shortName
        self.valueName = valueName
        self.help = help
    }

    /// Whether the option consumes a value.
    public var takesValue: Bool { valueName != nil }

    /// The left column of help: "-o, --out <dir>".
    var helpLabel: String {
        var label = shortName.map { "\($0), " } ?? ""
        label += name
        if let valueName { label += " <\(valueName)>" }
        return label
    }
}

/// One positional argument a command accepts.
public struct ArgumentSpec: Sendable, Equatable {
    /// Placeholder, e.g. "campaign.toml".
    public var name: String
    public var help: String
    public var isOptional: Bool

    public init(_ name: String, help: String, optional isOptional: Bool = false) {
        self.name = name
        self.help = help
        self.isOptional = isOptional
    }
}

/// Everything the help text and the parser need to know about a command.
public struct CommandConfiguration: Sendable {
    public var name: String
    /// One sentence shown in `edm help` and as the OVERVIEW.
    public var abstract: String
    /// Usage line without the leading "edm ", e.g. "check <campaign.toml> [--smtp]".
    public var usage: String
    /// Longer text shown after the overview, if any.
    public var discussion: String
    public var arguments: [ArgumentSpec]
    public var options: [OptionSpec]

    public init(
        name: String,
        abstract: String,
        usage: String,
        discussion: String = "",
        arguments: [ArgumentSpec] = [],
        options: [OptionSpec] = []
    ) {
        self.name = name
        self.abstract = abstract
        self.usage = usage
        self.discussion = discussion
        self.arguments = arguments
        self.options = options
    }

    /// The full usage line, e.g. "edm check <campaign.toml>".
    public var usageLine: String { "edm \(usage)" }
}
