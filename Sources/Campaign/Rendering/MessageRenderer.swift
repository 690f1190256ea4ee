// MessageRenderer: turns one recipient row into a complete, personalised MIME message.
import EdmCrypto
import Foundation
import Mail
import Mustache

/// A message ready for a transport: envelope, identity and the bytes of the message (CRLF line ends).
public struct RenderedMessage: Sendable {
    /// `MAIL FROM` (the return path).
    public var envelopeFrom: String
    /// The recipient (`RCPT TO`).
    public var recipient: EmailAddress
    /// `<…@…>`, derived from campaign id and recipient key, so a retry carries the same one.
    public var messageID: String
    public var subject: String
    /// The rendered HTML and text parts (UTF-8, before MIME encoding), for previews and lints.
    public var htmlUTF8: [UInt8]?
    public var textUTF8: [UInt8]?
    public var bytes: [UInt8]

    /// The rendered HTML part as text (made on demand: sending never needs it).
    public var html: String? { htmlUTF8.map { String(decoding: $0, as: UTF8.self) } }
    /// The rendered text part as text.
    public var text: String? { textUTF8.map { String(decoding: $0, as: UTF8.self) } }
}

/// Renders messages for one campaign. Everything that does not depend on the recipient is prepared once.
public struct MessageRenderer: Sendable {
    private let campaign: Campaign
    private let templates: MessageTemplates
    private let header: [String]
    private let from: Mailbox
    private let replyTo: Mailbox?
    /// From and Reply-To encoded once for every message; nil when they cannot be written, so each message
    /// reports that, as it would without this.
    private let sharedFields: SharedHeaderFields?
    private let constantData: [String: MustacheValue]
    /// `constantData` with every column and per-row built-in already a key: a row's data is a copy of it with
    /// values put in at `slots` (dictionary indices stay valid in a copy), so no key is hashed per row.
    private let rowTemplate: [String: MustacheValue]
    private let slots: RowSlots
    private let messageIDDomain: String
    private let unsubscribe: UnsubscribeLinks
    private let attachments: [Attachment]
    private let extraHeaders: [HeaderField]
    private let signer: DKIMSigner?
    private let verp: VERPToken?

    /// - Throws: `CampaignFailure` for template problems or bad sender addresses, `FileError` for unreadable
    ///   templates or attachments.
    public init(
        campaign: Campaign, header: [String], templates: MessageTemplates, environment: [String: String],
        signer: DKIMSigner? = nil
    ) throws {
        self.signer = signer
        self.campaign = campaign
        self.templates = templates
        self.header = header
        let fail = { (message: String) in
            CampaignFailure(category: .configuration, diagnostics: [Diagnostic(.error, file: campaign.file, line: 0, column: 0, message: message)])
        }
        do {
            from = Mailbox(displayName: campaign.sender.name, address: try AddressParser.parse(campaign.sender.email))
            replyTo = try campaign.sender.replyTo.map { (text) throws(AddressError) in
                Mailbox(displayName: nil, address: try AddressParser.parse(text))
            }
        } catch {
            throw fail("the sender address cannot be used: \(error.message)")
        }
        sharedFields = try? SharedHeaderFields(from: from, replyTo: replyTo)
        messageIDDomain = campaign.messageIDDomain ?? from.address.domain
        unsubscribe = try UnsubscribeLinks(
            settings: campaign.unsubscribe, campaignID: campaign.id, environment: environment,
            marketing: campaign.kind == .marketing)
        verp = campaign.returnPath?.contains("{token}") == true
            ? VERPToken(campaignID: campaign.id, secret: try VERPToken.secret(for: campaign, environment: environment))
            : nil
        var attachments: [Attachment] = []
        for path in campaign.message.attachments {
            let bytes = try FileError.readSmallFile(path, role: "attachment", limit: 25 << 20)
            do {
                attachments.append(try Attachment(filename: (path as NSString).lastPathComponent, data: bytes))
            } catch {
                throw fail("attachment '\(path)' cannot be used: \(error.message)")
            }
        }
        self.attachments = attachments
        var headers = campaign.message.headers.map { HeaderField(name: $0.name, value: $0.value) }
        if let listID = campaign.message.listID { headers.append(HeaderField(name: "List-Id", value: "<\(listID)>")) }
        extraHeaders = headers

        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        constantData = [
            "sender": .object([
                "name": .string(campaign.sender.name ?? ""),
                "email": .string(campaign.sender.email),
                "postal_address": .string(campaign.sender.postalAddress ?? ""),
            ]),
            "campaign": .object(["name": .string(campaign.name), "id": .string(campaign.id)]),
            "today": .string(formatter.string(from: Date())),
        ]
        (rowTemplate, slots) = RowSlots.make(constantData: constantData, header: header)
    }

    /// The Message-ID for a recipient key: stable for a campaign and recipient (DESIGN.md invariant 1 resends
    /// an uncertain message with the same one, so receivers can drop the duplicate).
    public func messageID(forKey key: String) -> String {
        messageID(digest: Self.digest(campaignID: campaign.id, key: key))
    }

    private static func digest(campaignID: String, key: String) -> [UInt8] {
        SHA256.hash(Array("\(campaignID)\n\(key)".utf8))
    }

    private func messageID(digest: [UInt8]) -> String {
        "<\(Hex.encode(Array(digest.prefix(12)))).\(campaign.id)@\(messageIDDomain)>"
    }

    /// The template data for one row: its columns, then the built-ins (which win over same-named columns).
    public func data(for recipient: Recipient, address: EmailAddress, key: String) -> MustacheValue {
        data(for: recipient, address: address, unsubscribeURL: unsubscribe.links(forKey: key, address: address).url)
    }

