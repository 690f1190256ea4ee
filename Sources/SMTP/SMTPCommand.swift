// SMTPCommand: the command lines the client sends, built so that no data can inject a second command.

/// One client command line (RFC 5321 §4.1.1). Arguments are checked for CR, LF and other controls before
/// any byte is sent (Go's `validateLine`), and AUTH payloads have a redacted form for transcripts.
enum SMTPCommand {
    case ehlo(String)
    case helo(String)
    case startTLS
    /// AUTH with an optional initial response (already base64).
    case auth(AuthMechanism, initialResponse: String?)
    /// A base64 answer to a 334 challenge.
    case authResponse(String)
    /// RFC 4954 §4: "*" cancels the exchange.
    case authCancel
    case mail(from: String, parameters: [String])
    case recipient(String)
    case data
    case reset
    case quit

    /// The verb for error messages; never contains arguments.
    var verb: String {
        switch self {
        case .ehlo: "EHLO"
        case .helo: "HELO"
        case .startTLS: "STARTTLS"
        case .auth, .authResponse, .authCancel: "AUTH"
        case .mail: "MAIL"
        case .recipient: "RCPT"
        case .data: "DATA"
        case .reset: "RSET"
        case .quit: "QUIT"
        }
    }

    /// The line as sent, without CRLF.
    var line: String {
        switch self {
        case .ehlo(let name): "EHLO \(name)"
        case .helo(let name): "HELO \(name)"
        case .startTLS: "STARTTLS"
        case .auth(let mechanism, let initial):
            initial.map { "AUTH \(mechanism.rawValue) \($0)" } ?? "AUTH \(mechanism.rawValue)"
        case .authResponse(let response): response
        case .authCancel: "*"
        case .mail(let from, let parameters): (["MAIL FROM:<\(from)>"] + parameters).joined(separator: " ")
        case .recipient(let address): "RCPT TO:<\(address)>"
        case .data: "DATA"
        case .reset: "RSET"
        case .quit: "QUIT"
        }
    }

    /// The line for transcripts: AUTH payloads replaced by `<redacted>`.
    var redactedLine: String {
        switch self {
        case .auth(let mechanism, let initial): initial == nil ? line : "AUTH \(mechanism.rawValue) <redacted>"
        case .authResponse: "<redacted>"
        default: line.escapedForDisplay
        }
    }

    /// The bytes on the wire.
    var wireBytes: [UInt8] { Array(line.utf8) + [13, 10] }

    /// RFC 5321 §4.1.2 / §4.5.3.1.3: a path is at most 256 octets, and no argument may carry CR, LF, NUL or
    /// other controls (one CRLF would let data start a new command), nor the brackets that delimit it.
    static func validate(address: String, role: String) throws(SMTPError) {
        guard address.utf8.count <= 254 else {
            throw SMTPError(.invalidArgument("the \(role) address is longer than 254 bytes"))
        }
        let forbidden = { (scalar: Unicode.Scalar) in
            scalar.value < 0x20 || scalar.value == 0x7F || scalar == "<" || scalar == ">"
        }
        if let bad = address.unicodeScalars.first(where: forbidden) {
            throw SMTPError(.invalidArgument(
                "the \(role) address \"\(address.escapedForDisplay)\" contains \"\(String(bad).escapedForDisplay)\""))
        }
    }

    /// The EHLO name: a domain or address literal, no spaces or controls.
    static func validate(clientName: String) throws(SMTPError) {
        guard !clientName.isEmpty, clientName.utf8.count <= 255,
              clientName.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F })
        else {
            throw SMTPError(.invalidArgument("the EHLO name \"\(clientName.escapedForDisplay)\" is not a domain"))
        }
    }
}
