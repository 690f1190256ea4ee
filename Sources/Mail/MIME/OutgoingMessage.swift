// OutgoingMessage: everything the MIME builder needs to write one message.

/// The content and envelope-independent headers of one message.
///
/// Nothing here is trusted: `MIMEBuilder` validates every field and refuses values that could change
/// the header structure.
public struct OutgoingMessage: Sendable {
    /// The author (`From`).
    public var from: Mailbox
    /// The primary recipients (`To`); at least one of `to` and `cc` must be non-empty.
    public var to: [Mailbox]
    /// Carbon-copy recipients (`Cc`).
    public var cc: [Mailbox]
    /// Where replies go (`Reply-To`), when not to `from`.
    public var replyTo: Mailbox?
    /// The subject; any Unicode text without control characters other than tab. Surrounding whitespace is
    /// trimmed, and the field is omitted when nothing is left.
    public var subject: String
    /// The `Date` value, an RFC 5322 §3.3 date-time; make one with `RFC5322Date.format(_:timeZone:)`.
    public var date: String
    /// The `Message-ID`, `<id-left@id-right>` (brackets optional).
    public var messageID: String
    /// Further header fields, written in order after `Message-ID`.
    public var headers: [HeaderField]
    /// The plain-text body, as UTF-8. Bodies are kept as bytes: a renderer produces bytes and the encoder
    /// reads bytes, so a `String` in between would only cost a validating copy per message.
    public var textUTF8: [UInt8]?
    /// The HTML body, as UTF-8.
    public var htmlUTF8: [UInt8]?
    /// The plain-text body.
    public var text: String? {
        get { textUTF8.map { String(decoding: $0, as: UTF8.self) } }
        set { textUTF8 = newValue.map { Array($0.utf8) } }
    }
    /// The HTML body.
    public var html: String? {
        get { htmlUTF8.map { String(decoding: $0, as: UTF8.self) } }
        set { htmlUTF8 = newValue.map { Array($0.utf8) } }
    }
    /// Files attached to the message.
    public var attachments: [Attachment]
    /// Images the HTML refers to by `cid:`.
    public var inlineImages: [InlineImage]
    /// When only `html` is given, add a text/plain alternative made by `HTMLToText`.
    public var generatesTextFromHTML: Bool

    /// Creates a message; bodies, attachments and extra headers default to none.
    public init(
        from: Mailbox, to: [Mailbox], cc: [Mailbox] = [], replyTo: Mailbox? = nil, subject: String,
        date: String, messageID: String, headers: [HeaderField] = [], text: String? = nil,
        html: String? = nil, attachments: [Attachment] = [], inlineImages: [InlineImage] = [],
        generatesTextFromHTML: Bool = true
    ) {
        self.from = from
        self.to = to
        self.cc = cc
        self.replyTo = replyTo
        self.subject = subject
        self.date = date
        self.messageID = messageID
        self.headers = headers
        self.textUTF8 = text.map { Array($0.utf8) }
        self.htmlUTF8 = html.map { Array($0.utf8) }
        self.attachments = attachments
        self.inlineImages = inlineImages
        self.generatesTextFromHTML = generatesTextFromHTML
    }

    /// True when some address has a non-ASCII local part, so the message may only be relayed with the
    /// SMTPUTF8 extension (RFC 6531 §3.4); such addresses are written in UTF-8 (RFC 6532 §3.2).
    public var needsSMTPUTF8: Bool {
        ([from] + to + cc + (replyTo.map { [$0] } ?? [])).contains { $0.address.needsSMTPUTF8 }
    }
}
