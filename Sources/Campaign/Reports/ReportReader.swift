// ReportReader: a journal summed up into a CampaignReport, streaming, in memory that does not grow per record.
import Foundation

/// Reads a journal for `edm report`, taking no lock (a running send may be appending; the report is as of
/// the last complete line).
///
/// Two passes: `JournalIndex` (about 55 bytes per recipient) gives each recipient's latest state, as resume
/// sees it; then every record is streamed once for what is per attempt (reply codes, failure replies,
/// timeline, attempts). Nothing is kept per record, so a million-record journal needs the index and a few
/// small tables (domains, distinct replies, time buckets).
public enum ReportReader {
    /// Distinct failure replies kept while reading; past this, new distinct texts are counted under their
    /// code alone, so a relay that puts a unique id in every reply cannot grow the table without bound.
    static let distinctFailureLimit = 10_000

    /// Reads the journal at `path`.
    ///
    /// - Parameter hashedAddresses: `journal.hash_addresses`: keys are keyed hashes, so domains are unknown and
    ///   every recipient counts under `CampaignReport.hashedDomain`.
    /// - Throws: `JournalError` (`.notFound` when nothing has been sent yet, `.corruptRecord` for damage).
    public static func read(journalPath path: String, hashedAddresses: Bool) throws(JournalError) -> CampaignReport {
        let index = try JournalIndex.load(path: path)
        var report = CampaignReport()
        report.hashedAddresses = hashedAddresses
        report.recipients = index.count
        var domains: [String: [String: Int]] = [:]
        index.forEach { key, entry in
            let state = entry.state.rawValue
            report.counts[state, default: 0] += 1
            domains[domain(ofKey: key, hashed: hashedAddresses), default: [:]][state, default: 0] += 1
        }
        report.domains = domains.map { CampaignReport.DomainRow(domain: $0.key, counts: $0.value) }
            .sorted { ($0.total, $1.domain) > ($1.total, $0.domain) }

        var codes: [Int: Int] = [:]
        var failures: [FailureKey: Int] = [:]
        var first: Date?
        var last: Date?
        var attempts = 0
        var retries = 0
        let summary = try JournalReader.forEachRecord(path: path) { record, _ in
            first = min(first ?? record.time, record.time)
            last = max(last ?? record.time, record.time)
            report.timeline.add(record.state, atMilliseconds: JournalTime.milliseconds(record.time))
            switch record.state {
            case .attempting:
                attempts += 1
                if (record.attempt ?? 1) > 1 { retries += 1 }
            case .accepted, .deferred, .failed, .uncertain:
                if let code = record.code { codes[code, default: 0] += 1 }
                guard record.state == .deferred || record.state == .failed else { break }
                var key = FailureKey(code: record.code, enhanced: record.enhancedStatus,
                                     text: ReplyText.normalise(record.reply ?? "", code: record.code,
                                                               enhanced: record.enhancedStatus))
                if failures[key] == nil, failures.count >= distinctFailureLimit { key.text = "(other texts)" }
                failures[key, default: 0] += 1
            default:
                break
            }
        }
        report.recordCount = summary.recordCount
        report.firstRecord = first
        report.lastRecord = last
        report.attempts = attempts
        report.retries = retries
        report.replyCodes = codes.map { CampaignReport.ReplyCodeCount(code: $0.key, count: $0.value) }
            .sorted { $0.code < $1.code }
        report.topFailures = failures.map {
            CampaignReport.FailureReply(code: $0.key.code, enhanced: $0.key.enhanced, text: $0.key.text,
                                        count: $0.value)
        }.sorted { ($0.count, $1.summary) > ($1.count, $0.summary) }
        return report
    }

    /// The domain a recipient key is counted under.
    static func domain(ofKey key: String, hashed: Bool) -> String {
        if hashed { return CampaignReport.hashedDomain }
        if key.hasPrefix("invalid:") { return CampaignReport.invalidDomain }
        guard let at = key.lastIndex(of: "@") else { return CampaignReport.invalidDomain }
        return String(key[key.index(after: at)...])
    }

    private struct FailureKey: Hashable {
        var code: Int?
        var enhanced: String?
        var text: String
    }
}
