// SMTPClient: one ESMTP session: greeting, EHLO, STARTTLS, AUTH, transactions and QUIT (RFC 5321, RFC 3207).
public import EdmCrypto

/// An SMTP client session over a `ByteStream`, used by one worker at a time.
///
/// `start()` reads the greeting, sends EHLO, upgrades to TLS as the policy demands (RFC 3207), sends EHLO
/// again and authenticates. `send(_:envelope:)` then runs one transaction at a time, and `quit()` ends the
/// session. After a failure whose `breaksConnection` is true the client closes the stream and `isUsable`
/// turns false; other failures leave the session ready for the next transaction.
public final class SMTPClient {
    public let configuration: SMTPConfiguration
    var stream: any ByteStream
    var reader = ReplyReader()
    let transcript: (any TranscriptSink)?
    private var tlsContext: TLSContext?
    private var isClosed = false

    /// The server's 220 greeting.
    public private(set) var greeting: Reply?
    /// Extensions from the latest EHLO reply; after STARTTLS only the post-TLS reply counts.
    var currentCapabilities = ServerCapabilities()
    /// The mechanism AUTH succeeded with, if the session authenticated.
    public internal(set) var authenticatedMechanism: AuthMechanism?
    /// True once `start()` succeeded and until the connection breaks or is closed.
    public internal(set) var isUsable = false

    /// Wraps an already connected stream; call `start()` next. Tests pass a scripted stream here.
    ///
    /// - Parameters:
    ///   - tlsContext: A context to share between connections; built from `configuration.tls` when nil.
    ///   - transcript: Receives the dialogue, with AUTH payloads redacted.
    public init(
        stream: any ByteStream, configuration: SMTPConfiguration, tlsContext: TLSContext? = nil,
        transcript: (any TranscriptSink)? = nil
    ) {
        self.stream = stream
        self.configuration = configuration
        self.tlsContext = tlsContext
        self.transcript = transcript
    }

    deinit { stream.close() }

    /// Connects to `configuration.host`, then runs `start()`.
    ///
    /// - Throws: `SMTPError`; its `category` tells unreachable, refused credentials and TLS/policy apart.
    public static func connect(
        _ configuration: SMTPConfiguration, tlsContext: TLSContext? = nil, transcript: (any TranscriptSink)? = nil
    ) throws(SMTPError) -> SMTPClient {
        let socket = try Socket.connect(
            host: configuration.host, port: configuration.port, timeout: configuration.timeouts.connect)
        let name = "\(configuration.host.escapedForDisplay) [\(socket.remoteAddress)]:\(configuration.port)"
        transcript?.record(TranscriptEntry(.note, "connected to \(name)"))
        let client = SMTPClient(
            stream: socket, configuration: configuration, tlsContext: tlsContext, transcript: transcript)
        try client.start()
        return client
    }

    /// The extensions the server offers now (after TLS: only those it announced over TLS).
    public var capabilities: ServerCapabilities { currentCapabilities }

    /// What TLS negotiated; nil on a plaintext session.
    public var tlsSession: TLSSessionInfo? { stream.tlsSession }

    /// Whether the session is encrypted.
    public var isTLS: Bool { stream.tlsSession != nil }

    // MARK: - Session setup

    /// Greeting, EHLO, STARTTLS or implicit TLS, EHLO again, AUTH.
    ///
    /// - Throws: `SMTPError`. With `.required`, a server that does not offer or refuses STARTTLS gets no
    ///   other command; the connection is simply closed.
    public func start() throws(SMTPError) {
        do throws(SMTPError) {
            try SMTPCommand.validate(clientName: configuration.clientName)
            // RFC 8314 §3.3: with implicit TLS the handshake comes before the greeting.
            if configuration.tlsPolicy == .implicit { try upgradeToTLS() }
            let greeting = try readReply(timeout: configuration.timeouts.greeting, command: nil)
            self.greeting = greeting
            guard greeting.code == .serviceReady else {
                throw Self.refusal(greeting, command: nil, expected: [.serviceReady])
            }
            try hello()
            if configuration.tlsPolicy == .required && !isTLS { try startTLS() }
            if let credentials = configuration.credentials { try authenticate(credentials) }
            isUsable = true
        } catch {
            abandon(after: error)
            throw error
        }
    }

    /// EHLO, or HELO when the server does not know EHLO and TLS is not required (RFC 5321 §3.2).
    private func hello() throws(SMTPError) {
        try send([.ehlo(configuration.clientName)])
        let reply = try readReply(timeout: configuration.timeouts.command, command: "EHLO")
        if reply.code == .ok {
            currentCapabilities = ServerCapabilities(ehloReply: reply)
            return
        }
        // Without EHLO there is no STARTTLS, so HELO is only an option when TLS is not required.
        guard reply.code.severity == .permanentNegative, configuration.tlsPolicy != .required else {
            throw Self.refusal(reply, command: "EHLO", expected: [.ok])
        }
        try send([.helo(configuration.clientName)])
        let helo = try readReply(timeout: configuration.timeouts.command, command: "HELO")
        guard helo.code == .ok else { throw Self.refusal(helo, command: "HELO", expected: [.ok]) }
        currentCapabilities = ServerCapabilities()
    }

