// CampaignLoader: reads campaign.toml, validates every section, and reports all problems at once.
import Foundation
import TOML

/// Loads and validates a campaign file.
public enum CampaignLoader {
    /// The result of loading: the campaign when there were no errors, and every diagnostic (warnings too).
    public struct Result: Sendable {
        public var campaign: Campaign?
        public var diagnostics: [Diagnostic]
    }

    /// Reads and validates `path` (as the user typed it; resolved against `currentDirectory`).
    /// - Throws: `FileError` when the file cannot be read (exit 66).
    public static func load(
        path: String, currentDirectory: String, environment: [String: String]
    ) throws(FileError) -> Result {
        let absolute = path.hasPrefix("/")
            ? path : URL(fileURLWithPath: currentDirectory).appendingPathComponent(path).standardizedFileURL.path
        let bytes: [UInt8]
        do {
            bytes = try FileError.readSmallFile(absolute, role: "campaign file", limit: 4 << 20)
        } catch {
            throw FileError(error.kind, path: path, role: error.role)  // name the file as the user typed it
        }
        let base = URL(fileURLWithPath: absolute).deletingLastPathComponent().path
        return load(bytes: bytes, file: path, baseDirectory: base, environment: environment)
    }

    /// Validates campaign text already in memory; `file` is the name used in messages.
    public static func load(
        bytes: [UInt8], file: String, baseDirectory: String, environment: [String: String]
    ) -> Result {
        let text = String(decoding: bytes, as: UTF8.self)
        let sink = DiagnosticCollector(file: file, text: text)
        let root: TOMLTable
        do {
            root = try TOMLParser.parse(bytes: bytes)
        } catch {
            sink.error(error.message, at: TOMLPosition(line: error.line, column: error.column))
            return Result(campaign: nil, diagnostics: sink.sorted)
        }
        let reader = ConfigReader(table: root, name: "", sink: sink, baseDirectory: baseDirectory)
        let campaign = SectionLoader(reader: reader, environment: environment).load()
        return Result(campaign: sink.hasErrors ? nil : campaign, diagnostics: sink.sorted)
    }

    /// Loads `path` and throws a `CampaignFailure` (exit 78) unless it is valid; returns warnings beside it.
    public static func loadValid(
        path: String, currentDirectory: String, environment: [String: String]
    ) throws -> (Campaign, [Diagnostic]) {
        let result = try load(path: path, currentDirectory: currentDirectory, environment: environment)
        guard let campaign = result.campaign else {
            throw CampaignFailure(category: .configuration, diagnostics: result.diagnostics)
        }
        return (campaign, result.diagnostics)
    }
}
