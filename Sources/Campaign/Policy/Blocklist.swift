// Blocklist: kinds of addresses never mailed: blocked domains, a domain allowlist, role accounts, disposables.
import Foundation
import Mail

/// Why the blocklist refuses a recipient.
public enum BlockReason: Sendable, Equatable {
    /// `[blocklist] domains` has this entry (`example.com` or `*.example.com`).
    case domain(String)
    /// `[blocklist] allow_domains` is set and the domain matches none of it.
    case notAllowed(String)
    /// The local part is a role account (`RoleAccounts.names`).
    case roleAccount(String)
    /// The domain (or a parent) is in the disposable-domain list, at this file and line.
    case disposable(domain: String, file: String, line: Int)

    /// One line for people.
    public var explanation: String {
        switch self {
        case .domain(let entry): "blocked domain (\(entry) in [blocklist] domains)"
        case .notAllowed(let domain): "domain \(domain) is not in [blocklist] allow_domains"
        case .roleAccount(let name): "role account (\(name)@; [blocklist] role_accounts)"
        case .disposable(let domain, let file, let line): "disposable domain \(domain) (\(file):\(line))"
        }
    }
}

/// The campaign's `[blocklist]`, ready to test recipients.
public struct Blocklist: Sendable {
    private let domains: [String: String]          // exact domain → entry as written
    private let suffixes: [String: String]         // `*.x` → entry as written
    private let allowDomains: Set<String>
    private let allowSuffixes: Set<String>
    private let roleAccounts: Bool
    private let disposable: [String: Int]          // domain → line
    private let disposableFile: String

    /// Whether anything is configured (a campaign without `[blocklist]` skips the work).
    public let isEmpty: Bool

    /// - Throws: `FileError` (66) when the disposable-domain file cannot be read, `CampaignFailure` (65) with
    ///   every line that is not a domain: like suppression lists, a blocklist fails closed.
    public init(settings: BlocklistSettings, displayPath: (String) -> String) throws {
        var domains: [String: String] = [:], suffixes: [String: String] = [:]
        for entry in settings.domains {
            let (name, isSuffix) = Self.split(entry)
            if isSuffix { suffixes[name] = entry } else { domains[name] = entry }
        }
        self.domains = domains
        self.suffixes = suffixes
        var allowDomains = Set<String>(), allowSuffixes = Set<String>()
        for entry in settings.allowDomains {
            let (name, isSuffix) = Self.split(entry)
            if isSuffix { allowSuffixes.insert(name) } else { allowDomains.insert(name) }
        }
        self.allowDomains = allowDomains
        self.allowSuffixes = allowSuffixes
        roleAccounts = settings.roleAccounts
        if let path = settings.disposableDomainsFile {
            disposableFile = displayPath(path)
            disposable = try Self.loadDomains(path: path, shown: disposableFile)
        } else {
            disposableFile = ""
            disposable = [:]
        }
        isEmpty = domains.isEmpty && suffixes.isEmpty && allowDomains.isEmpty && allowSuffixes.isEmpty
            && !roleAccounts && disposable.isEmpty
    }

    /// `*.example.com` → ("example.com", true); `example.com` → ("example.com", false); IDNs to A-labels.
    private static func split(_ entry: String) -> (String, Bool) {
        let lowered = entry.lowercased()
        let isSuffix = lowered.hasPrefix("*.")
        let name = isSuffix ? String(lowered.dropFirst(2)) : lowered
        return ((try? IDNA.toASCII(name)) ?? name, isSuffix)
    }

    /// One domain per line, `#` comments (the format of the public disposable-email-domains lists).
    private static func loadDomains(path: String, shown: String) throws -> [String: Int] {
        let bytes: [UInt8]
        do {
            bytes = try FileError.readSmallFile(path, role: "disposable-domain list", limit: 256 << 20)
        } catch {
            throw FileError(error.kind, path: shown, role: error.role)
        }
        var result: [String: Int] = [:]
        var problems: [Diagnostic] = []
        let text = String(decoding: bytes, as: UTF8.self)
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(rawLine)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let entry = line.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            if entry.isEmpty { continue }
            guard let domain = try? IDNA.toASCII(entry), domain.contains("."), !domain.hasPrefix(".") else {
                problems.append(Diagnostic(
                    .error, file: shown, line: offset + 1, column: 1,
                    message: "'\(entry)' is not a domain (one domain per line, # comments)",
                    sourceLine: String(rawLine)))
                continue
            }
            if result[domain] == nil { result[domain] = offset + 1 }
        }
        if !problems.isEmpty { throw CampaignFailure(category: .badData, diagnostics: problems) }
        return result
    }

    /// Why `address` must not be mailed, or nil when the blocklist allows it.
    public func check(_ address: EmailAddress) -> BlockReason? {
        if isEmpty { return nil }
        let domain = address.domain
        if let entry = domains[domain] { return .domain(entry) }
        if !suffixes.isEmpty, let entry = Self.parents(of: domain).lazy.compactMap({ self.suffixes[$0] }).first {
            return .domain(entry)
        }
        if !allowDomains.isEmpty || !allowSuffixes.isEmpty {
            let allowed = allowDomains.contains(domain)
                || Self.parents(of: domain).contains { allowSuffixes.contains($0) }
            if !allowed { return .notAllowed(domain) }
        }
        if roleAccounts, let name = RoleAccounts.match(localPart: address.localPart) {
            return .roleAccount(name)
        }
        if !disposable.isEmpty {
            for parent in Self.parents(of: domain) {
                if let line = disposable[parent] { return .disposable(domain: parent, file: disposableFile,
                    line: line) }
            }
        }
        return nil
    }

    /// `a.b.example.com` → `a.b.example.com`, `b.example.com`, `example.com`, `com`.
    static func parents(of domain: String) -> [String] {
        var result: [String] = []
        var rest = Substring(domain)
        while !rest.isEmpty {
            result.append(String(rest))
            guard let dot = rest.firstIndex(of: ".") else { break }
            rest = rest[rest.index(after: dot)...]
        }
        return result
    }
}
