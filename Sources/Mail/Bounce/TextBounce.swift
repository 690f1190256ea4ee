// TextBounce: plain-text bounces (qmail, Exim, providers' own notices) that carry no RFC 3464 report.

/// Finds the failed recipients and the reason in a bounce written for people.
enum TextBounce {
    /// Local parts of the senders of bounces (RFC 5321 §4.5.1 postmaster, and the daemon names MTAs use).
    static let daemonNames: Set<String> = ["mailer-daemon", "postmaster", "mail-daemon", "mailerdaemon",
                                           "maildelivery", "mail.delivery.system", "bounce", "bounces"]

    /// Subjects of bounces (lower-case), from the MTAs and providers edm users meet.
    static let subjectMarkers = [
        "undeliver", "undelivered mail", "delivery status notification", "delivery failure", "failure notice",
        "returned mail", "mail delivery failed", "delivery has failed", "could not be delivered",
        "not delivered", "message not delivered", "delivery failed", "delivery notification",
        "nondeliverable", "non-delivery", "mail system error", "系统退信", "退信", "投递失败", "无法投递",
        "未能送达", "发送失败", "投遞失敗", "退回", "邮件被退回",
    ]

    /// Wording in the body of text bounces (lower-case).
    static let bodyMarkers = [
        "qmail-send program", "this is the mail system at host", "could not be delivered to one or more",
        "permanent error", "the following address(es) failed", "delivery to the following recipient",
        "i'm afraid i wasn't able to deliver", "your message wasn't delivered", "message could not be delivered",
        "delivery has failed", "无法送达", "退信原因", "投递失败", "未能成功送达", "邮件被退回", "被退回",
    ]

    static func classify(_ context: MessageContext) -> BounceReport? {
        let zone = context.diagnosticZone
        let addresses = failedAddresses(context)
        let segments = context.segments(among: addresses)
        var recipients: [BounceRecipient] = []
        for address in addresses {
            let text = segments.text(for: address)
            recipients.append(recipient(address, text: text))
        }
        if recipients.isEmpty {
            // A bounce that names nobody: classify it anyway so the summary counts it, with no recipient.
            let verdict = BounceRules.classify(status: TextScanner.enhancedStatus(in: zone),
                                               code: TextScanner.replyCode(in: zone), text: zone)
            return BounceReport(bounceClass: verdict.bounceClass, reason: verdict.reason, format: "text",
                                mta: context.mta)
        }
        guard let decisive = recipients.min(by: { $0.bounceClass < $1.bounceClass }) else { return nil }
        return BounceReport(bounceClass: decisive.bounceClass, reason: decisive.reason, format: "text",
                            mta: context.mta, recipients: recipients)
    }

    static func recipient(_ address: String, text: String) -> BounceRecipient {
        let status = TextScanner.enhancedStatus(in: text)
        let code = TextScanner.replyCode(in: text)
        let verdict = BounceRules.classify(status: status, code: code, text: text)
        return BounceRecipient(address: address, bounceClass: verdict.bounceClass, reason: verdict.reason,
                               status: status, smtpCode: code, diagnostic: diagnosticLine(text, address: address),
                               action: "failed")
    }

    /// The failed addresses: X-Failed-Recipients (Exim), else addresses in the report text that are not the
    /// bounce's own sender or addressee, nor the returned message's sender.
    static func failedAddresses(_ context: MessageContext) -> [String] {
        let headers = context.message.headers
        var found: [String] = []
        for value in headers.all("X-Failed-Recipients") {
            found += TextScanner.addresses(in: value).map(\.address)
        }
        if found.isEmpty {
            var excluded = Set<String>()
            for name in ["From", "To", "Delivered-To", "X-Original-To", "Return-Path", "Reply-To", "Sender"] {
                for value in headers.all(name) {
                    for item in TextScanner.addresses(in: value) { excluded.insert(item.address.lowercased()) }
                }
            }
            if let returnedFrom = context.returnedHeaders?["From"] {
                for item in TextScanner.addresses(in: returnedFrom) { excluded.insert(item.address.lowercased()) }
            }
            for item in TextScanner.addresses(in: context.diagnosticZone) {
                let lower = item.address.lowercased()
                guard !excluded.contains(lower) else { continue }
                if let local = lower.split(separator: "@").first, daemonNames.contains(String(local)) { continue }
                found.append(item.address)
            }
            if found.isEmpty, let to = context.returnedHeaders?["To"] {
                found = TextScanner.addresses(in: to).map(\.address)
            }
        }
        var seen = Set<String>()
        return found.filter { seen.insert($0.lowercased()).inserted }
    }

    /// The line that carries the server's words: one with a reply or status code, else the first line after
    /// the address, else the start of the text.
    static func diagnosticLine(_ text: String, address: String) -> String {
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let hasCode = { (line: String) in
            TextScanner.replyCode(in: line) != nil || TextScanner.enhancedStatus(in: line) != nil
        }
        if let coded = lines.first(where: hasCode) {
            return TextScanner.oneLine(coded)
        }
        let reasonWords = ["原因", "reason", "error", "错误"]
        if let reasonLine = lines.first(where: { line in reasonWords.contains { line.lowercased().contains($0) } }) {
            return TextScanner.oneLine(reasonLine)
        }
        if let index = lines.firstIndex(where: { $0.contains(address) }), index + 1 < lines.count {
            return TextScanner.oneLine(lines[index + 1])
        }
        return TextScanner.oneLine(text, limit: 200)
    }
}
