// MIMEBuilder: writes a complete RFC 5322 / MIME (RFC 2045–2047, 2183, 2231, 2387) message as CRLF bytes.

/// Builds messages ready for SMTP `DATA` (before dot-stuffing, which belongs to the SMTP client).
///
/// Output uses CRLF line ends only and no line exceeds 998 octets. Header values from data are either
/// encoded (RFC 2047, RFC 2231) or refused with `MIMEError`, so they can never create a header field.
/// Given the same message and seed, the output is byte-for-byte the same.
public enum MIMEBuilder {
    // Fields the builder writes itself; a custom header may not add a second one.
    private static let reservedNames: [String] = [
        "date", "from", "sender", "to", "cc", "bcc", "reply-to", "subject", "message-id", "mime-version",
    ]

    /// Builds `message`.
    ///
    /// Body structure: text only → text/plain; HTML only → multipart/alternative with a text part made by
    /// `HTMLToText` (unless `generatesTextFromHTML` is off); both → multipart/alternative (text first, as
    /// RFC 2046 §5.1.4 orders from plainest to richest); inline images → the HTML inside
    /// multipart/related; attachments → everything inside multipart/mixed.
    ///
    /// - Parameters:
    ///   - message: the message.
    ///   - boundarySeed: seeds the multipart boundaries, so output is reproducible (tests, previews).
    /// - Returns: the message bytes, ending with CRLF.
    /// - Throws: `MIMEError` naming the first field that cannot be written safely.
    ///   - shared: the campaign's From and Reply-To encoded once; used when they are the message's own.
    public static func build(
        _ message: OutgoingMessage, boundarySeed: UInt64, shared: SharedHeaderFields? = nil
    ) throws(MIMEError) -> [UInt8] {
        var writer = HeaderWriter(out: [])
        writer.out.reserveCapacity(estimatedSize(message))
        try writeHeaders(message, shared: shared, into: &writer)
        let body = try bodyStructure(message, seed: boundarySeed)
        body.write(into: &writer.out)
        return writer.out
    }

    // MARK: - Header section (RFC 5322 §3.6)

    private static func writeHeaders(
        _ message: OutgoingMessage, shared: SharedHeaderFields?, into writer: inout HeaderWriter
    ) throws(MIMEError) {
        if message.to.isEmpty && message.cc.isEmpty { throw MIMEError(.noRecipients) }
        // RFC 5322 §3.6: Date and From are the only required fields.
        guard RFC5322Date.isValid(message.date) else { throw MIMEError(.invalidDate(message.date)) }
        writer.begin("Date")
        try writer.append(Array(message.date.utf8), separator: EmptyCollection())
        writer.end()
        if let shared, shared.from.mailbox == message.from {
            writer.out.append(contentsOf: shared.from.bytes)
        } else {
            try writeAddresses("From", [message.from], into: &writer)
        }
        if !message.to.isEmpty { try writeAddresses("To", message.to, into: &writer) }
        if !message.cc.isEmpty { try writeAddresses("Cc", message.cc, into: &writer) }
        if let replyTo = message.replyTo {
            if let cached = shared?.replyTo, cached.mailbox == replyTo {
                writer.out.append(contentsOf: cached.bytes)
            } else {
                try writeAddresses("Reply-To", [replyTo], into: &writer)
            }
        }
        if message.subject.utf8.contains(where: { !ASCII.isWhitespace($0) }) {
            writer.begin("Subject")
            try RFC2047.writeUnstructured(message.subject, field: "Subject", into: &writer)
            writer.end()
        }
        guard let messageID = MessageID.validated(message.messageID) else {
            throw MIMEError(.invalidMessageID(message.messageID))
        }
        writer.begin("Message-ID")
        try writer.append(Array(messageID.utf8), separator: EmptyCollection())
        writer.end()
        for field in message.headers {
            try checkCustomName(field.name)
            writer.begin(field.name)
            try RFC2047.writeUnstructured(field.value, field: field.name, into: &writer)
            writer.end()
        }
        writer.out.append(utf8: "MIME-Version: 1.0\r\n")
    }

    /// Whether `text` equals `lowercase` (already lower case) when ASCII letters in `text` are lowered.
    private static func equalsIgnoringASCIICase<Text: Collection<UInt8>>(
        _ text: Text, _ lowercase: String.UTF8View
    ) -> Bool {
        text.count == lowercase.count
            && zip(text, lowercase).allSatisfy { ASCII.lowercased($0) == $1 }
    }

