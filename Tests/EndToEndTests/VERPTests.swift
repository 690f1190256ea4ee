// VERP: every recipient's MAIL FROM carries a token, and a bounce that quotes nothing maps back to it.
import EdmTestSupport
import Foundation
import Testing

@Suite(.serialized) struct VERPTests {
    @Test("return_path with {token}: distinct envelope senders; a bare bounce to one is suppressed and journaled")
    func verpRoundTrip() throws {
        let certificates = try TestCertificates.get()
        let folder = TemporaryDirectory()
        let server = try PeerProcess(python: "aiosmtpd-server.py", [
            "--cert", certificates.pem("good"), "--key", certificates.key("good"), "--outdir", folder.file("received"),
            "--user", "tester@edm.test", "--password", "pw",
        ])
        defer { server.stop() }
        folder.write("suppression.txt", "# bounces land here\n")
        TestCampaign.write(
            in: folder, id: "verp", recipients: ["ann@example.org", "bob@example.net"],
            campaignKeys: "return_path = \"bounces+{token}@example.com\"",
            extra: "[suppression]\nfiles = [\"suppression.txt\"]\n"
                + TestCampaign.tlsRelay(port: server.port, certificates: certificates, passwordEnv: "PW"))
        let sent = try EdmRun.binary(["send", "campaign.toml"], in: folder.path, environment: ["PW": "pw"])
        #expect(sent.code == 0, "\(sent.stderr)")
        var senders: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.file("received")) where name.hasSuffix(".env") {
            let lines = (folder.read("received/" + name) ?? "").split(separator: "\n").map(String.init)
            if lines.count >= 2 { senders[lines[1]] = lines[0] }
        }
        let annSender = try #require(senders["ann@example.org"])
        let bobSender = try #require(senders["bob@example.net"])
        #expect(annSender.hasPrefix("bounces+") && annSender.hasSuffix("@example.com") && annSender.count == 8 + 20 + 12)
        #expect(annSender != bobSender)

        // A bounce that names nobody: only the address it was sent to identifies the recipient.
        folder.write("bounce.eml", """
            From: MAILER-DAEMON@mx.example.org (Mail Delivery System)
            To: \(annSender)
            Subject: Undelivered Mail Returned to Sender
            Date: Sun, 29 Nov 2026 10:00:00 +0000
            Message-ID: <bounce-1@mx.example.org>

            This is the mail system at host mx.example.org.

            I'm sorry to have to inform you that your message could not
            be delivered to one or more recipients.

                550 5.1.1 User unknown in virtual mailbox table

            """.replacingOccurrences(of: "\n", with: "\r\n"))
        let imported = try EdmRun.binary(
            ["bounces", "import", "bounce.eml", "--campaign", "campaign.toml"], in: folder.path, environment: ["PW": "pw"])
        #expect(imported.code == 0, "\(imported.stdout)\(imported.stderr)")
        #expect((folder.read("suppression.txt") ?? "").contains("ann@example.org"))
        #expect(!(folder.read("suppression.txt") ?? "").contains("bob@example.net"))
        #expect(SendTests.states(folder, campaign: "verp")["ann@example.org"] == "failed")
    }
}
