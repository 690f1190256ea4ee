// SMTPTimeouts: how long the client waits at each step (RFC 5321 §4.5.3.2 minimums by default).

/// Per-step timeouts. The defaults are RFC 5321 §4.5.3.2's: servers may legitimately take this long
/// (for example while scanning a message after its final dot), and giving up early risks duplicates.
public struct SMTPTimeouts: Sendable, Equatable {
    /// TCP connect, over all resolved addresses together (not in the RFC).
    public var connect: Duration
    /// §4.5.3.2.1: the initial 220 greeting, 5 minutes.
    public var greeting: Duration
    /// EHLO, STARTTLS, AUTH, RSET and QUIT replies (not in the RFC; 5 minutes like MAIL).
    public var command: Duration
    /// The TLS handshake (not in the RFC).
    public var tlsHandshake: Duration
    /// §4.5.3.2.2: reply to MAIL, 5 minutes.
    public var mail: Duration
    /// §4.5.3.2.3: reply to each RCPT, 5 minutes.
    public var recipient: Duration
    /// §4.5.3.2.4: the 354 reply to DATA, 2 minutes.
    public var dataInitiation: Duration
    /// §4.5.3.2.5: each write of message data, 3 minutes.
    public var dataBlock: Duration
    /// §4.5.3.2.6: the reply to the final dot, 10 minutes.
    public var dataTermination: Duration

    public init(
        connect: Duration = .seconds(30), greeting: Duration = .seconds(300), command: Duration = .seconds(300),
        tlsHandshake: Duration = .seconds(60), mail: Duration = .seconds(300), recipient: Duration = .seconds(300),
        dataInitiation: Duration = .seconds(120), dataBlock: Duration = .seconds(180),
        dataTermination: Duration = .seconds(600)
    ) {
        self.connect = connect
        self.greeting = greeting
        self.command = command
        self.tlsHandshake = tlsHandshake
        self.mail = mail
        self.recipient = recipient
        self.dataInitiation = dataInitiation
        self.dataBlock = dataBlock
        self.dataTermination = dataTermination
    }

    /// The same timeout for every step (tests, `edm check --smtp`).
    public static func uniform(_ timeout: Duration) -> SMTPTimeouts {
        SMTPTimeouts(connect: timeout, greeting: timeout, command: timeout, tlsHandshake: timeout, mail: timeout,
                     recipient: timeout, dataInitiation: timeout, dataBlock: timeout, dataTermination: timeout)
    }
}
