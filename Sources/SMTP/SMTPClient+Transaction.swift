// SMTPClient transactions: MAIL, RCPT, DATA (pipelined when offered), the message, and the final dot.

/// A message made ready for one session: validated, encoded for the wire, its MAIL parameters chosen.
///
/// With PIPELINING its MAIL, RCPT and DATA may leave with the previous message's final dot (RFC 2920 §3.1:
/// message content may be the first "command" of a group), so the server has the next transaction in hand
/// when it answers the dot, and a message costs one write and one round trip less.
public final class PreparedTransaction {
    let envelope: Envelope
    /// The content dot-stuffed with CRLF line ends, followed by the final ".\r\n".
    let wire: [UInt8]
    let mail: SMTPCommand
    let recipients: [SMTPCommand]
    /// Set when the message cannot go to this server at all (too large, a line over 998 octets, an extension
    /// missing); sending it returns this without a byte written.
    let localRefusal: SMTPError?
    /// MAIL, RCPT and DATA went out with the previous message's final dot.
    var commandsSent = false

    init(envelope: Envelope, wire: [UInt8], mail: SMTPCommand, recipients: [SMTPCommand], localRefusal: SMTPError?) {
        self.envelope = envelope
        self.wire = wire
        self.mail = mail
        self.recipients = recipients
        self.localRefusal = localRefusal
    }

    /// Whether it can travel with another message's final dot.
    public var canBePipelined: Bool { localRefusal == nil && !commandsSent }
}

extension SMTPClient {
    /// Sends one message.
    ///
    /// MAIL FROM carries SIZE (RFC 1870), BODY=8BITMIME (RFC 6152) and SMTPUTF8 (RFC 6531) when they apply.
    /// With PIPELINING (RFC 2920) MAIL, every RCPT and DATA go in one write; never otherwise. Refusals are
    /// returned as data; after one, RSET readies the session for the next message.
    ///
    /// - Parameters:
    ///   - content: The RFC 5322 message. Line ends may be CRLF, LF or CR: each becomes CRLF on the wire,
    ///     and lines starting with "." are dot-stuffed.
    ///   - envelope: MAIL FROM and RCPT TO addresses.
    ///   - beforeFinalDot: Called after the server's 354 and before the content and the final "." are written
    ///     (the journal makes its intent durable here). Returning false drops the connection, so the server
    ///     discards the transaction.
    /// - Returns: The outcome for the message and each recipient; `.uncertain` when the connection was lost
    ///   after the final dot and before its reply.
    /// - Throws: `SMTPError` when the session broke before the final dot (nothing was delivered), or when an
    ///   argument is invalid (nothing was sent).
    public func send(
        _ content: [UInt8], envelope: Envelope, beforeFinalDot: (() -> Bool)? = nil
    ) throws(SMTPError) -> TransactionResult {
        try send(try prepare(content, envelope: envelope), beforeFinalDot: beforeFinalDot)
    }

