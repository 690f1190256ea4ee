// RecipientSource: streams the recipient CSV as Recipients, applying address, dedupe and consent checks.
import CSV
import Foundation
import Mail

/// Reads the recipient list row by row and decides each row's verdict; memory stays flat in the list's
/// length, dedupe included (`DuplicateScan` reads the list once ahead). Suppression and blocklists come after.
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
    private let duplicates: DuplicateList
    /// With `.firstRows`: the keys seen so far (the verdict of row k depends only on rows before it).
    private var seenSoFar: DuplicateIndex?
    /// The recipient file as the user should see it in messages (relative to the working directory if possible).
    public let displayPath: String

    /// Opens the list and checks its header against the campaign's column settings.
    /// - Throws: `FileError` (missing or unreadable, exit 66) or `CampaignFailure` (bad data, exit 65).
    /// How duplicates are found. Both give the same verdicts: "first row wins" depends only on earlier rows.
    public enum Dedupe: Sendable {
        /// A pre-pass over the whole list (`DuplicateScan`): memory flat in the list's length. For full passes.
        case prePass
        /// An index of the rows read so far: no pre-pass, memory grows with the rows read. For callers that
        /// read only the first few rows (the compliance lint, the SpamAssassin sample).
        case firstRows
    }

    public init(
        settings: RecipientSettings, requireConsent: Bool, displayPath: String, dedupe: Dedupe = .prePass
    ) throws {
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
        if dedupe == .firstRows {
            duplicates = try DuplicateList(file: nil, stretches: [])
            seenSoFar = DuplicateIndex()
            return
        }
        // The dedupe pre-pass reads the list with a reader of its own (the header opened fine just now).
        let scanReader: CSVReader
        do {
            scanReader = try CSVReader(path: settings.file, options: options)
        } catch {
            throw Self.failure(error, path: displayPath)
        }
        var info = stat()
        duplicates = try DuplicateScan.run(
            scanReader, emailIndex: emailIndex, addressOptions: addressOptions,
            caseSensitiveLocalPart: settings.caseSensitiveLocalPart,
            fileBytes: stat(settings.file, &info) == 0 ? Int(info.st_size) : 0, displayPath: displayPath)
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
            if let duplicate = try duplicateEntry(line: record.line, key: key) {
                recipient.verdict = .duplicate(firstLine: Int(duplicate.firstLine))
            } else if requireConsent, let consentIndex, !consentValues.contains(
                record.fields[consentIndex].trimmingCharacters(in: .whitespaces).lowercased())
            {
                recipient.verdict = .noConsent
            }
        } catch let error as AddressError {
            recipient.verdict = .invalid(code: error.code, message: error.message)
        }
        return recipient
    }

    /// The pre-pass's entry when this row repeats an earlier key. Its fingerprint must be this row's key's:
    /// otherwise the list changed between the two passes and the verdicts cannot be trusted.
    private func duplicateEntry(line: Int, key: String) throws -> DuplicateEntry? {
        let changed = { (line: Int) in
            CampaignFailure(category: .badData, diagnostics: [Diagnostic(
                .error, file: self.displayPath, line: line, column: 0,
                message: "the recipient list changed while edm was reading it; run again")])
        }
        if seenSoFar != nil {
            guard let first = seenSoFar?.insert(key, line: line) else { return nil }
            return DuplicateEntry(
                line: UInt32(clamping: line), firstLine: UInt32(clamping: first), fingerprint: DuplicateIndex.fingerprint(key))
        }
        do {
            guard let entry = try duplicates.entry(forLine: line) else { return nil }
            guard entry.fingerprint == DuplicateIndex.fingerprint(key) else { throw changed(line) }
            return entry
        } catch let gone as DuplicateList.Gone {
            throw changed(gone.line)
        }
    }
}
