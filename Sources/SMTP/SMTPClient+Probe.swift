// SMTPClient.probe: connect, EHLO, STARTTLS, AUTH, report, QUIT; for `edm check --smtp`.
public import EdmCrypto

extension SMTPClient {
    /// Runs the whole session setup against the configured relay and reports what it found, then QUITs.
    /// No message is sent.
    ///
    /// - Throws: `SMTPError`; its `category` maps to the exit code: `.unavailable` 69, `.credentialsRefused`
    ///   77, `.configuration` 78 (TLS verification or policy).
    public static func probe(
        _ configuration: SMTPConfiguration, tlsContext: TLSContext? = nil, transcript: (any TranscriptSink)? = nil
    ) throws(SMTPError) -> ProbeReport {
        let client = try connect(configuration, tlsContext: tlsContext, transcript: transcript)
        return client.reportAndQuit()
    }

    /// `probe` over an already connected stream (tests use a scripted one).
    public static func probe(
        stream: any ByteStream, configuration: SMTPConfiguration, tlsContext: TLSContext? = nil,
        transcript: (any TranscriptSink)? = nil
    ) throws(SMTPError) -> ProbeReport {
        let client = SMTPClient(
            stream: stream, configuration: configuration, tlsContext: tlsContext, transcript: transcript)
        try client.start()
        return client.reportAndQuit()
    }

    private func reportAndQuit() -> ProbeReport {
        let report = ProbeReport(
            greeting: greeting ?? Reply(code: .serviceReady, lines: []), capabilities: capabilities, tls: tlsSession,
            authenticatedWith: authenticatedMechanism)
        quit()
        return report
    }
}