    /// Validates and encodes a message for this session without sending anything.
    ///
    /// - Throws: `SMTPError` `.invalidArgument` for an address that could inject a command (CR, LF, brackets)
    ///   or an empty envelope; `.connectionClosed` when the session is not usable.
    public func prepare(_ content: [UInt8], envelope: Envelope) throws(SMTPError) -> PreparedTransaction {
        guard isUsable else { throw SMTPError(.connectionClosed, command: "MAIL") }
        try SMTPCommand.validate(address: envelope.sender, role: "sender")
        guard !envelope.recipients.isEmpty else { throw SMTPError(.invalidArgument("the envelope has no recipients")) }
        for recipient in envelope.recipients { try SMTPCommand.validate(address: recipient, role: "recipient") }

        let encoded = MessageEncoder.encode(content, terminated: true)
        let (wire, size, longestLine, is8Bit) = (encoded.wire, encoded.size, encoded.longestLine, encoded.is8Bit)
        let needsUTF8 = envelope.needsSMTPUTF8
        // Checks that need no round trip: refuse locally what the server would refuse or mangle.
        var refusal: SMTPError?
        if longestLine > MessageEncoder.maximumLineLength {
            refusal = SMTPError(.invalidArgument(
                "the message has a line of \(longestLine) octets; RFC 5321 §4.5.3.1.6 allows 998 plus CRLF"),
                command: "DATA")
        } else if let limit = capabilities.maximumMessageSize, size > limit {
            refusal = SMTPError(.messageTooLarge(size: size, limit: limit), command: "MAIL")
        } else if needsUTF8 && !capabilities.smtpUTF8 {
            // RFC 6531 §3.4: a non-ASCII address must not be sent to a server without SMTPUTF8.
            refusal = SMTPError(.extensionNotOffered("SMTPUTF8"), command: "MAIL")
        } else if is8Bit && !capabilities.eightBitMIME && !needsUTF8 {
            // RFC 6152 §3: 8-bit content only to servers that announce 8BITMIME.
            refusal = SMTPError(.extensionNotOffered("8BITMIME"), command: "MAIL")
        }
        var parameters: [String] = []
        if capabilities.supports("SIZE") { parameters.append("SIZE=\(size)") }  // RFC 1870 §6
        if is8Bit && capabilities.eightBitMIME { parameters.append("BODY=8BITMIME") }
        if needsUTF8 { parameters.append("SMTPUTF8") }
        return PreparedTransaction(
            envelope: envelope, wire: wire, mail: SMTPCommand.mail(from: envelope.sender, parameters: parameters),
            recipients: envelope.recipients.map(SMTPCommand.recipient), localRefusal: refusal)
    }

    /// Sends a prepared message (see `send(_:envelope:beforeFinalDot:)`).
    ///
    /// - Parameter pipelineNext: Called right before the final dot is written; the transaction it returns
    ///   (prepared on this client, not yet sent) has its MAIL, RCPT and DATA written with the dot, and is then
    ///   sent with `send(_:beforeFinalDot:pipelineNext:)` as usual. Only with PIPELINING. If the write carrying
    ///   them fails, this message is `.uncertain`: its dot may have gone out.
    public func send(
        _ transaction: PreparedTransaction, beforeFinalDot: (() -> Bool)? = nil,
        pipelineNext: (() -> PreparedTransaction?)? = nil
    ) throws(SMTPError) -> TransactionResult {
        if let refusal = transaction.localRefusal { return refusedLocally(refusal, transaction.envelope) }
        do throws(SMTPError) {
            return try transact(transaction, beforeFinalDot: beforeFinalDot, pipelineNext: pipelineNext)
        } catch {
            throw failing(error)
        }
    }

    /// Sends RSET (RFC 5321 §4.1.1.5), abandoning any transaction in progress.
    public func reset() throws(SMTPError) {
        do throws(SMTPError) {
            try send([.reset])
            let reply = try readReply(timeout: configuration.timeouts.command, command: "RSET")
            guard reply.code == .ok else {
                throw SMTPError(.unexpectedReply(reply, expected: [.ok]), command: "RSET")
            }
        } catch {
            throw failing(error)
        }
    }

