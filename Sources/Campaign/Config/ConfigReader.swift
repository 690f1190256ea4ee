// ConfigReader: typed, validating access to one table of the campaign file, collecting every problem.
import Foundation
import TOML

/// Collects diagnostics for one file so that `edm check` can report every problem, not just the first.
final class DiagnosticCollector {
    let file: String
    private let lines: [String]
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String, text: String) {
        self.file = file
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0.hasSuffix("\r") ? $0.dropLast() : $0)
        }
    }

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    func add(_ severity: Diagnostic.Severity, _ message: String, at position: TOMLPosition?) {
        let line = position?.line ?? 0
        let column = position?.column ?? 0
        let source = (1...lines.count).contains(line) ? lines[line - 1] : nil
        diagnostics.append(
            Diagnostic(severity, file: file, line: line, column: column, message: message, sourceLine: source))
    }

    func error(_ message: String, at position: TOMLPosition?) { add(.error, message, at: position) }
    func warning(_ message: String, at position: TOMLPosition?) { add(.warning, message, at: position) }

    /// Diagnostics sorted by position, as a compiler prints them.
    var sorted: [Diagnostic] {
        diagnostics.enumerated().sorted { lhs, rhs in
            (lhs.element.line, lhs.element.column, lhs.offset) < (rhs.element.line, rhs.element.column, rhs.offset)
        }.map(\.element)
    }
}

/// A view of one TOML table (`[smtp]`, `[[smtp.relay]]` #2, …) that reads typed values and reports problems
/// with their positions instead of throwing, so loading continues and every problem is found.
struct ConfigReader {
    let table: TOMLTable
    /// Dotted name used in messages, e.g. "smtp.relay[2]"; empty for the root.
    let name: String
    let sink: DiagnosticCollector
    /// Directory relative paths are resolved against (the campaign file's).
    let baseDirectory: String

    var displayName: String { name.isEmpty ? "the top level" : "[\(name)]" }

    func qualified(_ key: String) -> String { name.isEmpty ? key : "\(name).\(key)" }

    // MARK: - Keys

    /// Reports every key not in `known`, with a suggestion. Call once per table.
    func rejectUnknownKeys(_ known: [String]) {
        for key in table.keys where !known.contains(key) {
            var message = "unknown key '\(key)' in \(displayName)"
            if let suggestion = Suggestion.closest(to: key, in: known) {
                message += " (did you mean '\(suggestion)'?)"
            } else {
                message += "; see docs/campaign.md for the keys it takes"
            }
            sink.error(message, at: table.keyPosition(key))
        }
    }

    func has(_ key: String) -> Bool { table[key] != nil }

    func position(_ key: String) -> TOMLPosition? { table.valuePosition(key) ?? table.keyPosition(key) }

    private func missing(_ key: String) {
        sink.error("missing required key '\(key)' in \(displayName)", at: table.position)
    }

    private func wrongType(_ key: String, expected: String, found: TOMLValue) {
        sink.error("'\(qualified(key))' must be \(expected), not \(article(found.typeName))", at: position(key))
    }

    private func article(_ typeName: String) -> String {
        let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
        return (typeName.first.map { vowels.contains($0) } ?? false ? "an " : "a ") + typeName
    }

    // MARK: - Scalars

