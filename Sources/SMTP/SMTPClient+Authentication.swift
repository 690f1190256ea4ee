// SMTPClient authentication: AUTH PLAIN, LOGIN and XOAUTH2 (RFC 4954), only over TLS, with bounded rounds.

extension SMTPClient {
    /// Authenticates with `credentials`. Never without TLS, except to a loopback peer when the option named
    /// `insecure…` is set (Go's PlainAuth makes the same exception for localhost).
    func authenticate(_ credentials: Credentials) throws(SMTPError) {
        guard isTLS || (configuration.insecureAllowPlaintextAuthToLoopback && stream.peerIsLoopback) else {
            throw SMTPError(.authenticationRequiresTLS, command: "AUTH")
        }
        let mechanism = try chooseMechanism(for: credentials)
        var messages = mechanism.messages(for: credentials).map(Base64.encode)
        var first = SMTPCommand.auth(mechanism, initialResponse: nil)
        // RFC 4954 §4: the initial response saves a round trip, but only if the command stays within the
        // 512-octet line limit; otherwise the client waits for an empty challenge. An empty one is "=".
        if mechanism.sendsInitialResponse, let initial = messages.first,
           "AUTH \(mechanism.rawValue) \(initial)".utf8.count <= 510 {
            first = .auth(mechanism, initialResponse: initial.isEmpty ? "=" : initial)
            messages.removeFirst()
        }
        try send([first])
        var reply = try readReply(timeout: configuration.timeouts.command, command: "AUTH")
        var challenges = 0
        while reply.code == .serverChallenge {
            challenges += 1
            guard challenges <= configuration.maximumAuthChallenges, !messages.isEmpty else {
                // RFC 4954 §4: "*" cancels; the server answers 501. A server that keeps challenging is not
                // followed any further.
                try send([.authCancel])
                _ = try? readReply(timeout: configuration.timeouts.command, command: "AUTH")
                throw SMTPError(.authenticationAborted(
                    "the server sent more challenges than \(mechanism.rawValue) needs"), command: "AUTH")
            }
            try send([.authResponse(messages.removeFirst())])
            reply = try readReply(timeout: configuration.timeouts.command, command: "AUTH")
        }
        switch reply.code.severity {
        case .positiveCompletion:
            authenticatedMechanism = mechanism
            note("authenticated as \(credentials.user.escapedForDisplay) with \(mechanism.rawValue)")
        case .transientNegative:
            throw SMTPError(.transient(reply), command: "AUTH")
        case .permanentNegative:
            throw SMTPError(.authenticationFailed(reply), command: "AUTH")
        case .positiveIntermediate:
            throw SMTPError(.unexpectedReply(reply, expected: [.authenticationSucceeded]), command: "AUTH")
        }
    }

    /// The configured mechanism, or the best offered one for this kind of secret (RFC 4954 §3).
    private func chooseMechanism(for credentials: Credentials) throws(SMTPError) -> AuthMechanism {
        let offered = capabilities.authMechanisms
        let candidates: [AuthMechanism]
        if let forced = configuration.authMechanism {
            candidates = [forced]
        } else {
            candidates = credentials.secretKind == .oauth2AccessToken ? [.xoauth2] : [.plain, .login]
        }
        guard let mechanism = candidates.first(where: { offered.contains($0.rawValue) }) else {
            throw SMTPError(.authenticationNotSupported(offered: offered), command: "AUTH")
        }
        return mechanism
    }
}
