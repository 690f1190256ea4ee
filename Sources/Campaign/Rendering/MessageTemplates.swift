// MessageTemplates: the campaign's subject, preheader, HTML and text templates, compiled once and checked.
import Foundation
import Mustache

/// Compiled templates of one campaign. Compiling happens once per run; rendering is per recipient.
public struct MessageTemplates: Sendable {
    public let subject: MustacheTemplate
    public let preheader: MustacheTemplate?
    public let html: MustacheTemplate?
    public let text: MustacheTemplate?

    /// Reads and compiles the templates, then checks every name they use against the CSV header and the
    /// built-ins (strict mode). All problems are reported together.
    /// - Throws: `FileError` for unreadable files (66), `CampaignFailure` (.badData, 65) for template errors.
    public init(campaign: Campaign, header: [String], displayPath: (String) -> String) throws {
        var diagnostics: [Diagnostic] = []
        let partials = try Self.loadPartials(campaign.message.partials, displayPath: displayPath)

        func compile(_ source: String, name: String) -> MustacheTemplate? {
            do {
                return try MustacheTemplate(source: source, name: name, partials: partials, requirePartials: true)
            } catch {
                diagnostics.append(Self.diagnostic(error, file: name))
                return nil
            }
        }
        func compileFile(_ path: String?) throws -> MustacheTemplate? {
            guard let path else { return nil }
            let shown = displayPath(path)
            let bytes: [UInt8]
            do {
                bytes = try FileError.readSmallFile(path, role: "template", limit: 8 << 20)
            } catch {
                throw FileError(error.kind, path: shown, role: error.role)
            }
            guard let source = String(validating: bytes, as: UTF8.self) else {
                diagnostics.append(Diagnostic(.error, file: shown, line: 0, column: 0, message: "the template is not UTF-8 text; save it as UTF-8"))
                return nil
            }
            // NUL is valid UTF-8 but no text template holds one (UTF-16 text or a binary file does), and it
            // could never go on the wire (DESIGN.md invariant 3).
            if let nul = bytes.firstIndex(of: 0) {
                let line = bytes[..<nul].count(where: { $0 == 0x0A }) + 1
                let lineStart = bytes[..<nul].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
                let column = String(decoding: bytes[lineStart..<nul], as: UTF8.self).unicodeScalars.count + 1
                diagnostics.append(Diagnostic(.error, file: shown, line: line, column: column,
                    message: "NUL character in the template; is it a text file? Save it as UTF-8 text"))
                return nil
            }
            return compile(source, name: shown)
        }

        let campaignFile = campaign.file
        let subject = compile(campaign.message.subject, name: "\(campaignFile) [message] subject")
        preheader = campaign.message.preheader.flatMap { compile($0, name: "\(campaignFile) [message] preheader") }
        html = try compileFile(campaign.message.html)
        text = try compileFile(campaign.message.text)

        if campaign.message.strict {
            let known = Set(header).union(TemplateNames.roots).union(TemplateNames.builtins)
            for template in [subject, preheader, html, text].compactMap({ $0 }) {
                for error in template.unknownReferences(knownNames: known, scalarNames: Set(header)) {
                    diagnostics.append(Self.diagnostic(error, file: error.templateName))
                }
            }
        }
        guard diagnostics.isEmpty, let subject else {
            throw CampaignFailure(category: .badData, diagnostics: diagnostics)
        }
        self.subject = subject
    }

    static func diagnostic(_ error: MustacheError, file: String) -> Diagnostic {
        var message = error.message
        if case .unknownName(_, _, let available) = error.kind, !available.isEmpty {
            // The suggestion is already in the message; add what the user can use.
            if !message.contains("available") { message += " (available: \(available.joined(separator: ", ")))" }
        }
        return Diagnostic(
            .error, file: file, line: error.line, column: error.column, message: message,
            sourceLine: error.sourceLine.isEmpty ? nil : error.sourceLine)
    }

    /// `NAME.mustache` files of the partials folder, by NAME.
    private static func loadPartials(_ folder: String?, displayPath: (String) -> String) throws -> [String: String] {
        guard let folder else { return [:] }
        var partials: [String: String] = [:]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names.sorted() where name.hasSuffix(".mustache") {
            let path = (folder as NSString).appendingPathComponent(name)
            let bytes: [UInt8]
            do {
                bytes = try FileError.readSmallFile(path, role: "partial", limit: 8 << 20)
            } catch {
                throw FileError(error.kind, path: displayPath(path), role: error.role)
            }
            // Checked as the message templates are: a binary or UTF-16 partial must not be read as garbage.
            guard let text = String(validating: bytes, as: UTF8.self), !bytes.contains(0) else {
                throw CampaignFailure(category: .badData, diagnostics: [
                    Diagnostic(.error, file: displayPath(path), line: 0, column: 0,
                               message: "the partial is not UTF-8 text (or holds NUL bytes); save it as UTF-8"),
                ])
            }
            partials[String(name.dropLast(".mustache".count))] = text
        }
        return partials
    }
}
