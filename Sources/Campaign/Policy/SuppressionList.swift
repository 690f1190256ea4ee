// SuppressionList: addresses and domains that must never be mailed, read from list files that fail closed.
import EdmCrypto
import Foundation
import Mail

/// The union of a campaign's suppression files. Matching is on the normalised recipient key.
///
/// File format, one entry per line (blank lines and `#` comments ignored; text after ` #` is a comment):
/// - `name@example.com`: that address;
/// - `@example.com`: every address at exactly that domain;
/// - `*.example.com`: every address at any subdomain of it (and the domain itself);
/// - `hmac-sha256:<64 hex>`: an address kept only as HMAC-SHA256(key, normalised address), so the list can be
///   shared without plain addresses; needs `suppression.hmac_key_*`.
/// A list that is missing, unreadable or has a line that is none of these stops the run (DESIGN.md
/// invariant 2: opted-out means never, so a list that cannot be read must not count as empty).
public struct SuppressionList: Sendable {
    /// Where an entry came from, for `edm suppress check` and reports.
    public struct Source: Sendable, Equatable {
        public var file: String
        public var line: Int
    }

    private var addresses: [String: Source] = [:]
    private var domains: [String: Source] = [:]
    private var domainSuffixes: [String: Source] = [:]
    private var hashes: [String: Source] = [:]
    private var hmacKey: [UInt8]?
    private let caseSensitiveLocalPart: Bool

    /// Number of entries of all kinds.
    public var count: Int { addresses.count + domains.count + domainSuffixes.count + hashes.count }

    public init(caseSensitiveLocalPart: Bool = false, hmacKey: [UInt8]? = nil) {
        self.caseSensitiveLocalPart = caseSensitiveLocalPart
        self.hmacKey = hmacKey
    }

    /// Reads `path` (shown as `displayPath` in messages) and adds its entries.
    /// - Throws: `FileError` (exit 66) or `CampaignFailure` with every bad line (exit 65).
    public mutating func load(path: String, displayPath: String) throws {
        let bytes: [UInt8]
        do {
            bytes = try FileError.readSmallFile(path, role: "suppression list", limit: 1 << 30)
        } catch {
            throw FileError(error.kind, path: displayPath, role: error.role)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CampaignFailure(category: .badData, diagnostics: [
                Diagnostic(.error, file: displayPath, line: 0, column: 0, message: "the suppression list is not UTF-8 text"),
            ])
        }
        var problems: [Diagnostic] = []
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Substring(rawLine)
            if let hash = line.range(of: " #") { line = line[..<hash.lowerBound] }
            let entry = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if entry.isEmpty || entry.hasPrefix("#") { continue }
            let source = Source(file: displayPath, line: lineNumber)
            if let problem = add(entry, source: source) {
                problems.append(Diagnostic(.error, file: displayPath, line: lineNumber, column: 1, message: problem, sourceLine: String(rawLine)))
            }
        }
        if !problems.isEmpty { throw CampaignFailure(category: .badData, diagnostics: problems) }
    }

    /// Adds one entry; returns a problem description when it is not a valid entry.
    public mutating func add(_ entry: String, source: Source) -> String? {
        let lowered = entry.lowercased()
        if lowered.hasPrefix("hmac-sha256:") {
            let hex = String(lowered.dropFirst("hmac-sha256:".count))
            guard hex.count == 64, hex.allSatisfy(\.isHexDigit) else {
                return "'\(entry)' is not hmac-sha256: followed by 64 hexadecimal digits"
            }
            guard hmacKey != nil else {
                return "hashed entries need a key: set suppression.hmac_key_env, _file or _command"
            }
            hashes[hex] = hashes[hex] ?? source
        } else if lowered.hasPrefix("*.") || lowered.hasPrefix("@") {
            let isSuffix = lowered.hasPrefix("*.")
            let domainText = String(lowered.dropFirst(isSuffix ? 2 : 1))
            guard let domain = try? IDNA.toASCII(domainText), domain.contains(".") else {
                return "'\(entry)' is not a domain entry (write @example.com or *.example.com)"
            }
            if isSuffix { domainSuffixes[domain] = domainSuffixes[domain] ?? source } else { domains[domain] = domains[domain] ?? source }
        } else {
            do {
                let address = try AddressParser.parse(entry)
                let key = address.key(caseSensitiveLocalPart: caseSensitiveLocalPart)
                addresses[key] = addresses[key] ?? source
            } catch {
                return "'\(entry)' is not an address, @domain, *.domain or hmac-sha256: entry (\(error.message))"
            }
        }
        return nil
    }

    /// The entry that suppresses `key` (a normalised recipient key), if any.
    public func match(key: String, domain: String) -> Source? {
        if let source = addresses[key] { return source }
        if let source = domains[domain] { return source }
        if !domainSuffixes.isEmpty {
            var rest = Substring(domain)
            while true {
                if let source = domainSuffixes[String(rest)] { return source }
                guard let dot = rest.firstIndex(of: ".") else { break }
                rest = rest[rest.index(after: dot)...]
            }
        }
        if let hmacKey, !hashes.isEmpty {
            let mac = Hex.encode(HMACSHA256.authenticate(Array(key.utf8), key: hmacKey))
            if let source = hashes[mac] { return source }
        }
        return nil
    }
}
