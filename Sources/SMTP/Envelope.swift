// Envelope: the reverse-path and forward-paths of one SMTP transaction (RFC 5321 §2.3.1).

/// Who the message is from and to, as MAIL FROM and RCPT TO will say it (not the header fields).
public struct Envelope: Sendable, Equatable {
    /// MAIL FROM: where bounces go; "" for the null reverse-path.
    public var sender: String
    /// RCPT TO, one per address, in order.
    public var recipients: [String]

    public init(sender: String, recipients: [String]) {
        self.sender = sender
        self.recipients = recipients
    }

    /// RFC 6531 §3.4: a non-ASCII address needs the SMTPUTF8 parameter on MAIL.
    var needsSMTPUTF8: Bool {
        ([sender] + recipients).contains { address in address.utf8.contains { $0 >= 0x80 } }
    }
}
