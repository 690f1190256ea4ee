// Script: building blocks for scripted SMTP servers and the transcripts a correct client produces with them.
import EdmCrypto
import SMTP

enum Script {
    typealias Step = ScriptedStream.Step

    static let greeting = Step.reply("220 mx.test ESMTP ready\n")
    static let greetingLine = "S: 220 mx.test ESMTP ready"

    /// A 250 reply to EHLO announcing `capabilities`.
    static func ehlo(_ capabilities: [String]) -> Step {
        .reply(ehloLines(capabilities).map { $0 + "\n" }.joined())
    }

    static func ehloLines(_ capabilities: [String]) -> [String] {
        let all = ["mx.test"] + capabilities
        return all.enumerated().map { index, text in (index == all.count - 1 ? "250 " : "250-") + text }
    }

    /// The transcript lines of an EHLO exchange.
    static func expectedEHLO(_ capabilities: [String]) -> String {
        (["C: EHLO client.test"] + ehloLines(capabilities).map { "S: " + $0 }).joined(separator: "\n")
    }

    /// Greeting, plaintext EHLO offering STARTTLS, 220, the handshake, and the post-TLS EHLO reply.
    static func startTLS(post: [String], pre: [String] = ["PIPELINING", "STARTTLS"]) -> [Step] {
        [greeting, ehlo(pre), .reply("220 2.0.0 Ready to start TLS\n"), .tls, ehlo(post)]
    }

    static func expectedStartTLS(post: [String], pre: [String] = ["PIPELINING", "STARTTLS"]) -> String {
        [greetingLine, expectedEHLO(pre), "C: STARTTLS", "S: 220 2.0.0 Ready to start TLS", "-- TLS --",
         expectedEHLO(post)].joined(separator: "\n")
    }

    /// A client configuration for scripted tests: short timeouts, a fixed EHLO name.
    static func configuration(
        policy: TLSPolicy = .required, credentials: Credentials? = nil, mechanism: AuthMechanism? = nil,
        insecureLoopbackAuth: Bool = false
    ) -> SMTPConfiguration {
        SMTPConfiguration(
            host: "mx.test", port: 587, tlsPolicy: policy, credentials: credentials, authMechanism: mechanism,
            clientName: "client.test", timeouts: .uniform(.seconds(5)),
            insecureAllowPlaintextAuthToLoopback: insecureLoopbackAuth)
    }

    /// A started client over `stream`; the error if `start()` fails.
    static func client(
        _ stream: ScriptedStream, _ configuration: SMTPConfiguration = configuration(),
        transcript: (any TranscriptSink)? = nil
    ) -> (SMTPClient, SMTPError?) {
        let client = SMTPClient(stream: stream, configuration: configuration, transcript: transcript)
        do {
            try client.start()
            return (client, nil)
        } catch {
            return (client, error)
        }
    }
}
