// FeedbackReport: RFC 5965 abuse reports (ARF): a complaint about a message, with who received it.

/// Reads the message/feedback-report part of a multipart/report (RFC 5965 §2).
enum FeedbackReport {
    /// Feedback types that mean "the recipient does not want this" (RFC 5965 §7.3 registry).
    static let complaintTypes = ["abuse", "fraud", "other", "virus"]

    static func classify(_ part: MailEntity, context: MessageContext) -> BounceReport {
        let body = part.decodedBody + [0x0A, 0x0A]
        let (fields, _, _) = MessageHeaders.parse(body[...])
        let type = fields["Feedback-Type"]?.lowercased() ?? "abuse"
        guard complaintTypes.contains(type) else {
            // not-spam, auth-failure (RFC 6591), dkim/spf reports: information, not an opt-out.
            return BounceReport(bounceClass: .notABounce, reason: "feedback-\(type)", format: "arf",
                                mta: context.mta, feedbackType: type)
        }
        // RFC 5965 §3.2: Original-Rcpt-To is optional; providers often redact it, so fall back to the To of
        // the returned message (message/rfc822 or text/rfc822-headers, §2 item c).
        var addresses = fields.all("Original-Rcpt-To").flatMap { TextScanner.addresses(in: $0).map(\.address) }
        if addresses.isEmpty, let to = context.returnedHeaders?["To"] {
            addresses = TextScanner.addresses(in: to).map(\.address)
        }
        var seen = Set<String>()
        let recipients = addresses.filter { seen.insert($0.lowercased()).inserted }.map {
            BounceRecipient(address: $0, bounceClass: .complaint, reason: type,
                            diagnostic: fields["User-Agent"].map { "reported by \($0)" })
        }
        return BounceReport(bounceClass: .complaint, reason: type, format: "arf", mta: context.mta,
                            recipients: recipients, feedbackType: type)
    }
}
