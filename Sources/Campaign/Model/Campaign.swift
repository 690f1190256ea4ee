// Campaign: a validated campaign file, every path absolute and every secret a source, not a value.
import TOML

/// Everything `campaign.toml` says, validated. Field names follow the file's keys; docs/campaign.md is the
/// reference for each.
public struct Campaign: Sendable {
    /// The campaign file, as the user named it.
    public var file: String
    /// Absolute directory of the campaign file; relative paths in it are resolved against this.
    public var baseDirectory: String

    /// `[campaign] id`: stable identifier: names the journal and seeds Message-IDs.
    public var id: String
    /// `[campaign] name`: human name, `{{campaign.name}}` in templates.
    public var name: String
    public var notBefore: TOMLDateTime?
    public var sendWindow: String?
    public var testRecipients: [String]
    public var returnPath: String?
    public var messageIDDomain: String?
    /// `[campaign] kind`: marketing (the default) or transactional.
    public var kind: Kind
    /// `[campaign] max_recipients`: a list with more deliverable recipients is refused (exit 65).
    public var maxRecipients: Int?

    /// What kind of mail a campaign is: marketing gets one-click unsubscribe and the commercial-mail rules.
    public enum Kind: String, Sendable, Equatable { case marketing, transactional }

    public var sender: SenderSettings
    public var recipients: RecipientSettings
    public var message: MessageSettings
    public var unsubscribe: UnsubscribeSettings
    public var transport: TransportSettings
    public var throttle: ThrottleSettings
    public var retry: RetrySettings
    public var suppression: SuppressionSettings
    public var blocklist: BlocklistSettings
    public var compliance: ComplianceSettings
    public var dkim: DKIMSettings?
    public var journal: JournalSettings
    public var guards: GuardSettings
    public var privacy: PrivacySettings
    public var notify: NotifySettings?
}

/// `[sender]`: who the mail is from.
public struct SenderSettings: Sendable, Equatable {
    public var name: String?
    public var email: String
    public var replyTo: String?
    /// Physical postal address, required in commercial mail by CAN-SPAM (15 U.S.C. 7704(a)(5)).
    public var postalAddress: String?
}

/// `[recipients]`: the list and how to read it.
public struct RecipientSettings: Sendable, Equatable {
    public var file: String
    public var encoding: String
    public var delimiter: String?
    public var emailColumn: String
    public var nameColumn: String?
    public var consentColumn: String?
    public var consentValues: [String]
    public var caseSensitiveLocalPart: Bool
    public var maxFieldBytes: Int
    public var maxColumns: Int

    public init(
        file: String, encoding: String = "utf-8", delimiter: String? = nil, emailColumn: String = "email",
        nameColumn: String? = nil, consentColumn: String? = nil, consentValues: [String] = ConsentDefaults.truthy,
        caseSensitiveLocalPart: Bool = false, maxFieldBytes: Int = 65536, maxColumns: Int = 1000
    ) {
        self.file = file
        self.encoding = encoding
        self.delimiter = delimiter
        self.emailColumn = emailColumn
        self.nameColumn = nameColumn
        self.consentColumn = consentColumn
        self.consentValues = consentValues
        self.caseSensitiveLocalPart = caseSensitiveLocalPart
        self.maxFieldBytes = maxFieldBytes
        self.maxColumns = maxColumns
    }
}

/// `[message]`: subject and templates.
public struct MessageSettings: Sendable, Equatable {
    public var subject: String
    public var preheader: String?
    public var html: String?
    public var text: String?
    public var partials: String?
    public var strict: Bool
    public var headers: [(name: String, value: String)]
    public var attachments: [String]
    public var listID: String?

    public static func == (lhs: MessageSettings, rhs: MessageSettings) -> Bool {
        lhs.subject == rhs.subject && lhs.preheader == rhs.preheader && lhs.html == rhs.html
            && lhs.text == rhs.text && lhs.partials == rhs.partials && lhs.strict == rhs.strict
            && lhs.headers.map(\.name) == rhs.headers.map(\.name) && lhs.headers.map(\.value) == rhs.headers.map(\.value)
            && lhs.attachments == rhs.attachments && lhs.listID == rhs.listID
    }
}

