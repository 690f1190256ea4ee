// SuppressionList: addresses and domains that must never be mailed, read from list files that fail closed.
import EdmCrypto
import Foundation
import Mail

/// The union of a campaign's suppression files. Matching is on the normalised recipient key.
///
/// File format (docs/suppression.md), one entry per line; blank lines and `#` comments are ignored, and text
/// after ` #` is a comment:
/// - `name@example.com`: that address;
/// - `@example.com`: every address at exactly that domain;
/// - `*.example.com`: every address at any subdomain of it (and the domain itself);
/// - `hmac-sha256:<64 hex>`: an address kept only as HMAC-SHA256(key, normalised address), so the list can be
///   shared without plain addresses; needs `suppression.hmac_key_*`;
/// - any of these as a CSV record `entry,reason,date` (what `edm suppress` writes), with an optional
///   `address,reason,date` header line.
/// A list that is missing, unreadable or has a line that is none of these stops the run (DESIGN.md
/// invariant 2: opted-out means never, so a list that cannot be read must not count as empty).
public struct SuppressionList: Sendable {
    /// Where an entry came from, for `edm suppress check` and reports.
    public struct Source: Sendable, Equatable {
        public var file: String
        public var line: Int

        public init(file: String, line: Int) {
            self.file = file
            self.line = line
        }
    }

    private var index = SuppressionIndex()
    private var files: [String] = []
    private var hasDomains = false
    private var hasSuffixes = false
    private var hasHashes = false
    private let hmacKey: [UInt8]?
    private let caseSensitiveLocalPart: Bool

    /// Number of distinct entries of all kinds.
    public var count: Int { index.count }

    /// Bytes held by the entry table.
    public var memoryBytes: Int { index.memoryBytes }

    public init(caseSensitiveLocalPart: Bool = false, hmacKey: [UInt8]? = nil) {
        self.caseSensitiveLocalPart = caseSensitiveLocalPart
        self.hmacKey = hmacKey
    }

    /// Header names accepted for the first column of a CSV list.
    static let headerNames: Set<String> = ["address", "email", "entry"]

    /// Reads `path` (shown as `displayPath` in messages) and adds its entries.
    /// - Throws: `FileError` (exit 66) or `CampaignFailure` with every bad line (exit 65).
    public mutating func load(path: String, displayPath: String) throws {
        let fileNumber = try register(displayPath)
        var problems: [Diagnostic] = []
        var sawEntry = false
        var unreported = 0
        try LineFileReader.forEachLine(path: path, shown: displayPath, role: "suppression list") { line, lineNumber in
            let problem: String?
            // Only lines with non-ASCII bytes need UTF-8 validation; most lists are ASCII.
            if line.contains(where: { $0 >= 0x80 }), String(validating: line, as: UTF8.self) == nil {
                problem = "this line is not UTF-8 text"
            } else {
                switch SuppressionLine.fields(line) {
                case nil:
                    return
                case .failure(let error)?:
                    problem = error.message
                case .success(let fields)?:
                    if !sawEntry, Self.headerNames.contains(fields[0].lowercased()) {
                        sawEntry = true
                        return
                    }
                    sawEntry = true
                    problem = add(fields: fields, file: fileNumber, line: lineNumber)
                }
            }
            if let problem {
                guard problems.count < Self.maximumReportedProblems else {
                    unreported += 1
                    return
                }
                let text = String(decoding: line, as: UTF8.self)
                problems.append(Diagnostic(.error, file: displayPath, line: lineNumber, column: 1, message: problem,
                    sourceLine: text))
            }
        }
        if unreported > 0 {
            problems.append(Diagnostic(.error, file: displayPath, line: 0, column: 0,
                message: "\(unreported) more lines like these; is this file really a suppression list?"))
        }
        if !problems.isEmpty { throw CampaignFailure(category: .badData, diagnostics: problems) }
    }

    /// Bad lines reported one by one; past this a file is most likely not a list at all (binary, the wrong
    /// file), and the rest are counted instead of flooding the terminal.
    static let maximumReportedProblems = 20

    private mutating func register(_ file: String) throws -> Int {
        if let known = files.firstIndex(of: file) { return known }
        guard files.count < SuppressionIndex.maximumFiles else {
            throw CampaignFailure(category: .configuration, diagnostics: [
                Diagnostic(.error, file: file, line: 0, column: 0,
                           message: "more than \(SuppressionIndex.maximumFiles) suppression lists; merge some"),
            ])
        }
        files.append(file)
        return files.count - 1
    }

    /// Adds one entry (the text of a list line's first field); returns a problem description when it is not
    /// a valid entry.
    public mutating func add(_ entry: String, source: Source) -> String? {
        guard let file = try? register(source.file) else { return "too many suppression lists" }
        return add(fields: [entry], file: file, line: source.line)
    }

    private mutating func add(fields: [String], file: Int, line: Int) -> String? {
        let entry: SuppressionEntry
        switch SuppressionEntry.classify(fields[0], caseSensitiveLocalPart: caseSensitiveLocalPart) {
        case .failure(let error): return error.message
        case .success(let parsed): entry = parsed
        }
        if fields.count > 2, !SuppressionEntry.isValidDate(fields[2]) {
            return "'\(fields[2])' is not a date; write it as 2026-03-20 or 2026-03-20T09:00:00Z"
        }
        switch entry.kind {
        case .hash:
            guard hmacKey != nil else {
                return "hashed entries need a key: set suppression.hmac_key_env, _file or _command"
            }
            hasHashes = true
        case .domain: hasDomains = true
        case .subdomains: hasSuffixes = true
        case .address: break
        }
        index.insert(entry.kind, entry.value, file: file, line: line)
        return nil
    }

    private func source(_ found: (file: Int, line: Int)?) -> Source? {
        guard let found, found.file < files.count else { return nil }
        return Source(file: files[found.file], line: found.line)
    }

    /// The entry that suppresses `key` (a normalised recipient key), if any.
    public func match(key: String, domain: String) -> Source? {
        if let found = source(index.find(.address, key)) { return found }
        if hasDomains, let found = source(index.find(.domain, domain)) { return found }
        if hasSuffixes {
            var rest = Substring(domain)
            while true {
                if let found = source(index.find(.subdomains, String(rest))) { return found }
                guard let dot = rest.firstIndex(of: ".") else { break }
                rest = rest[rest.index(after: dot)...]
            }
        }
        if let hmacKey, hasHashes {
            return source(index.find(.hash, SuppressionEntry.hashed(key: key, hmacKey: hmacKey)))
        }
        return nil
    }
}
