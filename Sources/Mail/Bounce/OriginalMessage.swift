// OriginalMessage: which sent message a bounce or reply is about: Message-ID (RFC 5322 §3.6.4) and campaign.

/// Recovers the Message-ID of the returned or answered message and edm's campaign id from it.
enum OriginalMessage {
    /// Message-IDs the message refers to, best first: the returned message's own header (RFC 3462 part),
    /// a `Message-ID:` line quoted in the text, then In-Reply-To and References (RFC 5322 §3.6.4).
    static func candidates(in message: MailEntity) -> [String] {
        var ids: [String] = []
        for entity in message.allEntities.dropFirst() where MailEntity.enclosesMessage(entity.contentType.value) {
            if let inner = entity.parts.first, let id = inner.headers["Message-ID"] { ids += messageIDs(in: id) }
        }
        for entity in message.allEntities where entity.contentType.value.hasPrefix("text/") {
            let text = entity.text
            guard text.lowercased().contains("message-id:") else { continue }
            for line in text.split(whereSeparator: \.isNewline) {
                let trimmed = line.drop { $0 == " " || $0 == "\t" || $0 == ">" }
                if trimmed.lowercased().hasPrefix("message-id:") {
                    ids += messageIDs(in: String(trimmed.dropFirst(11)))
                }
            }
        }
        for name in ["In-Reply-To", "References"] {
            for value in message.headers.all(name) { ids += messageIDs(in: value) }
        }
        var seen = Set<String>()
        return ids.filter { seen.insert($0).inserted }
    }

    /// The `<...>` tokens in a header value.
    static func messageIDs(in value: String) -> [String] {
        var ids: [String] = []
        var rest = Substring(value)
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            let id = rest[open...close]
            if id.contains("@"), !id.contains(" ") { ids.append(String(id)) }
            rest = rest[rest.index(after: close)...]
        }
        return ids
    }

    /// The campaign id in an edm Message-ID, `<` 24 hex digits `.` campaign id `@` domain `>`.
    static func campaignID(in messageID: String) -> String? {
        guard messageID.hasPrefix("<"), messageID.hasSuffix(">"), let at = messageID.lastIndex(of: "@") else {
            return nil
        }
        let local = messageID[messageID.index(after: messageID.startIndex)..<at]
        let hex = local.prefix(24)
        guard hex.count == 24, hex.allSatisfy(\.isHexDigit), local.dropFirst(24).first == "." else { return nil }
        let id = local.dropFirst(25)
        let allowed = id.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || "._-".contains($0) }
        guard !id.isEmpty, id.count <= 64, allowed else { return nil }
        return String(id)
    }

    /// The best Message-ID and its campaign: the first candidate edm made, else the first candidate.
    static func find(in message: MailEntity) -> (messageID: String?, campaignID: String?) {
        let ids = candidates(in: message)
        for id in ids {
            if let campaign = campaignID(in: id) { return (id, campaign) }
        }
        return (ids.first, nil)
    }
}