/// `[unsubscribe]`: List-Unsubscribe (RFC 2369) and one-click (RFC 8058).
public struct UnsubscribeSettings: Sendable, Equatable {
    /// HTTPS URL template; `{token}` becomes a per-recipient keyed token.
    public var url: String?
    public var mailto: String?
    public var oneClick: Bool
    public var secret: SecretSource?
}

/// `[throttle]`: how fast.
public struct ThrottleSettings: Sendable, Equatable {
    public var rate: RateLimit?
    public var maxConnections: Int
    public var domains: [DomainThrottle]
}

/// One `[throttle.domains]` entry.
public struct DomainThrottle: Sendable, Equatable {
    public var domain: String
    public var rate: RateLimit?
    public var maxConnections: Int?
}

/// `[retry]`: what happens to transient failures.
public struct RetrySettings: Sendable, Equatable {
    public var maxAttempts: Int
    public var initialBackoff: ConfigDuration
    public var maxBackoff: ConfigDuration
    public var maxAge: ConfigDuration
}

/// `[suppression]`: who is never mailed.
public struct SuppressionSettings: Sendable, Equatable {
    public var files: [String]
    public var globalFile: String?
    public var hmacKey: SecretSource?
    public var autoAddHardBounces: Bool
}

/// `[blocklist]`: domains and kinds of addresses never mailed, and an optional allowlist.
public struct BlocklistSettings: Sendable, Equatable {
    public var domains: [String]
    public var allowDomains: [String]
    public var roleAccounts: Bool
    public var disposableDomainsFile: String?
}

/// `[compliance]`: legal and mailbox-provider rules `edm check` enforces.
public struct ComplianceSettings: Sendable, Equatable {
    public enum Jurisdiction: String, Sendable, CaseIterable { case us, eu, cn }
    public var jurisdictions: [Jurisdiction]
    public var requireConsent: Bool
    public var requireUnsubscribe: Bool
    public var requirePostalAddress: Bool
    /// Text that must start the subject of commercial mail (China: "广告" or "AD").
    public var subjectLabel: String?
}

/// `[dkim]`: signing keys (RFC 6376, RFC 8463).
public struct DKIMSettings: Sendable, Equatable {
    public struct Key: Sendable, Equatable {
        public var selector: String
        public var keyFile: String
        public var algorithm: String
    }
    public var domain: String
    public var keys: [Key]
    public var canonicalization: String
    public var extraHeaders: [String]
    public var expire: ConfigDuration?
}

/// `[journal]`: the durable record of every recipient's state.
public struct JournalSettings: Sendable, Equatable {
    public var path: String
    public var hashAddresses: Bool
    public var hashKey: SecretSource?
    public var commitInterval: ConfigDuration
    public var commitRecords: Int
}

/// `[guards]`: thresholds that stop a campaign going wrong.
public struct GuardSettings: Sendable, Equatable {
    public var maxHardBounceRate: Double
    public var maxBlockRate: Double
    public var maxDeferralRate: Double
    public var window: Int
    public var minSample: Int
    /// Consecutive attempts that found no relay to connect to before the run stops.
    public var maxConnectionFailures: Int
    /// More deliverable recipients than this: ask on a terminal, need `--yes` otherwise.
    public var confirmAbove: Int

    public init(
        maxHardBounceRate: Double = 0.05, maxBlockRate: Double = 0.02, maxDeferralRate: Double = 0.5,
        window: Int = 1000, minSample: Int = 200, maxConnectionFailures: Int = 10, confirmAbove: Int = 10_000
    ) {
        self.maxHardBounceRate = maxHardBounceRate
        self.maxBlockRate = maxBlockRate
        self.maxDeferralRate = maxDeferralRate
        self.window = window
        self.minSample = minSample
        self.maxConnectionFailures = maxConnectionFailures
        self.confirmAbove = confirmAbove
    }
}

/// `[notify]`: a command told how each run ended.
public struct NotifySettings: Sendable, Equatable {
    /// Run with `/bin/sh -c`; the summary JSON arrives on its standard input.
    public var command: String
    /// Killed after this long; a failure or timeout is a warning, never the run's exit code.
    public var timeout: ConfigDuration
}

/// `[privacy]`: what logs and reports may show.
public struct PrivacySettings: Sendable, Equatable {
    public var maskAddresses: Bool
}
