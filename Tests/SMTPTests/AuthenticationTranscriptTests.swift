// Transcript tests of AUTH (RFC 4954): PLAIN, LOGIN, XOAUTH2, refusals, bounded challenges, redaction.
import EdmTestSupport
import EdmCrypto
import SMTP
import Testing

@Suite struct AuthenticationTranscriptTests {
    static let password = Credentials.password(user: "user@mx.test", password: "hunter2-secret")
    static let token = Credentials.oauth2(user: "user@mx.test", accessToken: "ya29.token-secret")
    /// Every form in which a secret could leak.
    static let secrets = ["hunter2-secret", "aHVudGVyMi1zZWNyZXQ=", "AHVzZXJAbXgudGVzdABodW50ZXIyLXNlY3JldA==",
                          "ya29.token-secret", "dXNlcj11c2VyQG14LnRlc3QBYXV0aD1CZWFyZXIgeWEyOS50b2tlbi1zZWNyZXQBAQ=="]

    private func run(_ credentials: Credentials, _ caps: [String], _ steps: [ScriptedStream.Step],
                     mechanism: AuthMechanism? = nil) -> (SMTPClient, ScriptedStream, TranscriptRecorder, SMTPError?) {
        let recorder = TranscriptRecorder()
        let stream = ScriptedStream(Script.startTLS(post: caps) + steps)
        let (client, error) = Script.client(
            stream, Script.configuration(credentials: credentials, mechanism: mechanism), transcript: recorder)
        return (client, stream, recorder, error)
    }

    private func expectNoSecrets(_ texts: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        for text in texts {
            for secret in Self.secrets {
                #expect(!text.contains(secret), "secret leaked: \(text)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test("AUTH PLAIN with an initial response; the trace shows <redacted>")
    func plain() {
        let (client, stream, recorder, error) = run(Self.password, ["AUTH LOGIN PLAIN"], [.reply("235 2.7.0 ok\n")])
        #expect(error == nil)
        #expect(client.authenticatedMechanism == .plain)
        #expect(stream.transcript.hasSuffix("C: AUTH PLAIN AHVzZXJAbXgudGVzdABodW50ZXIyLXNlY3JldA==\nS: 235 2.7.0 ok"))
        #expect(recorder.entries.contains(TranscriptEntry(.client, "AUTH PLAIN <redacted>")))
        expectNoSecrets([recorder.text])
    }

    @Test("AUTH LOGIN: user name and password lines are redacted in the trace")
    func login() {
        let (client, _, recorder, error) = run(Self.password, ["AUTH LOGIN"], [
            .reply("334 VXNlcm5hbWU6\n"), .reply("334 UGFzc3dvcmQ6\n"), .reply("235 2.7.0 ok\n"),
        ])
        #expect(error == nil)
        #expect(client.authenticatedMechanism == .login)
        let auth = recorder.entries.drop { $0 != TranscriptEntry(.client, "AUTH LOGIN") }.map(\.description)
        #expect(Array(auth.prefix(5))
                == ["C: AUTH LOGIN", "S: 334 VXNlcm5hbWU6", "C: <redacted>", "S: 334 UGFzc3dvcmQ6", "C: <redacted>"])
        expectNoSecrets([recorder.text])
    }

    @Test("AUTH XOAUTH2 with a token, and its error dance: 334 JSON, empty reply, 535")
    func xoauth2() {
        let (client, stream, recorder, error) = run(Self.token, ["AUTH XOAUTH2 PLAIN"], [.reply("235 2.7.0 ok\n")])
        #expect(error == nil)
        #expect(client.authenticatedMechanism == .xoauth2)
        #expect(stream.transcript.contains("C: AUTH XOAUTH2 \(Self.secrets[4])"))
        expectNoSecrets([recorder.text])

        let (_, failed, failedRecorder, failure) = run(Self.token, ["AUTH XOAUTH2"], [
            .reply("334 eyJzdGF0dXMiOiI0MDEifQ==\n"), .reply("535 5.7.8 bad token\n"), .reply("221 bye\n"),
        ])
        #expect(failure?.category == .credentialsRefused)
        #expect(failed.transcript.hasSuffix("""
            S: 334 eyJzdGF0dXMiOiI0MDEifQ==
            C: 
            S: 535 5.7.8 bad token
            C: QUIT
            S: 221 bye
            -- closed --
            """))
        expectNoSecrets([failedRecorder.text, failure?.description ?? ""])
    }

    @Test("535: credentials refused (exit 77), polite QUIT over TLS, no secret in the error")
    func refused() {
        let (client, stream, recorder, error) = run(Self.password, ["AUTH PLAIN"], [
            .reply("535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6\n"), .reply("221 bye\n"),
        ])
        #expect(error?.category == .credentialsRefused)
        #expect(error?.isTransient == false)
        #expect(!client.isUsable)
        #expect(stream.transcript.hasSuffix("C: QUIT\nS: 221 bye\n-- closed --"))
        expectNoSecrets([recorder.text, error?.description ?? "", String(describing: error)])
    }

    @Test("454 to AUTH is transient")
    func temporary() {
        let (_, _, _, error) = run(
            Self.password, ["AUTH PLAIN"], [.reply("454 4.7.0 try later\n"), .reply("221 bye\n")])
        #expect(error?.isTransient == true)
    }

    @Test("endless 334 challenges: the client cancels with * and gives up", arguments: [AuthMechanism.plain, .login])
    func endlessChallenges(mechanism: AuthMechanism) {
        let challenges = Array(repeating: ScriptedStream.Step.reply("334 \n"), count: 50)
        let (_, stream, recorder, error) = run(Self.password, ["AUTH PLAIN LOGIN"], challenges, mechanism: mechanism)
        guard case .authenticationAborted = error?.kind else {
            Issue.record("expected an aborted authentication, got \(String(describing: error))")
            return
        }
        #expect(stream.transcript.hasSuffix("C: *\nS: 334 \n-- closed --"))
        #expect(stream.transcript.components(separatedBy: "S: 334").count <= 5)
        expectNoSecrets([recorder.text, error?.description ?? ""])
    }

    @Test("AUTH not offered, or no usable mechanism: a configuration error")
    func notOffered() {
        let (_, _, _, none) = run(Self.password, [], [.reply("221 bye\n")])
        #expect(none == SMTPError(.authenticationNotSupported(offered: []), command: "AUTH"))
        #expect(none?.category == .configuration)
        let (_, _, _, cram) = run(Self.password, ["AUTH CRAM-MD5"], [.reply("221 bye\n")])
        #expect(cram == SMTPError(.authenticationNotSupported(offered: ["CRAM-MD5"]), command: "AUTH"))
    }

    @Test("credentials never print their secret")
    func credentialsDescription() {
        #expect(String(describing: Self.password) == "Credentials(user: \"user@mx.test\", password: <redacted>)")
        #expect(String(reflecting: Self.token) == "Credentials(user: \"user@mx.test\", accessToken: <redacted>)")
        var dumped = ""
        dump(Self.password, to: &dumped)
        dump(SMTPConfiguration(host: "h", credentials: Self.token), to: &dumped)
        expectNoSecrets([dumped, "\(Self.password)", "\(Self.token)"])
    }
}
