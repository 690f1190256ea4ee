// edm check's content rules (text part, size, image-only, deceptive links, shorteners, subject style), --json
// and --spamassassin: each rule broken once, and campaigns that pass.
import EdmTestSupport
import Foundation
import Testing

@Suite struct ContentLintTests {
    static let postal = "<p>{{sender.postal_address}}</p>\n<a href=\"{{unsubscribe_url}}\">Unsubscribe</a>\n"

    /// `ComplianceCheckTests.campaign` (subject on line 11, html on line 12 of campaign.toml), optionally
    /// without the `text` key.
    static func campaign(subject: String = "Hello {{name}}", html: String = ComplianceCheckTests.goodHTML,
                         withText: Bool = true, extra: String = "") -> TemporaryDirectory {
        let folder = ComplianceCheckTests.campaign(subject: subject, html: html, extra: extra)
        if !withText {
            let path = folder.path + "/campaign.toml"
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            folder.write("campaign.toml", text.replacingOccurrences(of: "text = \"m.txt\"\n", with: ""))
        }
        return folder
    }

    static func check(_ folder: TemporaryDirectory, _ options: [String] = [],
                      environment: [String: String] = [:]) -> EdmResult {
        EdmRun.inProcess(["check"] + options + ["campaign.toml"], in: folder.path, environment: environment)
    }

