// CommandContext: what a running command may touch: output, environment, working directory, global options.
import Campaign
import Foundation

/// The world a command runs in, passed in so tests can run commands in-process.
public struct CommandContext: Sendable {
    public var output: Output
    public var environment: [String: String]
    public var currentDirectory: String
    public var globals: GlobalOptions
    /// Reads all of standard input (for `edm toml-decode`); tests pass bytes instead.
    public var readStandardInput: @Sendable () -> [UInt8]

    /// One line typed on standard input (a y/N answer), or nil at end of input. Only asked when
    /// `output.stdinIsTerminal`.
    public func readLine() -> String? { Swift.readLine(strippingNewline: true) }

    /// Whether to colour text written to standard error.
    public var colorsStderr: Bool {
        !globals.noColor && environment["NO_COLOR"].map(\.isEmpty) ?? true && output.stderrIsTerminal
            && environment["TERM"] != "dumb"
    }

    /// Writes a line to standard output unless `--quiet`.
    public func info(_ line: String) {
        if !globals.quiet { output.writeOut(line + "\n") }
    }

    /// Writes a line to standard output regardless of `--quiet` (results the user asked for).
    public func print(_ line: String, terminator: String = "\n") {
        output.writeOut(line + terminator)
    }

    /// Writes a line to standard output only with `--verbose`.
    public func detail(_ line: String) {
        if globals.verbose { output.writeOut(line + "\n") }
    }

    /// Writes `edm: error: …` to standard error.
    public func error(_ message: String) {
        output.writeErr("edm: \(paint("error:", .red)) \(message)\n")
    }

    /// Writes `edm: warning: …` to standard error unless `--quiet`.
    public func warning(_ message: String) {
        if !globals.quiet { output.writeErr("edm: \(paint("warning:", .yellow)) \(message)\n") }
    }

    enum Color: String { case red = "31", yellow = "33", bold = "1" }

    /// `text` wrapped in an ANSI colour when standard error is a colour terminal.
    func paint(_ text: String, _ color: Color) -> String {
        colorsStderr ? "\u{1B}[\(color.rawValue)m\(text)\u{1B}[0m" : text
    }

    /// An absolute path as the user should see it: relative to the working directory when inside it.
    public func displayPath(_ path: String) -> String {
        let base = currentDirectory.hasSuffix("/") ? currentDirectory : currentDirectory + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }

    /// Resolves a path the user typed against the working directory.
    public func absolutePath(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        return URL(fileURLWithPath: currentDirectory).appendingPathComponent(path).standardizedFileURL.path
    }
}

extension CommandContext {
    /// Loads and validates a campaign, opens every input (`PreparedCampaign`), and prints the warnings of both
    /// steps unless `--quiet`: the common start of `send` and `preview`.
    /// - Throws: as `CampaignLoader.loadValid` and `PreparedCampaign.init` do.
    func prepareCampaign(_ path: String) throws -> PreparedCampaign {
        let (campaign, warnings) = try CampaignLoader.loadValid(
            path: path, currentDirectory: currentDirectory, environment: environment)
        printWarnings(warnings)
        let prepared = try PreparedCampaign(campaign: campaign, environment: environment, displayPath: displayPath)
        printWarnings(prepared.warnings)
        return prepared
    }

    private func printWarnings(_ warnings: [Diagnostic]) {
        for warning in warnings where !globals.quiet {
            output.writeErr(DiagnosticPrinter.render(warning, context: self))
        }
    }
}
