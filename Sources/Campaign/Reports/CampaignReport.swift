// CampaignReport: what `edm report` shows: counts by state, domains, reply codes, failures, send rate over time.
import Foundation

/// A campaign's journal summed up for a report (every format renders this one value).
///
/// Counts by state and per domain are per recipient (the latest record per key decides, as on resume); reply
/// codes, failure replies, attempts and the timeline are per record (every attempt counts).
public struct CampaignReport: Sendable {
    /// One recipient domain's recipients by state.
    public struct DomainRow: Sendable, Equatable {
        public var domain: String
        public var counts: [String: Int]
        public var total: Int { counts.values.reduce(0, +) }

        /// Recipients in states other than accepted, deferred and failed.
        public var other: Int {
            total - counts["accepted", default: 0] - counts["deferred", default: 0] - counts["failed", default: 0]
        }
    }

    /// How many outcome records carried one SMTP reply code (RFC 5321 §4.2).
    public struct ReplyCodeCount: Sendable, Equatable {
        public var code: Int
        public var count: Int
        /// "2xx", "4xx", "5xx": what the sender does next (RFC 5321 §4.2.1).
        public var replyClass: String { "\(code / 100)xx" }
    }

    /// One distinct failure reply (deferred or failed outcome) and how often it came.
    public struct FailureReply: Sendable, Equatable {
        public var code: Int?
        /// RFC 3463 enhanced status code, e.g. "5.1.1".
        public var enhanced: String?
        /// The reply text, normalised (`ReplyText.normalise`): addresses replaced, whitespace collapsed.
        public var text: String
        public var count: Int

        /// "550 5.1.1 user unknown".
        public var summary: String {
            [code.map(String.init), enhanced, text.isEmpty ? nil : text].compactMap { $0 }.joined(separator: " ")
        }
    }

    /// States in the order reports list them (final outcomes first, then skips).
    public static let stateOrder = ["accepted", "deferred", "failed", "uncertain", "expired", "suppressed", "invalid",
                                    "duplicate", "no-consent"]
    /// The domain row that stands for every recipient when `journal.hash_addresses` hides the addresses.
    public static let hashedDomain = "(hashed)"
    /// The domain row of rows without a valid address.
    public static let invalidDomain = "(invalid)"

    /// The campaign's `campaign.id` and `campaign.name`, and when the report was made.
    public var campaignID = ""
    public var campaignName = ""
    public var generatedAt = Date()
    /// Distinct recipients in the journal.
    public var recipients = 0
    /// Recipients by state name (`stateOrder`); an intent without outcome counts as "uncertain".
    public var counts: [String: Int] = [:]
    /// Per recipient domain, most recipients first.
    public var domains: [DomainRow] = []
    /// True when the journal holds keyed hashes, so domains are unknown.
    public var hashedAddresses = false
    /// Outcome records by reply code, lowest code first.
    public var replyCodes: [ReplyCodeCount] = []
    /// Distinct failure replies, most frequent first.
    public var topFailures: [FailureReply] = []
    /// Accepted, deferred and failed outcomes over time.
    public var timeline = SendTimeline()
    /// Time of the first and the last record.
    public var firstRecord: Date?
    public var lastRecord: Date?
    /// Delivery attempts (intents recorded before the point of no return), and those that were retries.
    public var attempts = 0
    public var retries = 0
    /// Recipient records read.
    public var recordCount = 0

    public init() {}

    /// Seconds from the first record to the last.
    public var duration: TimeInterval {
        guard let firstRecord, let lastRecord else { return 0 }
        return lastRecord.timeIntervalSince(firstRecord)
    }

    /// Accepted recipients per second over the campaign's span; nil when the span is empty.
    public var acceptedPerSecond: Double? {
        duration > 0 ? Double(counts["accepted", default: 0]) / duration : nil
    }
}
