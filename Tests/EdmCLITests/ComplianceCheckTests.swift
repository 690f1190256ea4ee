// edm check's compliance lint on the first rendered message: each rule broken once, and campaigns that pass.
import EdmTestSupport
import Foundation
import Testing

@Suite struct ComplianceCheckTests {
    static let goodHTML = "<p>Hi {{name}}</p>\n<p>{{sender.postal_address}}</p>\n<a href=\"{{unsubscribe_url}}\">Unsubscribe</a>\n"
    static let goodText = "Hi {{name}}\n{{sender.postal_address}}\nUnsubscribe: {{unsubscribe_url}}\n"

    /// A campaign folder; `extra` is appended to campaign.toml.
    static func campaign(
        subject: String = "Hello {{name}}", html: String = goodHTML, text: String = goodText, extra: String = "",
        unsubscribe: String = "mailto = \"u@example.com\""
    ) -> TemporaryDirectory {
        let folder = TemporaryDirectory()
        folder.write("campaign.toml", """
            [campaign]
            id = "lint"
            name = "Lint"
            [sender]
            email = "news@example.com"
            postal_address = "1 Main St & Co, Springfield"
            [recipients]
            file = "r.csv"
            name_column = "name"
            [message]
            subject = "\(subject)"
            html = "m.html"
            text = "m.txt"
            [unsubscribe]
            \(unsubscribe)
            \(extra)

            """)
        folder.write("r.csv", "email,name\nann@example.com,Ann\nbob@example.com,\n")
        folder.write("m.html", html)
        folder.write("m.txt", text)
        return folder
    }

    static let dkimWarning = "campaign.toml: warning: no [dkim]: Gmail and Yahoo require bulk senders to sign with DKIM "
        + "aligned with the From domain; make a key with 'edm dkim keygen' (rule dkim)\n"

    @Test("a compliant campaign passes with only the DKIM warning")
    func passes() {
        let folder = Self.campaign()
        let result = EdmRun.inProcess(["check", "campaign.toml"], in: folder.path)
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stderr == Self.dkimWarning)
        #expect(result.stdout == "campaign.toml: ok: campaign 'lint', outbox transport, 2 of 2 recipients would be mailed\n")
    }

    @Test("a missing unsubscribe link in the HTML part is an error at the template, exit 78")
    func unsubscribeMissingHTML() {
        let folder = Self.campaign(html: "<p>Hi</p>\n<p>{{sender.postal_address}}</p>\n")
        let result = EdmRun.inProcess(["check", "campaign.toml"], in: folder.path)
        #expect(result.code == 78)
        #expect(result.stderr.contains("m.html: error: the HTML part has no unsubscribe link: CAN-SPAM requires a visible "
            + "way to opt out in every message; add {{unsubscribe_url}} (rule unsubscribe-link)\n"), "\(result.stderr)")
        #expect(!result.stderr.contains("m.txt"))
        #expect(result.stdout.isEmpty)
    }

    @Test("a link inside a section that is empty for the first recipient points at its line")
    func unsubscribeInsideSection() {
        let folder = Self.campaign(text: "Hi\n{{sender.postal_address}}\n{{^name}}{{unsubscribe_url}}{{/name}}\n")
        let result = EdmRun.inProcess(["check", "campaign.toml"], in: folder.path)
        #expect(result.code == 78)
        #expect(result.stderr.contains("m.txt:3: error: the text part has no unsubscribe link: CAN-SPAM requires a visible "
            + "way to opt out in every message; {{unsubscribe_url}} is here but did not render for the first recipient "
            + "(inside a section?) (rule unsubscribe-link)\n"), "\(result.stderr)")
    }

    @Test("a missing postal address in the text part is an error; the HTML part may show it escaped")
    func postalAddress() {
        let folder = Self.campaign(text: "Hi\n{{unsubscribe_url}}\n")
        let result = EdmRun.inProcess(["check", "campaign.toml"], in: folder.path)
        #expect(result.code == 78)
        #expect(result.stderr.contains("m.txt: error: the text part does not show the postal address, which CAN-SPAM "
            + "(15 U.S.C. 7704(a)(5)) requires; add {{sender.postal_address}} (rule postal-address)\n"), "\(result.stderr)")
        #expect(!result.stderr.contains("m.html"))
    }

    @Test("require_postal_address = false and require_unsubscribe = false turn the content rules off")
    func rulesOff() {
        let folder = Self.campaign(html: "<p>Hi</p>\n", text: "Hi\n",
                                   extra: "[compliance]\nrequire_postal_address = false\nrequire_unsubscribe = false")
        let result = EdmRun.inProcess(["check", "campaign.toml"], in: folder.path)
        #expect(result.code == 0, "\(result.stderr)")
    }

    @Test("a subject without the configured label is an error at message.subject")
    func subjectLabel() {
        let config = Self.campaign(subject: "Hello",
            extra: "[compliance]\njurisdictions = [\"us\"]\nsubject_label = \"AD\"")
        let result = EdmRun.inProcess(["check", "campaign.toml"], in: config.path)
        #expect(result.code == 78)
        #expect(result.stderr.contains("campaign.toml:11:11: error: 'message.subject' must start with the subject label"))
    }

    @Test("a subject that looks like a reply or forward is a warning at message.subject", arguments: [
        "Re: your order", "FWD: deal", "回复：您的订单", "[AW: x]",
    ])
    func misleadingSubject(subject: String) {
        let folder = Self.campaign(subject: subject)
        let result = EdmRun.inProcess(["check", "campaign.toml"], in: folder.path)
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stderr.contains("campaign.toml:11:1: warning: the subject starts with \""), "\(result.stderr)")
        #expect(result.stderr.contains("CAN-SPAM forbids misleading subject lines (rule misleading-subject)"))
    }

    @Test("an https unsubscribe url with one_click = false warns at the key (Gmail/Yahoo one-click)")
    func oneClickOff() {
        let folder = Self.campaign(unsubscribe: "url = \"https://example.com/u/{email}\"\none_click = false")
        let result = EdmRun.inProcess(["check", "campaign.toml"], in: folder.path)
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stderr.contains("campaign.toml:16:1: warning: no List-Unsubscribe-Post header: Gmail and Yahoo "
            + "require one-click unsubscribe (RFC 8058) from bulk senders; remove 'one_click = false' (rule one-click)\n"),
            "\(result.stderr)")
        let oneClick = Self.campaign(unsubscribe: "url = \"https://example.com/u/{email}\"")
        let passing = EdmRun.inProcess(["check", "campaign.toml"], in: oneClick.path)
        #expect(passing.code == 0, "\(passing.stderr)")
        #expect(passing.stderr == Self.dkimWarning)
    }

    @Test("--quiet hides lint warnings but never errors")
    func quiet() {
        let warnedFolder = Self.campaign(subject: "Re: x")
        let warned = EdmRun.inProcess(["--quiet", "check", "campaign.toml"], in: warnedFolder.path)
        #expect(warned.code == 0)
        #expect(warned.stderr.isEmpty)
        let failedFolder = Self.campaign(text: "Hi\n")
        let failed = EdmRun.inProcess(["--quiet", "check", "campaign.toml"], in: failedFolder.path)
        #expect(failed.code == 78)
        #expect(failed.stderr.contains("(rule unsubscribe-link)"))
    }

    @Test("the example campaign and the starter templates pass the lint")
    func examplesPass() {
        let result = EdmRun.inProcess(["check", "examples/spring-sale/campaign.toml"], in: EdmRun.packageRoot)
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stderr.contains("(rule dkim)"))
        #expect(!result.stderr.contains("error"))
    }
}