    @Test("HTML without a text template warns at message.html; a text template passes")
    func textPart() {
        let result = Self.check(Self.campaign(withText: false))
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stderr.contains("campaign.toml:12:1: warning: the message has HTML but no text template: edm "
            + "generates the text part from the HTML, but a hand-written one reads better; write one and set "
            + "'message.text' (rule text-part)\n"), "\(result.stderr)")
        #expect(Self.check(Self.campaign()).stderr == ComplianceCheckTests.dkimWarning)
    }

    @Test("a message over 102 KB warns (Gmail clips it); a small one passes")
    func sizeClip() {
        let big = ComplianceCheckTests.goodHTML + "<p>" + String(repeating: "spring sale ", count: 9_000) + "</p>\n"
        let result = Self.check(Self.campaign(html: big))
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stderr.contains("campaign.toml:12:1: warning: the message is "), "\(result.stderr)")
        #expect(result.stderr.contains("KB: Gmail clips messages over 102 KB, hiding the rest (and the unsubscribe "
            + "link) behind a link; shorten the HTML or inline less CSS (rule size-clip)\n"))
        #expect(!Self.check(Self.campaign()).stderr.contains("size-"))
    }

    @Test("a message over 10 MB is an error, exit 78")
    func sizeMax() {
        let folder = Self.campaign(extra: "")
        let toml = (try? String(contentsOfFile: folder.path + "/campaign.toml", encoding: .utf8)) ?? ""
        folder.write("campaign.toml", toml.replacingOccurrences(
            of: "text = \"m.txt\"\n", with: "text = \"m.txt\"\nattachments = [\"big.bin\"]\n"))
        folder.write("big.bin", String(repeating: "0123456789abcdef", count: 512 * 1024))
        let result = Self.check(folder)
        #expect(result.code == 78)
        #expect(result.stderr.contains("KB, over the 10 MB maximum that mailbox providers accept; link to large "
            + "files instead of attaching them (rule size-max)\n"), "\(result.stderr)")
    }

    static let lintOff = "[compliance]\nrequire_postal_address = false\nrequire_unsubscribe = false"

    @Test("image-only HTML warns at the first <img>; images with text pass")
    func imageOnly() {
        let html = "<html><head><style>p { color: red }</style></head>\n<body><img src=\"https://example.com/a.png\" "
            + "alt=\"sale\">\n<p>Hi {{name}}</p></body></html>\n"
        let result = Self.check(Self.campaign(html: html, extra: Self.lintOff))
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stderr.contains("m.html:2:7: warning: the HTML is image-only (5 visible characters): spam "
            + "filters distrust it and readers with images off see nothing; add the message as text too "
            + "(rule image-only)\n"), "\(result.stderr)")
        let withText = html.replacingOccurrences(of: "<p>Hi {{name}}</p>", with: "<p>Hi {{name}}, our spring sale starts today.</p>")
        #expect(!Self.check(Self.campaign(html: withText, extra: Self.lintOff)).stderr.contains("image-only"))
    }

    @Test("link text showing another host than its href is an error at the template line", arguments: [
        "https://b.example/offer", "www.b.example", "b.example/offer", "HTTP://B.EXAMPLE",
    ])
    func deceptiveLink(shown: String) {
        let html = ComplianceCheckTests.goodHTML + "<p><a href=\"https://a.example/x\">\(shown)</a></p>\n"
        let result = Self.check(Self.campaign(html: html))
        #expect(result.code == 78)
        #expect(result.stderr.contains("m.html:4:"), "\(result.stderr)")
        #expect(result.stderr.contains(" but the link goes to a.example: a deceptive link (phishing filters reject "
            + "it); show the real address or use words (rule deceptive-link)\n"), "\(result.stderr)")
    }

    @Test("link text with the href's own host, or words, passes", arguments: [
        "https://a.example/other", "www.a.example", "a.example", "Read more", "Version 2.0 notes",
    ])
    func honestLink(shown: String) {
        let html = ComplianceCheckTests.goodHTML + "<p><a href=\"https://www.a.example/x\">\(shown)</a></p>\n"
        let result = Self.check(Self.campaign(html: html))
        #expect(result.code == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("deceptive-link"))
    }

    @Test("a URL shortener in an href warns at its line", arguments: ["https://bit.ly/abc", "http://t.cn/x",
        "https://www.tinyurl.com/y"])
    func shortener(href: String) {
        let html = ComplianceCheckTests.goodHTML + "<p><a href=\"\(href)\">our offer</a></p>\n"
        let result = Self.check(Self.campaign(html: html))
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stderr.contains("m.html:4:"), "\(result.stderr)")
        #expect(result.stderr.contains("spam filters distrust shorteners because they hide the destination; link to "
            + "the real URL (rule url-shortener)\n"))
    }

    @Test("a look-alike of a shortener's domain passes")
    func notShortener() {
        let html = ComplianceCheckTests.goodHTML + "<p><a href=\"https://notbit.ly/abc\">our offer</a></p>\n"
        #expect(!Self.check(Self.campaign(html: html)).stderr.contains("url-shortener"))
    }

    @Test("an all-caps subject warns at message.subject", arguments: ["HUGE SPRING SALE TODAY", "BIG SALE ON ALL SHOES now"])
    func allCaps(subject: String) {
        let result = Self.check(Self.campaign(subject: subject))
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stderr.contains("campaign.toml:11:1: warning: the subject is in capitals ("), "\(result.stderr)")
        #expect(result.stderr.contains("spam filters score shouting; write it in sentence case (rule all-caps-subject)\n"))
    }

    @Test("sentence case, short capitals and CJK subjects pass", arguments: [
        "Huge spring sale today", "NEW: Spring sale", "SALE 春季大促全场八折", "AD 春季大促",
    ])
    func notAllCaps(subject: String) {
        #expect(!Self.check(Self.campaign(subject: subject)).stderr.contains("all-caps-subject"))
    }

    @Test("runs of ! or more than three warn", arguments: ["Sale!!", "Sale！！ now", "Big! sale! now! go!"])
    func exclamations(subject: String) {
        let result = Self.check(Self.campaign(subject: subject))
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stderr.contains("campaign.toml:11:1: warning: the subject has "), "\(result.stderr)")
        #expect(result.stderr.contains("spam filters score runs of exclamation marks; use one at most "
            + "(rule exclamation-subject)\n"))
    }

    @Test("one or three separate ! pass", arguments: ["Sale!", "Sale! Now! Go!"])
    func fewExclamations(subject: String) {
        #expect(!Self.check(Self.campaign(subject: subject)).stderr.contains("exclamation-subject"))
    }

    @Test("--json prints each finding as one JSON object per line on stdout, exit codes unchanged")
    func json() {
        let passing = Self.check(Self.campaign(), ["--json"])
        #expect(passing.code == 0, "\(passing.stderr)")
        #expect(passing.stdout == "{\"file\":\"campaign.toml\",\"line\":0,\"column\":0,\"severity\":\"warning\","
            + "\"rule\":\"dkim\",\"message\":\"no [dkim]: Gmail and Yahoo require bulk senders to sign with DKIM "
            + "aligned with the From domain; make a key with 'edm dkim keygen'\"}\n")
        #expect(passing.stderr.isEmpty)

        let failing = Self.check(Self.campaign(subject: "Sale!!", html: "<p>Hi</p>\n"), ["--json"])
        #expect(failing.code == 78)
        let lines = failing.stdout.split(separator: "\n")
        #expect(lines.count == 4, "\(failing.stdout)")
        #expect(lines.allSatisfy { $0.hasPrefix("{\"file\":") && $0.hasSuffix("\"}") })
        #expect(failing.stdout.contains("{\"file\":\"m.html\",\"line\":0,\"column\":0,\"severity\":\"error\","
            + "\"rule\":\"unsubscribe-link\",\"message\":\"the HTML part has no unsubscribe link: CAN-SPAM requires "
            + "a visible way to opt out in every message; add {{unsubscribe_url}}\"}\n"), "\(failing.stdout)")
        #expect(failing.stdout.contains("{\"file\":\"campaign.toml\",\"line\":11,\"column\":1,\"severity\":\"warning\","
            + "\"rule\":\"exclamation-subject\","))

        let badConfig = Self.campaign()
        badConfig.write("campaign.toml", "[campaign]\nid = \"x\"\n")
        let config = Self.check(badConfig, ["--json"])
        #expect(config.code == 78)
        #expect(config.stdout.contains("\"severity\":\"error\",\"rule\":null,\"message\":"), "\(config.stdout)")
        #expect(!config.stdout.contains("found; nothing was sent"))
    }

    @Test("--spamassassin without spamassassin on PATH is a warning, not an error")
    func spamAssassinMissing() {
        let result = Self.check(Self.campaign(), ["--spamassassin"], environment: ["PATH": "/nonexistent"])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stderr.contains("campaign.toml: warning: spamassassin is not on PATH, so no message was scored; "
            + "install it (Debian: apt-get install spamassassin) (rule spamassassin)\n"), "\(result.stderr)")
    }

    static let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"

    @Test("--spamassassin scores each rendered message; a score of 5 or more warns")
    func spamAssassin() {
        let result = Self.check(Self.campaign(), ["--spamassassin"], environment: ["PATH": Self.path])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stdout.contains("spamassassin: message 1 (ann@example.com): score "), "\(result.stdout)")
        #expect(result.stdout.contains("spamassassin: message 2 (bob@example.com): score "))
        #expect(!result.stderr.contains("rule spamassassin"), "\(result.stderr)")

        let gtube = ComplianceCheckTests.goodHTML
            + "<p>XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X</p>\n"
        let spam = Self.check(Self.campaign(html: gtube), ["--spamassassin"], environment: ["PATH": Self.path])
        #expect(spam.code == 0, "\(spam.stderr)")
        #expect(spam.stdout.contains("GTUBE"), "\(spam.stdout)")
        #expect(spam.stderr.contains("campaign.toml: warning: message 1 (ann@example.com) scores "), "\(spam.stderr)")
        #expect(spam.stderr.contains("at or above its spam threshold of 5.0 (rules "))
    }
}
