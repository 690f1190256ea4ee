// SuppressionFile: one suppression list as lines to edit (edm suppress), keeping comments and order.
import Foundation

/// A suppression list opened for reading or editing. Every line is kept as written, so comments survive
/// edits; entries are parsed with the same rules the campaign uses (`SuppressionEntry`, `SuppressionLine`).
public struct SuppressionFile: Sendable {
    /// One entry and the 1-based line it is on.
    public struct Listed: Sendable, Equatable {
        public var line: Int
        public var entry: SuppressionEntry
    }

    /// The first line of a list `edm suppress` creates.
    public static let newFileHeader = "# edm suppression list (docs/suppression.md): address,reason,date"

    public let path: String
    /// The path as the user should see it.
    public let shown: String
    public let existed: Bool
    public private(set) var lines: [String]
    public private(set) var entries: [Listed]
    private let caseSensitiveLocalPart: Bool

    /// Reads the list. A missing file is an error unless `createIfMissing` (then the list starts empty).
    /// - Throws: `FileError` (66) when it cannot be read, `CampaignFailure` (65) with every bad line: a list
    ///   edm cannot fully understand is never rewritten.
    public init(path: String, shown: String, caseSensitiveLocalPart: Bool = false,
        createIfMissing: Bool = false) throws {
        self.path = path
        self.shown = shown
        self.caseSensitiveLocalPart = caseSensitiveLocalPart
        let bytes: [UInt8]
        do {
            bytes = try FileError.readSmallFile(path, role: "suppression list", limit: 1 << 30)
        } catch {
            guard error.kind == .notFound, createIfMissing else { throw FileError(error.kind, path: shown,
                role: error.role) }
            existed = false
            lines = []
            entries = []
            return
        }
        existed = true
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CampaignFailure(category: .badData, diagnostics: [
                Diagnostic(.error, file: shown, line: 0, column: 0, message: "the suppression list is not UTF-8 text"),
            ])
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        self.lines = lines
        var entries: [Listed] = []
        var problems: [Diagnostic] = []
        var sawEntry = false
        for (offset, line) in lines.enumerated() {
            guard let fields = SuppressionLine.fields(ArraySlice(line.utf8)) else { continue }
            let parsed = fields.flatMap { fields -> Result<SuppressionEntry, SuppressionLineError> in
                Self.entry(fields, caseSensitiveLocalPart: caseSensitiveLocalPart, headerAllowed: !sawEntry)
            }
            sawEntry = true
            switch parsed {
            case .success(let entry):
                if !entry.value.isEmpty { entries.append(Listed(line: offset + 1, entry: entry)) }
            case .failure(let error):
                problems.append(Diagnostic(.error, file: shown, line: offset + 1, column: 1, message: error.message,
                    sourceLine: line))
            }
        }
        if !problems.isEmpty { throw CampaignFailure(category: .badData, diagnostics: problems) }
        self.entries = entries
    }

    /// An entry from a line's fields; a header line (`address,reason,date`) gives an entry with an empty value.
    static func entry(
        _ fields: [String], caseSensitiveLocalPart: Bool, headerAllowed: Bool
    ) -> Result<SuppressionEntry, SuppressionLineError> {
        if headerAllowed, SuppressionList.headerNames.contains(fields[0].lowercased()) {
            return .success(SuppressionEntry(kind: .address, value: ""))
        }
        return SuppressionEntry.classify(fields[0], caseSensitiveLocalPart: caseSensitiveLocalPart).flatMap { parsed in
            var entry = parsed
            entry.reason = fields.count > 1 ? fields[1] : ""
            entry.date = fields.count > 2 ? fields[2] : ""
            guard SuppressionEntry.isValidDate(entry.date) else {
                return .failure(SuppressionLineError(
                    "'\(entry.date)' is not a date; write it as 2026-03-20 or 2026-03-20T09:00:00Z"))
            }
            return .success(entry)
        }
    }

    /// The entries that are `entry` itself: the same kind and normalised value, or, for an address and a
    /// known HMAC key, its keyed hash.
    public func listed(_ entry: SuppressionEntry, hmacKey: [UInt8]?) -> [Listed] {
        let hash = entry.kind == .address ? hmacKey.map { SuppressionEntry.hashed(key: entry.value, hmacKey: $0) } : nil
        return entries.filter { listed in
            (listed.entry.kind == entry.kind && listed.entry.value == entry.value)
                || (listed.entry.kind == .hash && listed.entry.value == hash)
        }
    }

    /// Appends `entry` as a CSV line (the caller has checked it is not listed yet).
    public mutating func append(_ entry: SuppressionEntry) {
        if !existed, lines.isEmpty { lines.append(Self.newFileHeader) }
        lines.append(entry.csvLine)
        entries.append(Listed(line: lines.count, entry: entry))
    }

    /// Removes the given 1-based lines.
    public mutating func remove(lines numbers: Set<Int>) {
        lines = lines.enumerated().filter { !numbers.contains($0.offset + 1) }.map(\.element)
        var renumbered: [Listed] = []
        var removedBefore = 0
        var entryIndex = 0
        for number in 1...max(1, lines.count + numbers.count) {
            if numbers.contains(number) {
                removedBefore += 1
                while entryIndex < entries.count, entries[entryIndex].line == number { entryIndex += 1 }
                continue
            }
            while entryIndex < entries.count, entries[entryIndex].line == number {
                var listed = entries[entryIndex]
                listed.line -= removedBefore
                renumbered.append(listed)
                entryIndex += 1
            }
        }
        entries = renumbered
    }

    /// Writes the list atomically (AtomicFile); a new list is created with mode 0600 (it holds addresses).
    public func write() throws {
        let text = lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
        try AtomicFile.write(Array(text.utf8), to: path, shown: shown, role: "suppression list")
    }
}