    private func transact(
        _ transaction: PreparedTransaction, beforeFinalDot: (() -> Bool)?,
        pipelineNext: (() -> PreparedTransaction?)?
    ) throws(SMTPError) -> TransactionResult {
        let timeouts = configuration.timeouts
        let envelope = transaction.envelope
        let mail = transaction.mail
        let recipients = transaction.recipients
        var recipientReplies: [Reply] = []
        var dataReply: Reply?
        let mailReply: Reply
        if capabilities.pipelining || transaction.commandsSent {
            // RFC 2920 §3.1: DATA is the last command of the group; every reply is read, in order. The group
            // may already be on its way, sent with the previous message's final dot.
            if !transaction.commandsSent { try send([mail] + recipients + [.data]) }
            // The group's replies usually arrive together; each is waited for as long as the longest of the
            // three timeouts (they are minimums, §4.5.3.2), which saves a timeout change per reply.
            let group = max(timeouts.mail, timeouts.recipient, timeouts.dataInitiation)
            mailReply = try readReply(timeout: group, command: "MAIL")
            for _ in recipients { recipientReplies.append(try readReply(timeout: group, command: "RCPT")) }
            dataReply = try readReply(timeout: group, command: "DATA")
        } else {
            try send([mail])
            mailReply = try readReply(timeout: timeouts.mail, command: "MAIL")
            if mailReply.code.severity == .positiveCompletion {
                for recipient in recipients {
                    try send([recipient])
                    recipientReplies.append(try readReply(timeout: timeouts.recipient, command: "RCPT"))
                }
                if recipientReplies.contains(where: { $0.code.severity == .positiveCompletion }) {
                    try send([.data])
                    dataReply = try readReply(timeout: timeouts.dataInitiation, command: "DATA")
                }
            }
        }
        try rejectIntermediate(mailReply, command: "MAIL", expected: .ok)
        for reply in recipientReplies { try rejectIntermediate(reply, command: "RCPT", expected: .ok) }

        guard mailReply.code.severity == .positiveCompletion else {
            try finishUnwantedData(dataReply)
            resetAfterRefusal()
            return result(Self.refusal(mailReply, command: "MAIL", expected: [.ok]), envelope, [])
        }
        guard recipientReplies.contains(where: { $0.code.severity == .positiveCompletion }) else {
            // Every recipient refused: no message bytes are sent.
            try finishUnwantedData(dataReply)
            resetAfterRefusal()
            let transient = recipientReplies.first { $0.code.severity == .transientNegative }
            let deciding = transient ?? recipientReplies.last ?? mailReply
            return result(Self.refusal(deciding, command: "RCPT", expected: [.ok]), envelope, recipientReplies)
        }
        guard let dataReply, dataReply.code == .startMailInput else {
            if let dataReply, dataReply.code.severity == .positiveCompletion {
                throw failing(SMTPError(.unexpectedReply(dataReply, expected: [.startMailInput]), command: "DATA"))
            }
            resetAfterRefusal()
            let error = dataReply.map { Self.refusal($0, command: "DATA", expected: [.startMailInput]) }
                ?? SMTPError(.connectionClosed, command: "DATA")
            return result(error, envelope, recipientReplies)
        }

        // RFC 5321 §4.5.3.2.5: each block of data within its own timeout.
        try stream.setWriteTimeout(timeouts.dataBlock)
        let wire = transaction.wire  // content and final dot
        transcript?.record(TranscriptEntry(.client, "<message: \(wire.count - 3) bytes, dot-stuffed>"))
        // The hook runs before the content goes out, not just before the dot: content and dot then leave in one
        // write (one segment less for both sides per message), and a refusal sends nothing of the message.
        if let beforeFinalDot, !beforeFinalDot() {
            close()
            throw SMTPError(.cancelled, command: "DATA")
        }
        transcript?.record(TranscriptEntry(.client, "."))
        var next: PreparedTransaction?
        var bytes = wire
        if capabilities.pipelining, let candidate = pipelineNext?(), candidate.canBePipelined {
            next = candidate
            for command in [candidate.mail] + candidate.recipients + [.data] {
                bytes += command.wireBytes
                transcript?.record(TranscriptEntry(.client, command.redactedLine))
            }
            candidate.commandsSent = true
        }
        do throws(SMTPError) {
            try write(bytes)
        } catch {
            guard next != nil else { throw error }
            // The dot was not the last byte of the write: it may have reached the server before the failure.
            close()
            note("connection lost while sending the final dot and the next transaction: delivery is uncertain")
            return TransactionResult(
                disposition: .uncertain, reply: nil, error: error,
                recipients: recipientResults(envelope, recipientReplies, disposition: .uncertain, reply: nil))
        }

        let final: Reply
        do throws(SMTPError) {
            final = try readReply(timeout: timeouts.dataTermination, command: "DATA")
        } catch {
            close()
            if let reply = error.reply, reply.closesConnection {
                return result(error, envelope, recipientReplies)  // 421: the server did not take it
            }
            // The dot was sent; whether the server committed the message is unknown.
            note("connection lost after the final dot: delivery is uncertain")
            return TransactionResult(
                disposition: .uncertain, reply: nil, error: error,
                recipients: recipientResults(envelope, recipientReplies, disposition: .uncertain, reply: nil))
        }
        switch final.code.severity {
        case .positiveCompletion:
            return TransactionResult(
                disposition: .accepted, reply: final, error: nil,
                recipients: recipientResults(envelope, recipientReplies, disposition: .accepted, reply: final))
        case .positiveIntermediate:
            // Nonsense after the dot: the server's state, and so the message's fate, is unknown.
            close()
            let error = SMTPError(.unexpectedReply(final, expected: [.ok]), command: "DATA")
            return TransactionResult(
                disposition: .uncertain, reply: final, error: error,
                recipients: recipientResults(envelope, recipientReplies, disposition: .uncertain, reply: nil))
        case .transientNegative, .permanentNegative:
            // RFC 5321 §4.1.1.4: the transaction ends with the reply to the dot either way; no RSET needed.
            return result(Self.refusal(final, command: "DATA", expected: [.ok]), envelope, recipientReplies)
        }
    }