    /// A string value. Strings never contain NUL; `singleLine` also forbids CR and LF, for anything that may
    /// reach a header or an SMTP command (DESIGN.md invariant 3).
    func string(_ key: String, required: Bool = false, singleLine: Bool = true, allowEmpty: Bool = false) -> String? {
        guard let value = table[key] else {
            if required { missing(key) }
            return nil
        }
        guard case .string(let text) = value else {
            wrongType(key, expected: "a string", found: value)
            return nil
        }
        if text.unicodeScalars.contains("\0") {
            sink.error("'\(qualified(key))' contains a NUL character", at: position(key))
            return nil
        }
        if singleLine, text.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" }) {
            sink.error("'\(qualified(key))' must be a single line (it contains a line break)", at: position(key))
            return nil
        }
        if !allowEmpty, text.trimmingCharacters(in: .whitespaces).isEmpty {
            sink.error("'\(qualified(key))' must not be empty", at: position(key))
            return nil
        }
        return text
    }

    /// A string that must be one of `choices`.
    func choice(_ key: String, _ choices: [String], default defaultValue: String) -> String {
        guard let text = string(key) else { return defaultValue }
        guard choices.contains(text) else {
            var message = "'\(qualified(key))' must be one of \(choices.map { "\"\($0)\"" }.joined(separator: ", "))"
            if let suggestion = Suggestion.closest(to: text, in: choices) { message += " (did you mean \"\(suggestion)\"?)" }
            sink.error(message, at: position(key))
            return defaultValue
        }
        return text
    }

    func bool(_ key: String, default defaultValue: Bool) -> Bool {
        guard let value = table[key] else { return defaultValue }
        guard case .boolean(let flag) = value else {
            wrongType(key, expected: "true or false", found: value)
            return defaultValue
        }
        return flag
    }

    func integer(_ key: String, in range: ClosedRange<Int>, default defaultValue: Int?) -> Int? {
        guard let value = table[key] else { return defaultValue }
        guard case .integer(let number) = value else {
            wrongType(key, expected: "a whole number", found: value)
            return defaultValue
        }
        guard let int = Int(exactly: number), range.contains(int) else {
            sink.error(
                "'\(qualified(key))' must be between \(range.lowerBound) and \(range.upperBound), not \(number)",
                at: position(key))
            return defaultValue
        }
        return int
    }

    /// A fraction such as a rate threshold: a float or integer within `range`.
    func fraction(_ key: String, in range: ClosedRange<Double>, default defaultValue: Double) -> Double {
        guard let value = table[key] else { return defaultValue }
        let number: Double
        switch value {
        case .float(let float): number = float
        case .integer(let int): number = Double(int)
        default:
            wrongType(key, expected: "a number", found: value)
            return defaultValue
        }
        guard range.contains(number) else {
            sink.error("'\(qualified(key))' must be between \(range.lowerBound) and \(range.upperBound)", at: position(key))
            return defaultValue
        }
        return number
    }

    func duration(_ key: String, default defaultValue: ConfigDuration) -> ConfigDuration {
        guard let text = string(key) else { return defaultValue }
        guard let duration = ConfigDuration(parsing: text) else {
            sink.error(
                "'\(qualified(key))' is not a duration: \"\(text)\" (write e.g. \"30s\", \"5m\", \"2h\", \"3d\")",
                at: position(key))
            return defaultValue
        }
        return duration
    }

    func rate(_ key: String) -> RateLimit? {
        guard let text = string(key) else { return nil }
        guard let rate = RateLimit(parsing: text) else {
            sink.error(
                "'\(qualified(key))' is not a rate: \"\(text)\" (write e.g. \"50/s\", \"3000/min\", \"10000/h\", \"200000/day\")",
                at: position(key))
            return nil
        }
        return rate
    }

    func dateTime(_ key: String) -> TOMLDateTime? {
        guard let value = table[key] else { return nil }
        guard case .offsetDateTime(let dateTime) = value else {
            wrongType(key, expected: "a date-time with a UTC offset (e.g. 2026-03-01T09:00:00+08:00)", found: value)
            return nil
        }
        return dateTime
    }

    // MARK: - Paths

    /// A path resolved against the campaign file's directory. `mustExist` reports a missing file here, so that
    /// `edm check` finds it before a send does.
    func path(_ key: String, required: Bool = false, mustExist: Bool = false, directory: Bool = false) -> String? {
        guard let text = string(key, required: required) else { return nil }
        return resolve(text, key: key, mustExist: mustExist, directory: directory, at: position(key))
    }

    func resolve(_ text: String, key: String, mustExist: Bool, directory: Bool, at position: TOMLPosition?) -> String {
        let expanded = text.hasPrefix("~/") ? (ProcessInfo.processInfo.environment["HOME"] ?? "~") + text.dropFirst() : text
        let resolved = expanded.hasPrefix("/")
            ? expanded
            : URL(fileURLWithPath: baseDirectory).appendingPathComponent(expanded).standardizedFileURL.path
        if mustExist {
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory) {
                sink.error("'\(qualified(key))': \(directory ? "folder" : "file") '\(text)' does not exist (looked for \(resolved))", at: position)
            } else if isDirectory.boolValue != directory {
                sink.error("'\(qualified(key))': '\(text)' is \(directory ? "a file, not a folder" : "a folder, not a file")", at: position)
            }
        }
        return resolved
    }

    /// An array of paths.
    func paths(_ key: String, mustExist: Bool) -> [String] {
        strings(key).map { resolve($0, key: key, mustExist: mustExist, directory: false, at: position(key)) }
    }

    // MARK: - Collections

    func strings(_ key: String, singleLine: Bool = true) -> [String] {
        guard let value = table[key] else { return [] }
        guard case .array(let items) = value else {
            wrongType(key, expected: "an array of strings", found: value)
            return []
        }
        var result: [String] = []
        for item in items {
            guard case .string(let text) = item else {
                sink.error("'\(qualified(key))' must contain only strings, not \(article(item.typeName))", at: position(key))
                return []
            }
            if text.unicodeScalars.contains(where: { $0 == "\0" || (singleLine && ($0 == "\r" || $0 == "\n")) }) {
                sink.error("'\(qualified(key))' has an entry with a line break or NUL", at: position(key))
                continue
            }
            result.append(text)
        }
        return result
    }

    /// A sub-table, or nil (with an error when the key holds something else).
    func table(_ key: String, required: Bool = false) -> ConfigReader? {
        guard let value = table[key] else {
            if required { missing(key) }
            return nil
        }
        guard case .table(let subtable) = value else {
            wrongType(key, expected: "a table", found: value)
            return nil
        }
        return ConfigReader(table: subtable, name: qualified(key), sink: sink, baseDirectory: baseDirectory)
    }

    /// An array of tables (`[[smtp.relay]]`).
    func tables(_ key: String) -> [ConfigReader] {
        guard let value = table[key] else { return [] }
        guard case .array(let items) = value else {
            wrongType(key, expected: "an array of tables ([[\(qualified(key))]])", found: value)
            return []
        }
        var readers: [ConfigReader] = []
        for (index, item) in items.enumerated() {
            guard case .table(let subtable) = item else {
                sink.error("'\(qualified(key))' must contain only tables", at: position(key))
                return []
            }
            readers.append(
                ConfigReader(table: subtable, name: "\(qualified(key))[\(index + 1)]", sink: sink, baseDirectory: baseDirectory))
        }
        return readers
    }

    // MARK: - Secrets

    /// A secret given as `<prefix>_env`, `<prefix>_file` or `<prefix>_command`; a literal `<prefix>` is refused
    /// (DESIGN.md invariant 5). Environment variables must be set and files private (mode 0600 or stricter).
    func secret(_ prefix: String, environment: [String: String]) -> SecretSource? {
        if table[prefix] != nil {
            sink.error(
                "never write a secret in the campaign file: replace '\(qualified(prefix))' with '\(prefix)_env', "
                    + "'\(prefix)_file' or '\(prefix)_command'",
                at: table.keyPosition(prefix))
        }
        let given = ["_env", "_file", "_command"].map { prefix + $0 }.filter { table[$0] != nil }
        if given.count > 1 {
            sink.error("give only one of \(given.map { "'\(qualified($0))'" }.joined(separator: ", "))", at: position(given[1]))
            return nil
        }
        if let name = string(prefix + "_env") {
            if environment[name] == nil {
                sink.error(
                    "environment variable \(name) (from '\(qualified(prefix + "_env"))') is not set",
                    at: position(prefix + "_env"))
            }
            return .environment(name)
        }
        if let path = path(prefix + "_file", mustExist: true) {
            SecretSource.checkPermissions(path).map { sink.error("'\(qualified(prefix + "_file"))': \($0)", at: position(prefix + "_file")) }
            return .file(path)
        }
        if let command = string(prefix + "_command") {
            return .command(command, workingDirectory: baseDirectory)
        }
        return nil
    }
}