    /// RFC 5322 §3.6.8: field-name = 1*ftext, ftext = %d33-57 / %d59-126 (printable ASCII except ':').
    private static func checkCustomName(_ name: String) throws(MIMEError) {
        let valid = !name.isEmpty && name.utf8.allSatisfy { $0 >= 33 && $0 <= 126 && $0 != ASCII.colon }
        guard valid else { throw MIMEError(.invalidHeaderName(name)) }
        // Compared ASCII case-insensitively in place (the name is printable ASCII by now): lowercasing a copy
        // for every header of every message cost more than the comparisons.
        if reservedNames.contains(where: { equalsIgnoringASCIICase(name.utf8, $0.utf8) })
            || (name.utf8.count >= 8 && equalsIgnoringASCIICase(name.utf8.prefix(8), "content-".utf8))
        {
            throw MIMEError(.reservedHeaderName(name))
        }
    }

    /// One address field on its own (for `SharedHeaderFields`), exactly as `build` would write it.
    static func encodedAddressField(_ field: String, _ mailboxes: [Mailbox]) throws(MIMEError) -> [UInt8] {
        var writer = HeaderWriter(out: [])
        try writeAddresses(field, mailboxes, into: &writer)
        return writer.out
    }

    /// RFC 5322 §3.4 mailbox-list: `name <addr>, addr`, folded between words and mailboxes.
    private static func writeAddresses(
        _ field: String, _ mailboxes: [Mailbox], into writer: inout HeaderWriter
    ) throws(MIMEError) {
        writer.begin(field)
        let space: [UInt8] = [ASCII.space]
        for (index, mailbox) in mailboxes.enumerated() {
            let separator: [UInt8] = index == 0 ? [] : space
            var wroteName = false
            if let name = mailbox.displayName {
                wroteName = try RFC2047.writePhrase(name, field: field, separator: separator, into: &writer)
            }
            var address: [UInt8] = []
            if wroteName { address.append(ASCII.lessThan) }
            address.append(utf8: mailbox.address.localPart)
            address.append(ASCII.at)
            address.append(utf8: mailbox.address.domain)
            if wroteName { address.append(ASCII.greaterThan) }
            try writer.append(address, separator: wroteName ? space : separator)
            if index < mailboxes.count - 1 {
                try writer.append(CollectionOfOne(ASCII.comma), separator: EmptyCollection())
            }
        }
        writer.end()
    }

    // MARK: - Body structure (RFC 2046 §5.1)

    private static func bodyStructure(_ message: OutgoingMessage, seed: UInt64) throws(MIMEError) -> MIMEPart {
        var text = message.textUTF8
        if text == nil, let html = message.html, message.generatesTextFromHTML {
            text = Array(HTMLToText.convert(html).utf8)
        }
        let main: MIMEPart
        if let html = message.htmlUTF8 {
            var htmlPart = MIMEPart.text(html, subtype: "html")
            if !message.inlineImages.isEmpty {
                var seen: Set<String> = []
                for image in message.inlineImages where !seen.insert(image.contentID.lowercased()).inserted {
                    throw MIMEError(.duplicateContentID(image.contentID))
                }
                htmlPart = .multipart(
                    subtype: "related", boundary: Boundary.make(seed: seed, level: 2), type: "text/html",
                    parts: [htmlPart] + message.inlineImages.map { .rendered($0.renderedPart) })
            }
            if let text {
                main = .multipart(
                    subtype: "alternative", boundary: Boundary.make(seed: seed, level: 1), type: nil,
                    parts: [.text(text, subtype: "plain"), htmlPart])
            } else {
                main = htmlPart
            }
        } else {
            if !message.inlineImages.isEmpty { throw MIMEError(.inlineImagesWithoutHTML) }
            main = .text(text ?? [], subtype: "plain")
        }
        if message.attachments.isEmpty { return main }
        return .multipart(
            subtype: "mixed", boundary: Boundary.make(seed: seed, level: 0), type: nil,
            parts: [main] + message.attachments.map { .rendered($0.renderedPart) })
    }

    private static func estimatedSize(_ message: OutgoingMessage) -> Int {
        var size = 1024 + (message.textUTF8?.count ?? 0) * 11 / 10 + (message.htmlUTF8?.count ?? 0) * 11 / 10
        if message.textUTF8 == nil { size += (message.htmlUTF8?.count ?? 0) / 2 }
        for attachment in message.attachments { size += attachment.renderedPart.count + 64 }
        for image in message.inlineImages { size += image.renderedPart.count + 64 }
        return size
    }
}
