// edm check --smtp against a real aiosmtpd with STARTTLS and AUTH on loopback, and its exit codes.
import EdmTestSupport
import Foundation
import Testing

@Suite(.serialized) struct CheckSMTPTests {
    static func campaign(in folder: TemporaryDirectory, port: Int, certificates: TestCertificates) {
        TestCampaign.write(
            in: folder, id: "smtp-check", recipients: ["a@example.com"],
            extra: TestCampaign.tlsRelay(port: port, certificates: certificates, passwordEnv: "EDM_TEST_SMTP_PASSWORD"))
    }

    @Test("a reachable relay: STARTTLS, AUTH, capabilities and certificate printed, exit 0; the trace redacts AUTH")
    func probeOK() throws {
        let certificates = try TestCertificates.get()
        let folder = TemporaryDirectory()
        let server = try PeerProcess(python: "aiosmtpd-server.py", [
            "--cert", certificates.pem("good"), "--key", certificates.key("good"), "--outdir", folder.file("received"),
            "--user", "tester@edm.test", "--password", "s3cret-pass",
        ])
        defer { server.stop() }
        Self.campaign(in: folder, port: server.port, certificates: certificates)
        let environment = ["EDM_TEST_SMTP_PASSWORD": "s3cret-pass"]
        let result = try EdmRun.binary(
            ["check", "--smtp", "--trace-smtp", "trace.log", "campaign.toml"], in: folder.path, environment: environment)
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stdout.contains("relay 127.0.0.1:\(server.port): ok"))
        #expect(result.stdout.contains("  tls:          TLSv1."))
        #expect(result.stdout.contains("  auth:         "))
        let trace = folder.read("trace.log") ?? ""
        #expect(trace.contains("C: STARTTLS"))
        #expect(trace.contains("AUTH"))
        for text in [result.stdout, result.stderr, trace] {
            #expect(!text.contains("s3cret-pass"), "the password leaked")
            #expect(!text.contains(Data("\u{0}tester@edm.test\u{0}s3cret-pass".utf8).base64EncodedString()), "the AUTH PLAIN payload leaked")
        }
    }

    @Test("a wrong password exits 77 and never prints the password")
    func credentialsRefused() throws {
        let certificates = try TestCertificates.get()
        let folder = TemporaryDirectory()
        let server = try PeerProcess(python: "aiosmtpd-server.py", [
            "--cert", certificates.pem("good"), "--key", certificates.key("good"), "--outdir", folder.file("received"),
            "--user", "tester@edm.test", "--password", "right-one",
        ])
        defer { server.stop() }
        Self.campaign(in: folder, port: server.port, certificates: certificates)
        let result = try EdmRun.binary(
            ["check", "--smtp", "campaign.toml"], in: folder.path, environment: ["EDM_TEST_SMTP_PASSWORD": "wrong-one"])
        #expect(result.code == 77, "\(result.stderr)")
        #expect(!(result.stdout + result.stderr).contains("wrong-one"))
    }

    @Test("an untrusted certificate exits 78 naming the reason")
    func untrustedCertificate() throws {
        let certificates = try TestCertificates.get()
        let folder = TemporaryDirectory()
        let server = try PeerProcess(python: "aiosmtpd-server.py", [
            "--cert", certificates.pem("selfsigned"), "--key", certificates.key("selfsigned"), "--outdir", folder.file("received"),
        ])
        defer { server.stop() }
        Self.campaign(in: folder, port: server.port, certificates: certificates)
        let result = try EdmRun.binary(
            ["check", "--smtp", "campaign.toml"], in: folder.path, environment: ["EDM_TEST_SMTP_PASSWORD": "x"])
        #expect(result.code == 78, "\(result.stderr)")
        #expect(result.stderr.contains("self-signed") || result.stderr.contains("self signed"))
    }

    @Test("nothing listening exits 69")
    func unreachable() throws {
        let certificates = try TestCertificates.get()
        let folder = TemporaryDirectory()
        Self.campaign(in: folder, port: 1, certificates: certificates)
        let result = try EdmRun.binary(
            ["check", "--smtp", "campaign.toml"], in: folder.path, environment: ["EDM_TEST_SMTP_PASSWORD": "x"])
        #expect(result.code == 69, "\(result.stderr)")
    }
}