    private func write(_ bytes: [UInt8]) throws(SMTPError) {
        do throws(SMTPError) {
            try stream.write(bytes)
        } catch {
            throw SMTPError(error.kind, command: "DATA")
        }
    }

    /// A 3yz where a 2yz belongs is a protocol violation that leaves the session in an unknown state.
    private func rejectIntermediate(_ reply: Reply, command: String, expected: ReplyCode) throws(SMTPError) {
        if reply.code.severity == .positiveIntermediate {
            throw failing(SMTPError(.unexpectedReply(reply, expected: [expected]), command: command))
        }
    }

    /// RFC 2920 §3.1: a pipelining server may accept DATA although MAIL or every RCPT failed; the client
    /// then ends the empty data at once with a lone ".".
    private func finishUnwantedData(_ dataReply: Reply?) throws(SMTPError) {
        guard dataReply?.code == .startMailInput else { return }
        transcript?.record(TranscriptEntry(.client, "."))
        try write(MessageEncoder.terminator)
        _ = try readReply(timeout: configuration.timeouts.dataTermination, command: "DATA")
    }

    /// RSET after a refused transaction so the next starts clean (RFC 5321 §4.1.1.5). If even that fails,
    /// the connection is dropped; the result already in hand is still returned.
    private func resetAfterRefusal() {
        do throws(SMTPError) {
            try reset()
        } catch {
            note("RSET failed (\(error)); the connection is closed")
            close()
        }
    }

    private func refusedLocally(_ error: SMTPError, _ envelope: Envelope) -> TransactionResult {
        note("not sent: \(error)")
        return result(error, envelope, [])
    }

    /// The result of a refused transaction: refused recipients keep their own reply, the rest share `error`.
    private func result(_ error: SMTPError, _ envelope: Envelope, _ recipientReplies: [Reply]) -> TransactionResult {
        let disposition: Disposition = error.isTransient ? .transient : .permanent
        return TransactionResult(
            disposition: disposition, reply: error.reply, error: error,
            recipients: recipientResults(envelope, recipientReplies, disposition: disposition, reply: error.reply))
    }

    private func recipientResults(
        _ envelope: Envelope, _ replies: [Reply], disposition: Disposition, reply: Reply?
    ) -> [RecipientResult] {
        envelope.recipients.enumerated().map { index, address in
            if index < replies.count {
                switch replies[index].code.severity {
                case .transientNegative:
                    return RecipientResult(address: address, disposition: .transient, reply: replies[index])
                case .permanentNegative:
                    return RecipientResult(address: address, disposition: .permanent, reply: replies[index])
                case .positiveCompletion, .positiveIntermediate: break
                }
            }
            return RecipientResult(address: address, disposition: disposition, reply: reply)
        }
    }
}
