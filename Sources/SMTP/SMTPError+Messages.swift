// SMTPError.Kind.message: one lower-case sentence per failure, safe to print (reply text is pre-escaped).
#if canImport(Glibc)
import Glibc
#endif

extension SMTPError.Kind {
    /// A user-facing explanation.
    var message: String {
        switch self {
        case .transient(let reply):
            "the server answered \(reply) (temporary failure)"
        case .permanent(let reply):
            "the server answered \(reply)"
        case .malformedReply(let detail):
            "malformed reply from the server: \(detail)"
        case .unexpectedReply(let reply, let expected):
            "unexpected reply \(reply) (expected \(expected.map(\.description).joined(separator: " or ")))"
        case .startTLSNotOffered:
            "the server does not offer STARTTLS, and TLS is required; nothing was sent in plaintext"
        case .startTLSRefused(let reply):
            "the server refused STARTTLS with \(reply), and TLS is required; nothing was sent in plaintext"
        case .authenticationRequiresTLS:
            "credentials are only sent over TLS (or to a loopback relay with the insecure option)"
        case .authenticationNotSupported(let offered):
            offered.isEmpty
                ? "the server does not offer authentication (no AUTH in its EHLO reply)"
                : "the server offers no usable authentication mechanism (it offers \(offered.joined(separator: " ")))"
        case .authenticationFailed(let reply):
            "the server refused the credentials: \(reply)"
        case .authenticationAborted(let reason):
            "authentication aborted: \(reason)"
        case .messageTooLarge(let size, let limit):
            "the message is \(size) bytes, more than the server's limit of \(limit) (SIZE)"
        case .extensionNotOffered(let name):
            "the message needs the \(name) extension, which the server does not offer"
        case .invalidArgument(let detail):
            "invalid command argument: \(detail)"
        case .resolution(let host, let message):
            "cannot resolve \(host.escapedForDisplay): \(message)"
        case .network(let code, let operation):
            "\(operation) failed: \(String(cString: strerror(code)))"
        case .connectionClosed:
            "the connection is closed"
        case .timedOut(let operation):
            "timed out waiting for \(operation)"
        case .tls(let error):
            error.description
        case .cancelled:
            "the transaction was cancelled before its final dot; the connection was dropped"
        }
    }
}
