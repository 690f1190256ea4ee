// UnsubscribeRequest: mail to the List-Unsubscribe mailto: address (RFC 2369 §3.2), or asking to be removed.

/// Recognises a person's request to be taken off the list.
enum UnsubscribeRequest {
    /// Subjects that are themselves the request (after Re:/回复: prefixes), lower-case.
    static let subjects = ["unsubscribe", "unsubscribe me", "remove", "remove me", "退订", "取消订阅", "退订邮件",
                           "td", "退訂", "取消訂閱", "désabonner", "abmelden"]

    /// Reply prefixes (RFC 5322 §3.6.5 "Re:", German "AW:", Chinese 回复/答复/回覆).
    static let replyPrefixes = ["re:", "re :", "aw:", "回复:", "回复：", "答复:", "答复：", "回覆:", "回覆："]

    static func matches(_ context: MessageContext, options: BounceOptions) -> Bool {
        let headers = context.message.headers
        if !options.unsubscribeAddresses.isEmpty {
            let recipientFields = ["To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To"]
            for name in recipientFields {
                for value in headers.all(name) {
                    for found in TextScanner.addresses(in: value)
                    where options.unsubscribeAddresses.contains(found.address.lowercased()) {
                        return true
                    }
                }
            }
        }
        return subjects.contains(strippedSubject(context.subject))
    }

    /// The subject without reply prefixes (RFC 5322 §3.6.5 "Re:", and the Chinese 回复/答复) or brackets.
    static func strippedSubject(_ subject: String) -> String {
        var text = subject.trimmingASCIISpace().lowercased()
        var changed = true
        while changed {
            changed = false
            for prefix in replyPrefixes where text.hasPrefix(prefix) {
                text = String(text.dropFirst(prefix.count)).trimmingASCIISpace()
                changed = true
            }
        }
        if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        return text.trimmingASCIISpace()
    }
}
