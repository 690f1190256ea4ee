// BounceClassifier: classifies a received message: RFC 3464 DSN, RFC 5965 ARF, MTA text bounces, replies.

/// Reads one received message and says what it is and whom it is about.
///
/// Standard reports are read first (RFC 5965 feedback report, then RFC 3464 delivery status); then the
/// plain-text bounces many MTAs and providers still send (recognised by sender, subject and wording); then
/// automatic replies (RFC 3834) and mail to the unsubscribe address. Anything else is not a bounce.
public enum BounceClassifier {
    /// Classifies raw message bytes; nil when they are not a mail message (no header section).
    public static func classify(_ bytes: ArraySlice<UInt8>, options: BounceOptions = BounceOptions()) -> BounceReport? {
        let message = MailEntity(parsing: bytes)
        guard looksLikeMail(message) else { return nil }
        return classify(message, options: options)
    }

    /// Whether a parse found a header section worth the name: fields before a blank line, and at least one
    /// of the fields every message has (RFC 5322 §3.6: From and Date are required; MTAs add Received).
    static func looksLikeMail(_ message: MailEntity) -> Bool {
        let known = ["from", "date", "received", "return-path", "subject", "message-id", "to", "mime-version"]
        let names = message.headers.fields.map { $0.name.lowercased() }
        guard message.wellFormed, names.contains(where: known.contains) else { return false }
        return !names.contains { $0.utf8.contains(0) }
    }

    /// Classifies a parsed message.
    public static func classify(_ message: MailEntity, options: BounceOptions = BounceOptions()) -> BounceReport {
        let context = MessageContext(message)
        let (messageID, campaignID) = OriginalMessage.find(in: message)
        var report = classifyContent(context, options: options)
        report.originalMessageID = messageID
        report.campaignID = campaignID
        report.subject = context.subject
        return report
    }

    private static func classifyContent(_ context: MessageContext, options: BounceOptions) -> BounceReport {
        if let feedback = context.entity(ofType: ["message/feedback-report"]) {
            return FeedbackReport.classify(feedback, context: context)
        }
        if let status = context.entity(ofType: ["message/delivery-status", "message/global-delivery-status"]),
           let report = classifyDSN(DeliveryStatus(status.decodedBody), context: context) {
            return report
        }
        if context.looksLikeBounce, let report = TextBounce.classify(context) {
            return report
        }
        let headers = context.message.headers
        if AutoReplyDetector.isAutoReply(headers, subject: context.subject) {
            return personal(.autoReply, reason: "auto-reply", context: context)
        }
        if AutoReplyDetector.isAutoSubmitted(headers) {
            return BounceReport(bounceClass: .notABounce, reason: "automatic-message", format: "none", mta: context.mta)
        }
        if UnsubscribeRequest.matches(context, options: options) {
            return personal(.unsubscribeRequest, reason: "unsubscribe-request", context: context)
        }
        return BounceReport(bounceClass: .notABounce, reason: "not-a-bounce", format: "none", mta: context.mta)
    }

    /// A report about the person who wrote the message (auto-reply, unsubscribe request).
    private static func personal(_ bounceClass: BounceClass, reason: String, context: MessageContext) -> BounceReport {
        let recipients = context.fromAddress.map {
            [BounceRecipient(address: $0, bounceClass: bounceClass, reason: reason)]
        } ?? []
        return BounceReport(bounceClass: bounceClass, reason: reason, format: "reply", mta: context.mta,
                            recipients: recipients)
    }

    /// RFC 3464: one verdict per recipient whose Action is failed or delayed (§2.3.3).
    private static func classifyDSN(_ status: DeliveryStatus, context: MessageContext) -> BounceReport? {
        guard !status.recipients.isEmpty else { return nil }
        let segments = context.segments(among: status.recipients.compactMap(\.address))
        var recipients: [BounceRecipient] = []
        for entry in status.recipients {
            guard let address = entry.address else { continue }
            let action = entry.action ?? (entry.status?.hasPrefix("2") == true ? "delivered" : "failed")
            if ["delivered", "relayed", "expanded"].contains(action) { continue }
            let diagnostic = entry.diagnostic ?? segments.text(for: address)
            if action == "delayed" {
                recipients.append(BounceRecipient(address: address, bounceClass: .softBounce, reason: "delayed",
                    status: entry.status, smtpCode: TextScanner.replyCode(in: diagnostic),
                    diagnostic: TextScanner.oneLine(diagnostic), action: action))
                continue
            }
            // Status "5.0.0" is vague; a more specific code in the diagnostic wins (RFC 3463 §3.1).
            var code = entry.status
            if code == nil || code?.hasSuffix(".0.0") == true, let inText = TextScanner.enhancedStatus(in: diagnostic),
               inText.first == code?.first || code == nil {
                code = inText
            }
            let reply = TextScanner.replyCode(in: diagnostic)
            let verdict = BounceRules.classify(status: code, code: reply, text: diagnostic)
            recipients.append(BounceRecipient(address: address, bounceClass: verdict.bounceClass,
                reason: verdict.reason, status: code, smtpCode: reply, diagnostic: TextScanner.oneLine(diagnostic),
                action: action))
        }
        guard let decisive = recipients.min(by: { $0.bounceClass < $1.bounceClass }) else {
            return BounceReport(bounceClass: .notABounce, reason: "delivery-report", format: "dsn", mta: context.mta)
        }
        return BounceReport(bounceClass: decisive.bounceClass, reason: decisive.reason, format: "dsn",
                            mta: context.mta, recipients: recipients)
    }
}
