// CampaignStatus: what the journal says about a campaign: states, per-domain table, deferred, uncertain, errors.
import Foundation

/// A read-only summary of a campaign's journal, for `edm status`. Reading takes no lock: a running send may
/// be appending, and the summary is as of the last complete line.
public struct CampaignStatus: Sendable {
    public struct DomainRow: Sendable {
        public var domain: String
        public var counts: [String: Int]
    }

    /// Recipients by their current state (last record wins; an intent without outcome is "uncertain").
    public var counts: [String: Int] = [:]
    public var domains: [DomainRow] = []
    /// Deferred recipients with when they are due.
    public var deferred: [(key: String, due: Date?, reply: String?)] = []
    /// Recipients whose last attempt is uncertain, with their Message-IDs.
    public var uncertain: [(key: String, messageID: String?)] = []
    /// The most frequent failure replies ("550 5.1.1 …") with counts, most frequent first.
    public var topFailures: [(reply: String, count: Int)] = []
    public var recipients = 0
    public var journalExists = false

    /// Reads the journal at `path`. A missing journal is "nothing sent yet", not an error.
    /// - Throws: `JournalError` for a corrupt journal.
    public static func read(journalPath path: String) throws -> CampaignStatus {
        var status = CampaignStatus()
        guard FileManager.default.fileExists(atPath: path) else { return status }
        status.journalExists = true
        struct Last { var state: JournalState; var messageID: String?; var due: Date?; var reply: String? }
        var last: [String: Last] = [:]
        var failures: [String: Int] = [:]
        _ = try JournalReader.forEachRecord(path: path) { record, _ in
            var entry = last[record.key] ?? Last(state: record.state)
            entry.state = record.state
            if let id = record.messageID { entry.messageID = id }
            entry.due = record.due
            entry.reply = record.reply
            last[record.key] = entry
            if record.state == .failed || record.state == .deferred, let code = record.code {
                let text = "\(code) \(record.enhancedStatus.map { $0 + " " } ?? "")\((record.reply ?? "").prefix(80))"
                failures[text, default: 0] += 1
            }
        }
        var domainCounts: [String: [String: Int]] = [:]
        for (key, entry) in last {
            let state = entry.state == .attempting ? "uncertain" : entry.state.rawValue
            status.counts[state, default: 0] += 1
            if let at = key.lastIndex(of: "@"), !key.hasPrefix("invalid:") {
                domainCounts[String(key[key.index(after: at)...]), default: [:]][state, default: 0] += 1
            }
            if entry.state == .deferred { status.deferred.append((key, entry.due, entry.reply)) }
            if entry.state == .attempting || entry.state == .uncertain { status.uncertain.append((key, entry.messageID)) }
        }
        status.recipients = last.count
        status.domains = domainCounts.map { DomainRow(domain: $0.key, counts: $0.value) }
            .sorted { ($0.counts.values.reduce(0, +), $1.domain) > ($1.counts.values.reduce(0, +), $0.domain) }
        status.deferred.sort { ($0.due ?? .distantPast) < ($1.due ?? .distantPast) }
        status.uncertain.sort { $0.key < $1.key }
        status.topFailures = failures.map { ($0.key, $0.value) }.sorted { ($0.count, $1.reply) > ($1.count, $0.reply) }
        return status
    }
}
