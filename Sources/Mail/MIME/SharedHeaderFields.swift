// SharedHeaderFields: the From and Reply-To fields every message of a campaign shares, encoded once.

/// A campaign's From and Reply-To fields, encoded once (RFC 2047 display names cost more than the rest of
/// the header section) and copied into each message whose From and Reply-To are these same mailboxes.
public struct SharedHeaderFields: Sendable {
    let from: (mailbox: Mailbox, bytes: [UInt8])
    let replyTo: (mailbox: Mailbox, bytes: [UInt8])?

    /// - Throws: `MIMEError` when a mailbox cannot be written (the message build would fail the same way).
    public init(from: Mailbox, replyTo: Mailbox?) throws(MIMEError) {
        self.from = (from, try MIMEBuilder.encodedAddressField("From", [from]))
        self.replyTo = try replyTo.map { (mailbox) throws(MIMEError) in
            (mailbox, try MIMEBuilder.encodedAddressField("Reply-To", [mailbox]))
        }
    }
}
