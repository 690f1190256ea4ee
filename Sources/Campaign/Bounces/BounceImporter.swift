// BounceImporter: turns classified bounces into suppression entries, soft counts and journal outcomes.
import EdmCrypto
import Foundation
import Mail

/// Imports received mail: `process` each input, then `commit` once.
///
/// Hard bounces, complaints and unsubscribe requests are suppressed at once; soft bounces (not delay
/// warnings) are counted per recipient in the state file and suppressed at `softLimit`; policy blocks are
/// the sender's problem and suppress nobody. Failures of the campaign's own messages are appended to its
/// journal as `failed` records. Nothing is written until `commit`, and in a dry run nothing at all.
/// Idempotent: a message whose fingerprint is in the state file is reported as a duplicate and ignored.
public struct BounceImporter {
    public let settings: BounceImportSettings
    public private(set) var totals = BounceImportTotals()
    private var state: BounceState
    private var suppressedKeys: Set<String>
    private var pendingEntries: [SuppressionAppender.Entry] = []
    private var pendingJournal: [(record: JournalRecord, campaignKnown: Bool)] = []
    private let today: String

    /// Loads the state file and the keys already in the suppression list.
    public init(settings: BounceImportSettings) throws {
        self.settings = settings
        today = BounceState.day(settings.now)
        state = try BounceState.load(
            path: settings.statePath, displayPath: settings.suppressionDisplay + ".bounce-state")
        suppressedKeys = try SuppressionAppender.existingKeys(
            path: settings.suppressionFile, caseSensitiveLocalPart: settings.caseSensitiveLocalPart)
    }

    /// The fingerprint that makes imports idempotent: SHA-256 of the message with CRLF as LF and trailing
    /// blank lines dropped, so the same mail in an mbox and as an .eml file is the same mail.
    public static func fingerprint(_ bytes: [UInt8]) -> String {
        var normalized: [UInt8] = []
        normalized.reserveCapacity(bytes.count)
        for (index, byte) in bytes.enumerated()
        where !(byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A) {
            normalized.append(byte)
        }
        while let last = normalized.last, last == 0x0A || last == 0x0D { normalized.removeLast() }
        return SHA256.hexHash(normalized)
    }

    /// Classifies one input and decides what to do with it.
    public mutating func process(_ item: BounceInputItem) -> BounceMessageResult {
        var result = BounceMessageResult(location: item.location)
        if let problem = item.problem {
            result.problem = problem
            totals.skipped += 1
            return result
        }
        guard var report = BounceClassifier.classify(item.bytes[...], options: settings.classifier) else {
            result.problem = "not a mail message (no header section); skipped"
            totals.skipped += 1
            return result
        }
        applyVERP(to: &report, bytes: item.bytes)
        result.report = report
        totals.messages += 1
        totals.byClass[report.bounceClass.rawValue, default: 0] += 1
        totals.byReason["\(report.bounceClass.rawValue) \(report.reason)", default: 0] += 1
        let fingerprint = Self.fingerprint(item.bytes)
        if state.seen[fingerprint] != nil {
            result.duplicate = true
            totals.duplicates += 1
            return result
        }
        state.seen[fingerprint] = today
        for recipient in report.recipients {
            result.actions += act(on: recipient, report: report, source: item.location)
        }
        return result
    }

    /// A bounce sent to a VERP return path (`bounces+TOKEN@…`) names its recipient by the token, even when it
    /// quotes nothing of the original: the token's recipient is used when the report found none, and the
    /// message is then known to belong to this campaign.
    private func applyVERP(to report: inout BounceReport, bytes: [UInt8]) {
        guard !settings.verpTokens.isEmpty,
              [.hardBounce, .softBounce, .policyBlock].contains(report.bounceClass) else { return }
        // Only the header section carries the envelope address (To, Delivered-To, X-Original-To, Envelope-To).
        let limit = min(bytes.count, 65536)
        var end = limit
        for index in 0..<max(0, limit - 3) where bytes[index] == 0x0A
            && (bytes[index + 1] == 0x0A || (bytes[index + 1] == 0x0D && bytes[index + 2] == 0x0A)) {
            end = index
            break
        }
        let headers = String(decoding: bytes[0..<end], as: UTF8.self)
        let keys = VERPToken.tokens(in: headers[...]).compactMap { settings.verpTokens[$0] }
        guard let key = keys.first else { return }
        if report.recipients.isEmpty || report.recipients.allSatisfy({ (try? AddressParser.parse($0.address)) == nil }) {
            report.recipients = [BounceRecipient(
                address: key, bounceClass: report.bounceClass, reason: report.reason, diagnostic: "matched by VERP token")]
        }
        if report.campaignID == nil { report.campaignID = settings.campaignID }
    }