    private func data(for recipient: Recipient, address: EmailAddress, unsubscribeURL: String) -> MustacheValue {
        guard recipient.fields.count == header.count else {
            // Not from the CSV reader (which gives every row all columns): name by name.
            var object = constantData
            for (index, name) in header.enumerated() where index < recipient.fields.count {
                object[name] = .string(recipient.fields[index])
            }
            object["email"] = .string(address.wireForm)
            object["unsubscribe_url"] = .string(unsubscribeURL)
            return .object(object)
        }
        var object = rowTemplate
        for (column, slot) in slots.columns {
            object.values[slot] = .string(recipient.fields[column])
        }
        object.values[slots.email] = .string(address.wireForm)
        object.values[slots.unsubscribeURL] = .string(unsubscribeURL)
        return .object(object)
    }

    /// Renders and builds the message for `recipient`, whose verdict must be `.ok`.
    /// - Parameters:
    ///   - date: the Date header value (RFC 5322 §3.3), formatted once per second by the caller.
    ///   - subjectPrefix: put before the rendered subject (`[TEST] ` for test sends).
    ///   - sign: add DKIM signatures when the campaign has keys; false leaves that to `signed(_:)` (the
    ///     compliance lint needs none; `edm send` signs on its connections' threads).
    /// - Throws: `MIMEError` when the data cannot make a valid message, `MustacheError` when a template
    ///   recurses too deeply or past its render budget (both reported per row).
    public func render(
        _ recipient: Recipient, address: EmailAddress, key: String, date: String, subjectPrefix: String = "",
        sign: Bool = true
    ) throws -> RenderedMessage {
        // Per-recipient derivations are made once: the unsubscribe token and the Message-ID digest.
        let links = unsubscribe.links(forKey: key, address: address)
        let data = data(for: recipient, address: address, unsubscribeURL: links.url)
        // Checked renders: a template that recurses without end, or past Mustache's step or byte budget, is
        // this row's error (edm check lists it) rather than a silently truncated message. Bodies are rendered
        // straight to UTF-8 bytes, which is what the MIME encoder reads.
        let subject = try subjectPrefix + templates.subject.renderChecked(data, escaping: .none)
        var html: [UInt8]?
        if let template = templates.html {
            var body: [UInt8] = []
            // Room for the template and what the row puts in, so the buffer is not grown step by step.
            body.reserveCapacity(template.sourceByteCount + template.sourceByteCount / 4 + 256)
            try template.renderChecked(data, escaping: .html, into: &body)
            if let preheader = try templates.preheader?.renderChecked(data, escaping: .html) {
                body = Array(Self.insertPreheader(preheader, into: String(decoding: body, as: UTF8.self)).utf8)
            }
            html = body
        }
        var text: [UInt8]?
        if let template = templates.text {
            var body: [UInt8] = []
            body.reserveCapacity(template.sourceByteCount + template.sourceByteCount / 4 + 256)
            try template.renderChecked(data, escaping: .none, into: &body)
            text = body
        }
        let digest = Self.digest(campaignID: campaign.id, key: key)
        let messageID = messageID(digest: digest)
        let headers = extraHeaders + links.headers
        var message = OutgoingMessage(
            from: from, to: [Mailbox(displayName: recipient.displayName, address: address)], replyTo: replyTo,
            subject: subject, date: date, messageID: messageID, headers: headers,
            attachments: attachments, inlineImages: [])
        message.htmlUTF8 = html
        message.textUTF8 = text
        // The boundary seed comes from the same digest (bytes the Message-ID does not show): deterministic per
        // recipient; the builder makes sure the boundary never occurs in the content.
        let seed = digest[12..<20].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let bytes = try MIMEBuilder.build(message, boundarySeed: seed, shared: sharedFields)
        let rendered = RenderedMessage(
            envelopeFrom: campaign.returnPath.map { verp?.envelopeFrom($0, key: key) ?? $0 } ?? campaign.sender.email,
            recipient: address, messageID: messageID,
            subject: subject, htmlUTF8: html, textUTF8: text, bytes: bytes)
        return sign ? try signed(rendered) : rendered
    }

    /// `message` with the campaign's DKIM signatures added (unchanged when it has no `[dkim]`).
    ///
    /// Separate from `render` so that `edm send` can sign on the connections' threads: an RSA-2048 signature
    /// costs about 15 times the rest of a message's rendering, and one rendering thread signing every message
    /// capped a signed campaign at that thread's speed. Sign a rendered message once: each call adds
    /// signatures (a retry signs the unsigned message again, with a fresh `t=`).
    /// - Throws: `DKIMError` when a signature cannot be made.
    public func signed(_ message: RenderedMessage) throws -> RenderedMessage {
        guard let signer else { return message }
        var message = message
        // RFC 6376 §5: sign the bytes exactly as they go on the wire (CRLF, before dot-stuffing).
        message.bytes = try signer.sign(message.bytes, timestamp: Int(Date().timeIntervalSince1970))
        return message
    }

    /// Puts hidden preview text right after `<body…>` (or first, when there is no body tag).
    static func insertPreheader(_ preheader: String, into html: String) -> String {
        let block = "<div style=\"display:none;font-size:1px;line-height:1px;max-height:0;max-width:0;opacity:0;"
            + "overflow:hidden;mso-hide:all;\">\(preheader)</div>"
        guard let open = html.range(of: "<body", options: .caseInsensitive),
              let close = html[open.upperBound...].firstIndex(of: ">")
        else { return block + html }
        var result = html
        result.insert(contentsOf: block, at: result.index(after: close))
        return result
    }
}
