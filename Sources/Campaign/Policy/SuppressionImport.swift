// SuppressionImport: reads addresses to suppress from a text or CSV file (an ESP export, a bounce list, …).
import Foundation

/// The entries of an import file, with every line that is not one.
///
/// Accepted: one entry per line (like a list), or CSV with a header naming the column of addresses
/// (`email`, `address`, `entry` or `e-mail`) and optionally `reason` and `date`; without such a header, the
/// first three columns are entry, reason, date. Blank and `#` lines are skipped.
public struct SuppressionImport: Sendable {
    public struct Row: Sendable {
        public var line: Int
        public var entry: SuppressionEntry
    }

    public private(set) var rows: [Row] = []
    /// Lines that are not entries, as diagnostics with file:line.
    public private(set) var problems: [Diagnostic] = []

    static let entryColumns = ["email", "address", "entry", "e-mail", "email_address", "email address"]

    /// - Parameters:
    ///   - defaultReason: used when the file has no reason.
    ///   - date: used when the file has no date.
    /// - Throws: `FileError` (66) when the file cannot be read, `CampaignFailure` (65) when it is not UTF-8.
    public init(path: String, shown: String, caseSensitiveLocalPart: Bool, defaultReason: String, date: String) throws {
        let bytes: [UInt8]
        do {
            bytes = try FileError.readSmallFile(path, role: "import file", limit: 1 << 30)
        } catch {
            throw FileError(error.kind, path: shown, role: error.role)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CampaignFailure(category: .badData, diagnostics: [
                Diagnostic(.error, file: shown, line: 0, column: 0, message: "the import file is not UTF-8 text"),
            ])
        }
        var columns: (entry: Int, reason: Int?, date: Int?)?
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let result = SuppressionLine.fields(ArraySlice(line.utf8), maxFields: 10_000) else { continue }
            let fail = { (message: String) in
                Diagnostic(.error, file: shown, line: offset + 1, column: 1, message: message, sourceLine: String(line))
            }
            let fields: [String]
            switch result {
            case .failure(let error):
                problems.append(fail(error.message))
                continue
            case .success(let found):
                fields = found
            }
            if columns == nil {
                let names = fields.map { $0.lowercased() }
                if let entry = names.firstIndex(where: { Self.entryColumns.contains($0) }) {
                    columns = (entry, names.firstIndex(of: "reason"), names.firstIndex(of: "date"))
                    continue
                }
                columns = (0, fields.count > 1 ? 1 : nil, fields.count > 2 ? 2 : nil)
            }
            guard let columns, columns.entry < fields.count else {
                problems.append(fail("this row has no address column"))
                continue
            }
            switch SuppressionEntry.classify(fields[columns.entry], caseSensitiveLocalPart: caseSensitiveLocalPart) {
            case .failure(let error):
                problems.append(fail(error.message))
            case .success(var entry):
                let reason = columns.reason.flatMap { $0 < fields.count ? fields[$0] : nil } ?? ""
                let rowDate = columns.date.flatMap { $0 < fields.count ? fields[$0] : nil } ?? ""
                guard SuppressionEntry.isValidDate(rowDate) else {
                    problems.append(fail("'\(rowDate)' is not a date; write it as 2026-03-20 or 2026-03-20T09:00:00Z"))
                    continue
                }
                entry.reason = reason.isEmpty ? defaultReason : reason
                entry.date = rowDate.isEmpty ? date : rowDate
                rows.append(Row(line: offset + 1, entry: entry))
            }
        }
    }

    /// The same import with other rows (e.g. hashed), keeping the problems.
    public func replacingRows(_ rows: [Row]) -> SuppressionImport {
        var copy = self
        copy.rows = rows
        return copy
    }
}
