// BounceReport: the classification of one received message, with each failed recipient and the evidence.

/// One recipient a report is about, with why delivery to it failed.
public struct BounceRecipient: Sendable, Equatable {
    /// The address as the report gives it (Original-Recipient preferred over Final-Recipient, RFC 3464 §2.3).
    public var address: String
    public var bounceClass: BounceClass
    /// A short machine-readable reason, e.g. `unknown-user`, `mailbox-full`, `blocklisted`.
    public var reason: String
    /// RFC 3463 enhanced status code, e.g. "5.1.1", when the report has one.
    public var status: String?
    /// The SMTP reply code (RFC 5321 §4.2), when the report quotes one.
    public var smtpCode: Int?
    /// The remote server's words (Diagnostic-Code or the text of a non-standard bounce), one line.
    public var diagnostic: String?
    /// RFC 3464 §2.3.3 Action (failed, delayed, delivered, relayed, expanded), when given.
    public var action: String?

    public init(address: String, bounceClass: BounceClass, reason: String, status: String? = nil,
                smtpCode: Int? = nil, diagnostic: String? = nil, action: String? = nil) {
        self.address = address
        self.bounceClass = bounceClass
        self.reason = reason
        self.status = status
        self.smtpCode = smtpCode
        self.diagnostic = diagnostic
        self.action = action
    }
}

/// What a received message is, who it is about, and which sent message it answers.
public struct BounceReport: Sendable, Equatable {
    /// The message's class: the most demanding of its recipients' classes.
    public var bounceClass: BounceClass
    /// The reason of the recipient that decided the class (or of the message).
    public var reason: String
    /// How it was recognised: `dsn`, `arf`, or the MTA or provider whose format matched (`qmail`, `qq`, ...).
    public var format: String
    /// The MTA or provider that wrote it, as far as can be told (`postfix`, `qq`, `exchange`, ... `unknown`).
    public var mta: String
    /// The recipients concerned (failed ones for bounces; the reporter for complaints and replies).
    public var recipients: [BounceRecipient]
    /// The Message-ID of the message that was returned or answered, with angle brackets.
    public var originalMessageID: String?
    /// The edm campaign id recovered from that Message-ID (`<hex24.CAMPAIGN@domain>`).
    public var campaignID: String?
    /// The Subject, decoded.
    public var subject: String
    /// RFC 5965 §3.1 Feedback-Type of a complaint.
    public var feedbackType: String?

    public init(bounceClass: BounceClass, reason: String, format: String, mta: String = "unknown",
                recipients: [BounceRecipient] = [],
                originalMessageID: String? = nil, campaignID: String? = nil, subject: String = "",
                feedbackType: String? = nil) {
        self.bounceClass = bounceClass
        self.reason = reason
        self.format = format
        self.mta = mta
        self.recipients = recipients
        self.originalMessageID = originalMessageID
        self.campaignID = campaignID
        self.subject = subject
        self.feedbackType = feedbackType
    }
}
