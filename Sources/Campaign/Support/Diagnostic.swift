// Diagnostic: one problem found in an input file, with where it is and what to do about it.

/// A problem in a file the user wrote, printed as `file:line:column: error: message`.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable, Equatable {
        case error
        case warning
    }

    public var severity: Severity
    /// The file as the user named it (relative paths stay relative, so messages match what they typed).
    public var file: String
    /// 1-based; 0 when the problem concerns the whole file.
    public var line: Int
    /// 1-based; 0 when the problem concerns the whole line or file.
    public var column: Int
    /// One lower-case sentence saying what is wrong and, where useful, what to do.
    public var message: String
    /// The text of the line at fault, for a caret display; nil when not known.
    public var sourceLine: String?

    public init(
        _ severity: Severity, file: String, line: Int, column: Int, message: String, sourceLine: String? = nil
    ) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.sourceLine = sourceLine
    }

    /// "file:line:column: error: message" (line and column left out when unknown).
    public var description: String {
        var location = file
        if line > 0 {
            location += ":\(line)"
            if column > 0 { location += ":\(column)" }
        }
        return "\(location): \(severity.rawValue): \(message)"
    }
}

/// Why a run cannot go on, as a category the CLI maps to an exit code.
public enum FailureCategory: Sendable, Equatable {
    /// An input file is missing or unreadable (exit 66).
    case missingInput
    /// An input file has bad data: CSV, template, list (exit 65).
    case badData
    /// The campaign file is invalid (exit 78).
    case configuration
    /// An output cannot be created (exit 73).
    case cannotCreate
    /// Writing failed (exit 74).
    case ioError
}

/// One or more diagnostics that stop the command, all reported together.
public struct CampaignFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var category: FailureCategory
    /// Every problem found, errors and warnings, in file order.
    public var diagnostics: [Diagnostic]

    public init(category: FailureCategory, diagnostics: [Diagnostic]) {
        self.category = category
        self.diagnostics = diagnostics
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
