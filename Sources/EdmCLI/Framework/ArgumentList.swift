// ArgumentList: the words after the command name, consumed by a command's init (argument-parser's shape).
import Campaign

/// The arguments of one command. A command's `init(arguments:)` takes what it declared; whatever is left is
/// a usage error. Options accept both `--name value` and `--name=value`; `--` ends option parsing.
public struct ArgumentList: Sendable {
    private enum Token: Sendable, Equatable {
        case option(name: String, inlineValue: String?)
        case value(String)
    }

    private var tokens: [Token?]
    private let configuration: CommandConfiguration

    /// Splits `arguments` and rejects any option the command did not declare, with a suggestion.
    /// - Throws: `UsageError` for an unknown option.
    public init(_ arguments: [String], configuration: CommandConfiguration) throws {
        self.configuration = configuration
        var tokens: [Token?] = []
        var optionsEnded = false
        for argument in arguments {
            if optionsEnded || argument == "-" || !argument.hasPrefix("-") {
                tokens.append(.value(argument))
            } else if argument == "--" {
                optionsEnded = true
            } else {
                let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = String(parts[0])
                let inlineValue = parts.count > 1 ? String(parts[1]) : nil
                guard let spec = configuration.options.first(where: { $0.name == name || $0.shortName == name })
                else {
                    throw Self.unknownOption(name, configuration: configuration)
                }
                tokens.append(.option(name: spec.name, inlineValue: inlineValue))
            }
        }
        self.tokens = tokens
    }

    private static func unknownOption(_ name: String, configuration: CommandConfiguration) -> UsageError {
        let known = configuration.options.map(\.name) + GlobalOptions.specs.map(\.name)
        var message = "unknown option '\(name)'"
        if let suggestion = Suggestion.closest(to: name, in: known) {
            message += " (did you mean '\(suggestion)'?)"
        }
        return UsageError(message, usage: configuration.usageLine, commandName: configuration.name)
    }

    /// Whether the flag `name` (long form) was given; consumes every occurrence.
    public mutating func flag(_ name: String) throws -> Bool {
        var found = false
        for index in tokens.indices {
            guard case .option(name, let inlineValue)? = tokens[index] else { continue }
            if inlineValue != nil {
                throw usageError("option '\(name)' takes no value")
            }
            tokens[index] = nil
            found = true
        }
        return found
    }

    /// The value of option `name` (long form), if given; the last occurrence wins.
    public mutating func option(_ name: String) throws -> String? {
        var result: String?
        for index in tokens.indices {
            guard case .option(name, let inlineValue)? = tokens[index] else { continue }
            tokens[index] = nil
            if let inlineValue {
                result = inlineValue
            } else if index + 1 < tokens.count, case .value(let value)? = tokens[index + 1] {
                tokens[index + 1] = nil
                result = value
            } else {
                throw usageError("option '\(name)' needs a value")
            }
        }
        return result
    }

    /// The value of option `name` converted to an integer within `range`, if given.
    public mutating func option(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = try option(name) else { return nil }
        guard let number = Int(text), range.contains(number) else {
            throw usageError("option '\(name)' needs a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
        }
        return number
    }

    /// The next positional argument, or nil when none is left.
    public mutating func optionalPositional() -> String? {
        for index in tokens.indices {
            if case .value(let value)? = tokens[index] {
                tokens[index] = nil
                return value
            }
        }
        return nil
    }

    /// The next positional argument.
    /// - Throws: `UsageError` naming the missing `<placeholder>`.
    public mutating func positional(_ placeholder: String) throws -> String {
        guard let value = optionalPositional() else {
            throw usageError("missing argument <\(placeholder)>")
        }
        return value
    }

    /// Every remaining positional argument.
    public mutating func remainingPositionals() -> [String] {
        var values: [String] = []
        while let value = optionalPositional() { values.append(value) }
        return values
    }

    /// Fails when anything was left unconsumed.
    public func expectEnd() throws {
        for token in tokens {
            switch token {
            case .value(let value)?:
                throw usageError("unexpected argument '\(value)'")
            case .option(let name, _)?:
                throw usageError("option '\(name)' is not allowed here")
            case nil:
                continue
            }
        }
    }

    /// A usage error for this command.
    public func usageError(_ message: String) -> UsageError {
        UsageError(message, usage: configuration.usageLine, commandName: configuration.name)
    }
}