    private mutating func act(on recipient: BounceRecipient, report: BounceReport, source: String) -> [String] {
        guard let address = try? AddressParser.parse(recipient.address) else {
            return ["ignored '\(recipient.address)': not a valid address"]
        }
        let key = address.key(caseSensitiveLocalPart: settings.caseSensitiveLocalPart)
        let would = settings.dryRun ? "would " : ""
        var actions: [String] = []
        let status = recipient.status.map { " \($0)" } ?? ""
        switch recipient.bounceClass {
        case .hardBounce, .complaint, .unsubscribeRequest:
            let comment = "\(recipient.bounceClass.rawValue) \(recipient.reason)\(status)"
            actions.append(suppress(key, comment: comment, source: source))
        case .softBounce where recipient.reason != "delayed":
            var count = state.soft[key] ?? BounceState.SoftCount(count: 0, last: today, reason: "")
            count.count += 1
            count.last = today
            count.reason = recipient.reason
            state.soft[key] = count
            totals.softCounted += 1
            actions.append("\(would)count soft bounce \(count.count) of \(settings.softLimit) for \(key)")
            if count.count >= settings.softLimit {
                let comment = "soft-bounce limit \(settings.softLimit) (last: \(recipient.reason)\(status))"
                actions.append(suppress(key, comment: comment, source: source))
            }
        default:
            break
        }
        if settings.journalPath != nil, [.hardBounce, .softBounce, .policyBlock].contains(recipient.bounceClass),
           recipient.reason != "delayed" {
            let matches = report.campaignID == nil || report.campaignID == settings.campaignID
            if matches {
                let reply = "\(recipient.bounceClass.rawValue) \(recipient.reason) (bounce from \(source))"
                    + (recipient.diagnostic.map { ": \($0)" } ?? "")
                pendingJournal.append((JournalRecord(
                    key: key, state: .failed, messageID: report.originalMessageID, code: recipient.smtpCode,
                    enhancedStatus: recipient.status, reply: String(reply.prefix(1000)), time: settings.now),
                    report.campaignID != nil))
                actions.append("\(would)record failed in the journal for \(key)")
            }
        }
        return actions
    }

    private mutating func suppress(_ key: String, comment: String, source: String) -> String {
        guard !suppressedKeys.contains(key) else {
            totals.alreadySuppressed += 1
            return "\(key) already suppressed"
        }
        suppressedKeys.insert(key)
        pendingEntries.append(SuppressionAppender.Entry(key: key, comment: "\(comment) \(today) \(source)"))
        totals.suppressed += 1
        return (settings.dryRun ? "would suppress " : "suppressed ") + key
    }

    /// Writes everything decided: takes the journal's campaign lock first (so a running `edm send` stops the
    /// import before anything is written), then the suppression list, the journal records, the state file.
    /// Journal records go only to recipients the journal knows.
    /// - Returns: the number of journal records appended.
    /// - Throws: `JournalError` (`.locked`: exit 4), `FileError`.
    public mutating func commit() throws -> Int {
        guard !settings.dryRun else {
            totals.journalRecords = pendingJournal.count
            return pendingJournal.count
        }
        var journal: Journal?
        if let path = settings.journalPath, !pendingJournal.isEmpty, FileManager.default.fileExists(atPath: path) {
            let index = try JournalIndex.load(path: path)
            if let header = index.header { journal = try Journal.open(path: path, header: header) }
        }
        try SuppressionAppender.append(pendingEntries, to: settings.suppressionFile,
                                       displayPath: settings.suppressionDisplay)
        pendingEntries = []
        var appended = 0
        if let journal {
            for (record, _) in pendingJournal where journal.index[record.key] != nil {
                try journal.writer.append(record)
                appended += 1
            }
            try journal.close()
        }
        pendingJournal = []
        totals.journalRecords = appended
        try state.save(path: settings.statePath, displayPath: settings.suppressionDisplay + ".bounce-state",
                       today: today)
        return appended
    }
}
