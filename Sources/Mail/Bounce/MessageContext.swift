// MessageContext: what the classifiers look at: decoded subject, sender, the report text, returned headers.

/// A received message with the parts classification needs, worked out once.
struct MessageContext {
    let message: MailEntity
    let subject: String
    /// The sender's address (RFC 5322 §3.6.2 From), lower-cased.
    let fromAddress: String?
    let fromText: String
    /// The human-readable report: text parts outside any returned message, decoded.
    let reportText: String
    /// `reportText` up to the first line that introduces the returned message.
    let diagnosticZone: String
    /// Headers of the returned message (message/rfc822 or text/rfc822-headers part), if any.
    let returnedHeaders: MessageHeaders?
    let mta: String

    init(_ message: MailEntity) {
        self.message = message
        subject = message.headers.text("Subject") ?? ""
        fromText = message.headers.text("From") ?? ""
        fromAddress = TextScanner.addresses(in: fromText).first.map { $0.address.lowercased() }
        var texts: [String] = []
        Self.collectText(message, into: &texts)
        reportText = texts.joined(separator: "\n").replacingCRLF()
        diagnosticZone = Self.zone(of: reportText)
        returnedHeaders = message.allEntities.dropFirst()
            .first { MailEntity.enclosesMessage($0.contentType.value) }?.parts.first?.headers
        let reporting = message.allEntities.first { $0.contentType.value.hasSuffix("delivery-status") }
            .flatMap { DeliveryStatus($0.decodedBody).reportingMTA }
        mta = MTASignatures.identify(from: fromText, reportingMTA: reporting,
                                     mailer: message.headers["X-Mailer"], text: diagnosticZone)
    }

    /// The first entity (depth first) of one of `types`.
    func entity(ofType types: [String]) -> MailEntity? {
        message.allEntities.first { types.contains($0.contentType.value) }
    }

    /// Text parts, not descending into returned messages; HTML only where a part has no plain text.
    static func collectText(_ entity: MailEntity, into texts: inout [String]) {
        let type = entity.contentType.value
        if type.hasPrefix("multipart/") {
            if type == "multipart/alternative",
               let plain = entity.parts.first(where: { $0.contentType.value == "text/plain" }) {
                collectText(plain, into: &texts)
                return
            }
            for part in entity.parts { collectText(part, into: &texts) }
        } else if type == "text/plain" {
            texts.append(entity.text)
        } else if type == "text/html" {
            texts.append(Self.stripTags(entity.text))
        }
    }

    /// HTML to rough text: tags dropped, a few entities decoded (enough to read a provider's bounce page).
    static func stripTags(_ html: String) -> String {
        var out = ""
        var inTag = false
        for character in html {
            if character == "<" { inTag = true; out.append(" "); continue }
            if character == ">" { inTag = false; continue }
            if !inTag { out.append(character) }
        }
        for (entity, value) in [("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&amp;", "&")] {
            out = out.split(separator: entity, omittingEmptySubsequences: false).joined(separator: value)
        }
        return out
    }

    /// Lines that introduce the copy of the returned message in text bounces (lower-case).
    static let returnedMarkers = [
        "below this line is a copy of the message", "this is a copy of the message",
        "original message follows", "----- original message -----", "original message headers",
        "------ this is a copy", "original message:", "原邮件信息", "原始邮件",
        "原信件", "邮件原文", "--- the header of the original message", "returned message follows",
        "----- message header follows -----", "----- the following is a copy",
    ]

    static func zone(of text: String) -> String {
        let lower = text.lowercased()
        var end = lower.endIndex
        for marker in returnedMarkers {
            if let range = lower.firstRange(of: marker), range.lowerBound < end { end = range.lowerBound }
        }
        // Lower-casing can change lengths outside ASCII; cut by UTF-8 offset to stay in step.
        let offset = lower.utf8.distance(from: lower.startIndex, to: end)
        guard offset < text.utf8.count else { return text }
        return String(decoding: Array(text.utf8.prefix(offset)), as: UTF8.self)
    }

    /// Bounce signals: daemon sender, X-Failed-Recipients (Exim), bounce subjects, MTA wording.
    var looksLikeBounce: Bool {
        if message.headers["X-Failed-Recipients"] != nil { return true }
        if let local = fromAddress?.split(separator: "@").first,
           TextBounce.daemonNames.contains(String(local)) {
            return true
        }
        let lowerSubject = subject.lowercased()
        if TextBounce.subjectMarkers.contains(where: lowerSubject.contains) { return true }
        let lowerZone = diagnosticZone.lowercased()
        return TextBounce.bodyMarkers.contains(where: lowerZone.contains)
    }

    /// The diagnostic text split among `addresses` (see ``ZoneSegments``).
    func segments(among addresses: [String]) -> ZoneSegments {
        ZoneSegments(zone: diagnosticZone, addresses: addresses)
    }
}
