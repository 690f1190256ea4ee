// SMTPError: every failure of the SMTP client, classified by what the caller should do next.
public import EdmCrypto

/// A failure talking to an SMTP server. Failures are classified by what happens next (lettre's `Kind`):
/// `isTransient` says whether a retry later may succeed, `breaksConnection` whether the connection must be
/// dropped, and `category` which exit code `edm check --smtp` uses. No AUTH payload is ever stored here.
public struct SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// A 4yz reply: try again later.
        case transient(Reply)
        /// A 5yz reply: do not retry.
        case permanent(Reply)
        /// Bytes that are not an SMTP reply, or a reply beyond the size limits.
        case malformedReply(String)
        /// A well-formed reply that makes no sense at this point (e.g. 354 to STARTTLS).
        case unexpectedReply(Reply, expected: [ReplyCode])
        /// Policy: TLS is required but the server does not offer STARTTLS (RFC 3207).
        case startTLSNotOffered
        /// Policy: TLS is required but the server refused STARTTLS.
        case startTLSRefused(Reply)
        /// Policy: credentials are never sent without TLS (except to loopback with the insecure option).
        case authenticationRequiresTLS
        /// The server offers none of the SASL mechanisms edm can use with these credentials.
        case authenticationNotSupported(offered: [String])
        /// The server refused the credentials (535 and other 5yz replies to AUTH).
        case authenticationFailed(Reply)
        /// The AUTH exchange went on longer than any mechanism needs; edm cancelled it (RFC 4954 §4 "*").
        case authenticationAborted(String)
        /// RFC 1870: the message is larger than the server's declared SIZE limit.
        case messageTooLarge(size: Int, limit: Int)
        /// The message needs an extension the server does not offer (SMTPUTF8, 8BITMIME).
        case extensionNotOffered(String)
        /// A value that cannot go into a command line (CR, LF, NUL, angle brackets, ...).
        case invalidArgument(String)
        /// The host name did not resolve (getaddrinfo).
        case resolution(host: String, message: String)
        /// A system call failed.
        case network(errno: Int32, operation: String)
        /// The server closed the connection, or the client already dropped it after an earlier error.
        case connectionClosed
        /// No reply or progress within the timeout (RFC 5321 §4.5.3.2).
        case timedOut(operation: String)
        /// The TLS handshake failed (certificate, protocol version) or the TLS layer broke.
        case tls(CryptoError)
        /// The caller cancelled the transaction before its final dot; the connection was dropped so the
        /// server discards the partial message.
        case cancelled
    }

    /// What the CLI does with a failure: sysexits 69, 77 or 78, or a per-message outcome.
    public enum Category: Sendable, Equatable {
        /// The relay could not be reached or misbehaved (EX_UNAVAILABLE, 69).
        case unavailable
        /// The relay refused the credentials (EX_NOPERM, 77).
        case credentialsRefused
        /// TLS verification failed or the relay cannot meet the configured policy (EX_CONFIG, 78).
        case configuration
        /// This message or recipient was refused; other messages may still go.
        case messageRejected
    }

    public var kind: Kind
    /// The command verb that failed ("MAIL", "RCPT", "AUTH"); nil for the greeting and connection setup.
    public var command: String?

    public init(_ kind: Kind, command: String? = nil) {
        self.kind = kind
        self.command = command
    }

    /// The reply behind the failure, if a reply caused it.
    public var reply: Reply? {
        switch kind {
        case .transient(let reply), .permanent(let reply), .unexpectedReply(let reply, _),
             .startTLSRefused(let reply), .authenticationFailed(let reply):
            reply
        default:
            nil
        }
    }

    /// True when trying again later may succeed: 4yz replies and network trouble.
    public var isTransient: Bool {
        switch kind {
        case .transient, .malformedReply, .unexpectedReply, .resolution, .network, .connectionClosed, .timedOut,
             .cancelled:
            true
        case .startTLSRefused(let reply):
            reply.code.severity == .transientNegative
        case .tls(let error):
            switch error.kind {
            case .timedOut, .connectionClosed, .io: true
            case .library, .certificateRejected, .protocolVersionRefused: false
            }
        case .permanent, .startTLSNotOffered, .authenticationRequiresTLS, .authenticationNotSupported,
             .authenticationFailed, .authenticationAborted, .messageTooLarge, .extensionNotOffered,
             .invalidArgument:
            false
        }
    }

    /// True when the connection must not be reused (lettre `has_broken`): 421, I/O, timeouts, protocol
    /// violations, TLS and policy failures. A 4yz/5yz reply to one command leaves it usable after RSET.
    public var breaksConnection: Bool {
        switch kind {
        case .transient(let reply), .permanent(let reply):
            reply.closesConnection
        case .messageTooLarge, .extensionNotOffered, .invalidArgument:
            false
        default:
            true
        }
    }

    /// How the CLI reports this failure (`edm check --smtp` exit codes).
    public var category: Category {
        switch kind {
        case .authenticationFailed:
            .credentialsRefused
        case .startTLSNotOffered, .startTLSRefused, .authenticationRequiresTLS, .authenticationNotSupported:
            .configuration
        case .tls(let error):
            switch error.kind {
            case .certificateRejected, .protocolVersionRefused, .library: .configuration
            case .timedOut, .connectionClosed, .io: .unavailable
            }
        case .transient(let reply), .permanent(let reply):
            // Refusals inside a transaction concern one message; anywhere else the relay is not serving us.
            ["MAIL", "RCPT", "DATA"].contains(command ?? "") && !reply.closesConnection
                ? .messageRejected : .unavailable
        case .messageTooLarge, .extensionNotOffered, .invalidArgument:
            .messageRejected
        case .malformedReply, .unexpectedReply, .authenticationAborted, .resolution, .network, .connectionClosed,
             .timedOut, .cancelled:
            .unavailable
        }
    }

    public var description: String {
        let message = kind.message
        guard let command else { return message }
        return "\(command): \(message)"
    }
}
