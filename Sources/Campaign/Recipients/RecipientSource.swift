// RecipientSource: streams the recipient CSV as Recipients, applying address, dedupe and consent checks.
import CSV
import Foundation
import Mail

/// Reads the recipient list row by row (memory stays flat in the list's length, but for 16 bytes a row of
/// dedupe index) and decides each row's verdict. Suppression and blocklists come after this.
public final class RecipientSource {
    public let header: [String]
    private let reader: CSVReader
    private let settings: RecipientSettings
    private let requireConsent: Bool
    private let emailIndex: Int
    private let nameIndex: Int?
    private let consentIndex: Int?
    private let consentValues: Set<String>
    private let addressOptions: AddressOptions
    private var seen: DuplicateIndex
    /// The recipient file as the user should see it in messages (relative to the working directory if possible).
    public let displayPath: String

    /// Opens the list and checks its header against the campaign's column settings.
    /// - Throws: `FileError` (missing or unreadable, exit 66) or `CampaignFailure` (bad data, exit 65).
    public init(settings: RecipientSettings, requireConsent: Bool, displayPath: String) throws {
        self.settings = settings
        self.requireConsent = requireConsent
        self.displayPath = displayPath
        var options = CSVOptions()
        options.encoding = settings.encoding
        options.delimiter = settings.delimiter?.utf8.first
        options.maxFieldBytes = settings.maxFieldBytes
        options.maxColumns = settings.maxColumns
        do {
            reader = try CSVReader(path: settings.file, options: options)
        } catch {
            throw Self.failure(error, path: displayPath)
        }
        // Size the dedupe index once from the file size (a typical recipient row is 40 bytes or more), so it
        // never grows mid-run: memory stays predictable for million-row lists.
        var info = stat()
        let fileBytes = stat(settings.file, &info) == 0 ? Int(info.st_size) : 0
        seen = DuplicateIndex(expectedCount: max(4096, fileBytes / 40))
        let header = reader.header
        self.header = header
        func column(_ name: String?, role: String) throws -> Int? {
            guard let name else { return nil }
            guard let index = header.firstIndex(of: name) else {
                var message = "the \(role) column '\(name)' is not in the header (columns: \(header.joined(separator: ", ")))"
                if let suggestion = Suggestion.closest(to: name, in: header) {
                    message += "; did you mean '\(suggestion)'?"
                }
                throw CampaignFailure(
                    category: .badData,
                    diagnostics: [Diagnostic(.error, file: displayPath, line: 1, column: 0, message: message)])
            }
            return index
        }
        emailIndex = try column(settings.emailColumn, role: "email") ?? 0
        nameIndex = try column(settings.nameColumn, role: "name")
        consentIndex = try column(settings.consentColumn, role: "consent")
        consentValues = Set(settings.consentValues.map { $0.lowercased() })
        addressOptions = AddressOptions(caseSensitiveLocalPart: settings.caseSensitiveLocalPart)
    }

    /// Maps a CSV error to a diagnostic naming the file, line and column.
    static func failure(_ error: CSVError, path: String) -> any Error {
        switch error.kind {
        case .fileNotFound: return FileError(.notFound, path: path, role: "recipient list")
        case .isDirectory: return FileError(.isDirectory, path: path, role: "recipient list")
        case .notRegularFile: return FileError(.notRegularFile, path: path, role: "recipient list")
        case .unreadable(_, let reason), .readFailed(let reason):
            return FileError(.unreadable(reason: reason), path: path, role: "recipient list")
        case .unknownEncoding:
            return CampaignFailure(
                category: .configuration,
                diagnostics: [Diagnostic(.error, file: path, line: 0, column: 0, message: error.kind.message)])
        default: break
        }
        return CampaignFailure(
            category: .badData,
            diagnostics: [Diagnostic(.error, file: path, line: error.line, column: error.column, message: error.kind.message)])
    }

    /// The next row with its verdict, or nil at the end of the list.
    /// - Throws: `CampaignFailure` for malformed CSV (with file, line and column).
    public func next() throws -> Recipient? {
        let record: CSVRecord?
        do {
            record = try reader.next()
        } catch {
            throw Self.failure(error, path: displayPath)
        }
        guard let record else { return nil }
        let raw = record.fields[emailIndex]
        var recipient = Recipient(
            line: record.line, fields: record.fields, rawEmail: raw, address: nil, key: nil,
            displayName: nameIndex.map { record.fields[$0] }.flatMap { $0.isEmpty ? nil : $0 }, verdict: .ok)
        do {
            let address = try AddressParser.parse(raw, options: addressOptions)
            let key = address.key(caseSensitiveLocalPart: settings.caseSensitiveLocalPart)
            recipient.address = address
            recipient.key = key
            if let first = seen.insert(key, line: record.line) {
                recipient.verdict = .duplicate(firstLine: first)
            } else if requireConsent, let consentIndex, !consentValues.contains(
                record.fields[consentIndex].trimmingCharacters(in: .whitespaces).lowercased())
            {
                recipient.verdict = .noConsent
            }
        } catch {
            recipient.verdict = .invalid(code: error.code, message: error.message)
        }
        return recipient
    }
}