    /// RFC 3207: STARTTLS, handshake, then EHLO again.
    private func startTLS() throws(SMTPError) {
        guard currentCapabilities.startTLS else { throw SMTPError(.startTLSNotOffered, command: "STARTTLS") }
        try send([.startTLS])
        let reply = try readReply(timeout: configuration.timeouts.command, command: "STARTTLS")
        guard reply.code == .serviceReady else { throw SMTPError(.startTLSRefused(reply), command: "STARTTLS") }
        // RFC 3207 §4.2, CVE-2011-0411: anything after the 220 arrived in plaintext and may be an attacker's
        // injection; it must not be read as a reply to the commands sent over TLS.
        let discarded = reader.discardBuffered()
        if discarded > 0 {
            note("discarded \(discarded) bytes the server sent in plaintext after its 220 reply to STARTTLS")
        }
        try upgradeToTLS()
        // RFC 3207 §4.2: "The client MUST discard any knowledge obtained from the server ... which was not
        // obtained from the TLS negotiation itself", so the capabilities come from a new EHLO.
        currentCapabilities = ServerCapabilities()
        try hello()
    }

    private func upgradeToTLS() throws(SMTPError) {
        let context: TLSContext
        if let tlsContext {
            context = tlsContext
        } else {
            do throws(CryptoError) {
                context = try TLSContext(configuration: configuration.tls)
            } catch {
                throw SMTPError(.tls(error))
            }
            tlsContext = context
        }
        try stream.setTimeout(configuration.timeouts.tlsHandshake)
        stream = try stream.startTLS(context: context, serverName: configuration.verifiedServerName)
        if let session = stream.tlsSession {
            let subject = session.peerCertificate.map { ", certificate \($0.subject.escapedForDisplay)" } ?? ""
            note("TLS established: \(session.protocolVersion), \(session.cipher)\(subject)")
        }
    }

    // MARK: - Ending the session

    /// Sends QUIT (RFC 5321 §4.1.1.10), waits briefly for its reply, and closes. Never throws.
    public func quit() {
        guard !isClosed else { return }
        if (try? send([.quit])) != nil {
            _ = try? readReply(timeout: min(configuration.timeouts.command, .seconds(30)), command: "QUIT")
        }
        close()
    }

    /// Closes the connection without QUIT.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        isUsable = false
        stream.close()
    }

    /// After a failure in `start()`: QUIT politely when the server is merely refusing something over a
    /// protected session; otherwise just close (with TLS required, nothing more is sent in plaintext).
    private func abandon(after error: SMTPError) {
        isUsable = false
        switch error.kind {
        case .authenticationFailed, .authenticationNotSupported, .transient, .permanent:
            if (isTLS || configuration.tlsPolicy == .dangerousPlaintext) && error.reply?.closesConnection != true {
                quit()
                return
            }
        default:
            break
        }
        close()
    }

    /// Closes the connection when `error` leaves it unusable; returns `error` for rethrowing.
    func failing(_ error: SMTPError) -> SMTPError {
        if error.breaksConnection { close() }
        return error
    }

    // MARK: - Commands and replies

    /// Writes `commands` in one write (several only when pipelining, RFC 2920).
    func send(_ commands: [SMTPCommand]) throws(SMTPError) {
        var bytes: [UInt8] = []
        for command in commands {
            bytes += command.wireBytes
            transcript?.record(TranscriptEntry(.client, command.redactedLine))
        }
        do throws(SMTPError) {
            try stream.write(bytes)
        } catch {
            throw SMTPError(error.kind, command: commands.first?.verb)
        }
    }

    /// Reads one reply within `timeout`. A 421 is thrown as a transient error: the server is closing.
    func readReply(timeout: Duration, command: String?) throws(SMTPError) -> Reply {
        let reply: Reply
        let lines: [String]
        do throws(SMTPError) {
            (reply, lines) = try reader.readReply(from: stream, timeout: timeout)
        } catch {
            throw SMTPError(error.kind, command: error.command ?? command)
        }
        for line in lines { transcript?.record(TranscriptEntry(.server, line)) }
        if reply.closesConnection { throw SMTPError(.transient(reply), command: command) }
        return reply
    }

    func note(_ text: String) {
        transcript?.record(TranscriptEntry(.note, text))
    }

    /// The error for a reply that is not the expected one: 4yz transient, 5yz permanent, else unexpected.
    static func refusal(_ reply: Reply, command: String?, expected: [ReplyCode]) -> SMTPError {
        switch reply.code.severity {
        case .transientNegative: SMTPError(.transient(reply), command: command)
        case .permanentNegative: SMTPError(.permanent(reply), command: command)
        case .positiveCompletion, .positiveIntermediate:
            SMTPError(.unexpectedReply(reply, expected: expected), command: command)
        }
    }
}
