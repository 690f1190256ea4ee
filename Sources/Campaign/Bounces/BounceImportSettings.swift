// BounceImportSettings: where `edm bounces import` writes and how it decides (soft limit, campaign, dry run).
import Foundation
import Mail

/// Everything the importer needs to know, resolved by the command from flags and the campaign.
public struct BounceImportSettings: Sendable {
    /// The suppression list entries are added to (absolute path) and its name for messages.
    public var suppressionFile: String
    public var suppressionDisplay: String
    /// Soft bounces of one recipient (over all imports and campaigns) after which it is suppressed.
    public var softLimit: Int
    public var dryRun: Bool
    public var caseSensitiveLocalPart: Bool
    /// The campaign whose journal gets outcomes, and its journal; nil without `--campaign`.
    public var campaignID: String?
    public var journalPath: String?
    public var classifier: BounceOptions
    public var now: Date
    /// VERP tokens of the campaign's recipients (token → recipient key), when its return_path has {token}.
    public var verpTokens: [String: String] = [:]

    public init(suppressionFile: String, suppressionDisplay: String, softLimit: Int = 3, dryRun: Bool = false,
                caseSensitiveLocalPart: Bool = false, campaignID: String? = nil, journalPath: String? = nil,
                classifier: BounceOptions = BounceOptions(), now: Date = Date()) {
        self.suppressionFile = suppressionFile
        self.suppressionDisplay = suppressionDisplay
        self.softLimit = softLimit
        self.dryRun = dryRun
        self.caseSensitiveLocalPart = caseSensitiveLocalPart
        self.campaignID = campaignID
        self.journalPath = journalPath
        self.classifier = classifier
        self.now = now
    }

    /// The state file beside the suppression list.
    public var statePath: String { BounceState.path(forList: suppressionFile) }
}

/// What became of one message.
public struct BounceMessageResult: Sendable {
    public var location: String
    /// nil when the input was skipped (see `problem`).
    public var report: BounceReport?
    public var problem: String?
    /// True when this mail was imported before (same fingerprint): nothing is done again.
    public var duplicate = false
    /// What was (or, in a dry run, would be) done, e.g. `suppressed alice@example.net`.
    public var actions: [String] = []

    public init(location: String, report: BounceReport? = nil, problem: String? = nil) {
        self.location = location
        self.report = report
        self.problem = problem
    }
}

/// Totals of one import.
public struct BounceImportTotals: Sendable, Equatable {
    public var messages = 0
    public var duplicates = 0
    public var skipped = 0
    public var suppressed = 0
    public var alreadySuppressed = 0
    public var softCounted = 0
    public var journalRecords = 0
    public var byClass: [String: Int] = [:]
    public var byReason: [String: Int] = [:]

    public init() {}
}
