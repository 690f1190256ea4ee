// Tests of campaign.toml loading: every rule of docs/campaign.md that can fail, with its exact message.
import Campaign
import EdmTestSupport
import Foundation
import Testing

@Suite struct CampaignLoaderTests {
    /// A minimal valid campaign; tests append or replace lines.
    static let minimal = """
        [campaign]
        id = "test-1"
        name = "Test"

        [sender]
        email = "news@example.com"
        postal_address = "1 Main St, Springfield"

        [recipients]
        file = "r.csv"

        [message]
        subject = "Hello"
        text = "m.txt"

        [unsubscribe]
        mailto = "unsubscribe@example.com"

        """

    func load(_ text: String, environment: [String: String] = [:], extraFiles: [String: String] = [:]) -> (
        CampaignLoader.Result, TemporaryDirectory
    ) {
        let folder = TemporaryDirectory()
        folder.write("r.csv", "email\na@example.com\n")
        folder.write("m.txt", "hi\n")
        for (name, body) in extraFiles { folder.write(name, body) }
        folder.write("campaign.toml", text)
        let result = CampaignLoader.load(
            bytes: Array(text.utf8), file: "campaign.toml", baseDirectory: folder.path, environment: environment)
        return (result, folder)
    }

    /// The errors (not warnings) loading `text` reports.
    func messages(_ text: String, environment: [String: String] = [:]) -> [String] {
        load(text, environment: environment).0.diagnostics.filter { $0.severity == .error }.map(\.description)
    }

    @Test("a minimal campaign is valid, with defaults filled in")
    func minimalIsValid() throws {
        let (result, folder) = load(Self.minimal)
        #expect(result.diagnostics.isEmpty)
        let campaign = try #require(result.campaign)
        #expect(campaign.id == "test-1")
        #expect(campaign.recipients.file == folder.file("r.csv"))
        #expect(campaign.recipients.emailColumn == "email")
        #expect(campaign.transport.kind == .outbox)
        #expect(campaign.transport.outboxDirectory == folder.file("outbox"))
        #expect(campaign.journal.path == folder.file(".edm/test-1.journal"))
        #expect(campaign.retry.maxAge == ConfigDuration(seconds: 3 * 86400))
        #expect(campaign.message.strict)
    }

    @Test("an unknown key is an error with a suggestion and its position")
    func unknownKeySuggests() {
        let text = Self.minimal.replacingOccurrences(of: "subject = \"Hello\"", with: "subjet = \"Hello\"")
        #expect(messages(text) == [
            "campaign.toml:12:1: error: missing required key 'subject' in [message]",
            "campaign.toml:13:1: error: unknown key 'subjet' in [message] (did you mean 'subject'?)",
        ])
    }

    @Test("an unknown section is an error")
    func unknownSection() {
        #expect(messages(Self.minimal + "[smpt]\nhost = \"x\"\n") == [
            "campaign.toml:18:2: error: unknown key 'smpt' in the top level (did you mean 'smtp'?)"
        ])
    }

    @Test("wrong types name the key, the expected and the found type")
    func wrongTypes() {
        let text = Self.minimal + """
            [[smtp.relay]]
            host = "smtp.example.com"
            port = "587"

            [retry]
            max_attempts = 3.5

            """
        #expect(load(text).0.diagnostics.map(\.description) == [
            "campaign.toml:20:8: error: 'smtp.relay[1].port' must be a whole number, not a string",
            "campaign.toml:23:16: error: 'retry.max_attempts' must be a whole number, not a float",
        ])
    }

    @Test("missing required sections are reported together")
    func missingSections() {
        #expect(messages("[campaign]\nid = \"x\"\nname = \"X\"\n") == [
            "campaign.toml: error: an unsubscribe method is required: set 'unsubscribe.url' (one-click, RFC 8058) and/or 'unsubscribe.mailto'; bulk senders must offer it (Gmail and Yahoo sender rules, CAN-SPAM)",
            "campaign.toml:1:1: error: missing required key 'sender' in the top level",
            "campaign.toml:1:1: error: missing required key 'recipients' in the top level",
            "campaign.toml:1:1: error: missing required key 'message' in the top level",
        ])
    }

    @Test("a literal password is refused and the secret keys are suggested")
    func literalPasswordRefused() {
        let text = Self.minimal + """
            [[smtp.relay]]
            host = "smtp.example.com"
            username = "me"
            password = "hunter2"

            """
        let found = messages(text)
        #expect(found.contains(
            "campaign.toml:21:1: error: never write a secret in the campaign file: replace 'smtp.relay[1].password' "
                + "with 'password_env', 'password_file' or 'password_command'"))
        #expect(found.contains(
            "campaign.toml:20:12: error: 'smtp.relay[1].username' needs a password: set 'password_env', 'password_file' or 'password_command'"))
        #expect(!found.joined().contains("hunter2"), "the secret itself must never be echoed")
    }

    @Test("a password environment variable must be set")
    func passwordEnvironmentMustBeSet() {
        let text = Self.minimal + """
            [[smtp.relay]]
            host = "smtp.example.com"
            username = "me"
            password_env = "EDM_TEST_PASSWORD"

            """
        #expect(messages(text).contains(
            "campaign.toml:21:16: error: environment variable EDM_TEST_PASSWORD (from 'smtp.relay[1].password_env') is not set"))
        #expect(!messages(text, environment: ["EDM_TEST_PASSWORD": "s3cret"]).contains { $0.contains("error") })
    }

    @Test("a secret file readable by others is refused with the chmod to run")
    func secretFilePermissions() throws {
        let folder = TemporaryDirectory()
        folder.write("r.csv", "email\n")
        folder.write("m.txt", "hi\n")
        let secretPath = folder.write("pass.txt", "s3cret\n", mode: 0o644)
        let text = Self.minimal + "[[smtp.relay]]\nhost = \"smtp.example.com\"\nusername = \"me\"\npassword_file = \"pass.txt\"\n"
        var result = CampaignLoader.load(bytes: Array(text.utf8), file: "c.toml", baseDirectory: folder.path, environment: [:])
        #expect(result.diagnostics.map(\.description).contains(
            "c.toml:21:17: error: 'smtp.relay[1].password_file': '\(secretPath)' is readable by group or others (mode 644); run: chmod 600 '\(secretPath)'"))
        chmod(secretPath, 0o600)
        result = CampaignLoader.load(bytes: Array(text.utf8), file: "c.toml", baseDirectory: folder.path, environment: [:])
        let campaign = try #require(result.campaign)
        let secret = try #require(campaign.transport.smtp?.relays.first?.password)
        #expect(try secret.resolve(environment: [:]).value == "s3cret")
        #expect("\(try secret.resolve(environment: [:]))" == "<redacted>")
    }

    @Test("paths are resolved against the campaign folder and must exist")
    func missingFiles() {
        let text = Self.minimal.replacingOccurrences(of: "text = \"m.txt\"", with: "text = \"missing.txt\"")
        let (result, folder) = load(text)
        #expect(result.diagnostics.filter { $0.severity == .error }.map(\.description) == [
            "campaign.toml:14:8: error: 'message.text': file 'missing.txt' does not exist (looked for \(folder.file("missing.txt")))"
        ])
    }

    @Test("header-bound values may not contain line breaks or NUL")
    func injectionInConfig() {
        let text = Self.minimal.replacingOccurrences(of: "subject = \"Hello\"", with: "subject = \"Hello\\r\\nBcc: x@evil.example\"")
        #expect(messages(text) == ["campaign.toml:13:11: error: 'message.subject' must be a single line (it contains a line break)"])
        let nul = Self.minimal.replacingOccurrences(of: "name = \"Test\"", with: "name = \"Te\\u0000st\"")
        #expect(messages(nul) == ["campaign.toml:3:8: error: 'campaign.name' contains a NUL character"])
        let header = Self.minimal + "[message.headers]\n\"X-Bad\" = \"a\\nb\"\n\"Bad Name\" = \"v\"\n\"Subject\" = \"x\"\n"
        #expect(messages(header) == [
            "campaign.toml:19:11: error: 'message.headers.X-Bad' must be a single line (it contains a line break)",
            "campaign.toml:20:1: error: 'message.headers': \"Bad Name\" is not a valid header name (RFC 5322 §3.6.8: printable ASCII, no ':' or space)",
            "campaign.toml:21:1: error: 'message.headers': edm writes Subject itself; set it through the campaign keys instead",
        ])
    }

    @Test("durations, rates and choices are validated")
    func durationsRatesChoices() {
        let text = Self.minimal + """
            [throttle]
            rate = "fast"
            domains = { "qq.com" = "5/s", "163.com" = { rate = "2/s", max_connections = 2 }, "bad" = "1/s" }

            [retry]
            max_age = "3 days"

            [recipients2]

            """
        let found = messages(text)
        #expect(found.contains(
            "campaign.toml:19:8: error: 'throttle.rate' is not a rate: \"fast\" (write e.g. \"50/s\", \"3000/min\", \"10000/h\", \"200000/day\")"))
        #expect(found.contains("campaign.toml:20:82: error: 'throttle.domains': \"bad\" is not a domain"))
        #expect(found.contains(
            "campaign.toml:23:11: error: 'retry.max_age' is not a duration: \"3 days\" (write e.g. \"30s\", \"5m\", \"2h\", \"3d\")"))
        #expect(found.contains("campaign.toml:25:2: error: unknown key 'recipients2' in the top level (did you mean 'recipients'?)"))
    }

    @Test("TOML syntax errors carry their position")
    func syntaxError() {
        let (result, _) = load("[campaign]\nid = = 3\n")
        #expect(result.campaign == nil)
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.line == 2)
        #expect(result.diagnostics.first?.sourceLine == "id = = 3")
    }

    @Test("cn jurisdiction requires consent and a subject label; eu requires consent")
    func jurisdictionRules() {
        let text = Self.minimal + "[compliance]\njurisdictions = [\"cn\"]\n"
        #expect(messages(text) == [
            "campaign.toml:9:1: error: compliance requires consent (jurisdiction cn or 'compliance.require_consent'), so set 'recipients.consent_column'",
            "campaign.toml:18:2: error: China's rules on commercial email require a label such as \"广告\" or \"AD\" at the start of the subject: set 'compliance.subject_label'",
        ])
        let labelled = Self.minimal.replacingOccurrences(of: "file = \"r.csv\"", with: "file = \"r.csv\"\nconsent_column = \"consent\"")
            + "[compliance]\njurisdictions = [\"cn\"]\nsubject_label = \"广告\"\n"
        #expect(messages(labelled) == [
            "campaign.toml:14:11: error: 'message.subject' must start with the subject label \"广告\" ('compliance.subject_label')"
        ])
    }

    @Test("the postal address and an unsubscribe method are required by default")
    func complianceDefaults() {
        let text = Self.minimal
            .replacingOccurrences(of: "postal_address = \"1 Main St, Springfield\"\n", with: "")
            .replacingOccurrences(of: "[unsubscribe]\nmailto = \"unsubscribe@example.com\"\n", with: "")
        #expect(messages(text) == [
            "campaign.toml:5:1: error: 'sender.postal_address' is required: commercial mail must carry the sender's postal address (CAN-SPAM 15 U.S.C. 7704(a)(5)); set it, or compliance.require_postal_address = false",
            "campaign.toml:11:1: error: an unsubscribe method is required: set 'unsubscribe.url' (one-click, RFC 8058) and/or 'unsubscribe.mailto'; bulk senders must offer it (Gmail and Yahoo sender rules, CAN-SPAM)",
        ])
    }

    @Test("plaintext AUTH is refused unless explicitly allowed", arguments: [false, true])
    func plaintextAuth(allowed: Bool) {
        let text = Self.minimal + """
            [[smtp.relay]]
            host = "127.0.0.1"
            tls = "insecure-plaintext"
            username = "me"
            password_env = "P"
            insecure_auth_over_plaintext = \(allowed)

            """
        let errors = messages(text, environment: ["P": "x"]).filter { $0.contains("error:") }
        if allowed {
            #expect(errors.isEmpty)
        } else {
            #expect(errors == [
                "campaign.toml:20:7: error: credentials are never sent without TLS; use tls = \"starttls\" or, for a loopback relay only, insecure_auth_over_plaintext = true"
            ])
        }
    }

    @Test("the campaign id must be usable as a file name")
    func campaignID() {
        let text = Self.minimal.replacingOccurrences(of: "id = \"test-1\"", with: "id = \"../Evil\"")
        #expect(messages(text) == [
            "campaign.toml:2:6: error: 'campaign.id' must be 1 to 64 characters of a-z, 0-9, '.', '_' or '-' (it names files), not \"../Evil\""
        ])
    }
}

@Suite struct CampaignSectionTests {
    func errors(_ extra: String, files: [String: (String, Int)] = [:], environment: [String: String] = [:]) -> (
        [String], TemporaryDirectory
    ) {
        let folder = TemporaryDirectory()
        folder.write("r.csv", "email\n")
        folder.write("m.txt", "hi\n")
        for (name, (body, mode)) in files { folder.write(name, body, mode: mode) }
        let text = CampaignLoaderTests.minimal + extra
        let result = CampaignLoader.load(
            bytes: Array(text.utf8), file: "c.toml", baseDirectory: folder.path, environment: environment)
        return (result.diagnostics.filter { $0.severity == .error }.map(\.description), folder)
    }

    @Test("a missing suppression list is an error at check time (fail closed)")
    func suppressionMissing() {
        let (found, folder) = errors("[suppression]\nfiles = [\"gone.txt\"]\n")
        #expect(found == ["c.toml:19:9: error: 'suppression.files': file 'gone.txt' does not exist (looked for \(folder.file("gone.txt")))"])
    }

    @Test("dkim needs a key, a domain, and a private key file")
    func dkim() {
        var (found, _) = errors("[dkim]\nselector = \"s1\"\n")
        #expect(found == [
            "c.toml:18:1: error: missing required key 'key_file' in [dkim]",
            "c.toml:18:1: error: [dkim] needs a key: 'selector' and 'key_file', or one or two [[dkim.key]] tables",
            "c.toml:18:1: error: missing required key 'domain' in [dkim]",
        ])
        let key = "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n"
        (found, _) = errors(
            "[dkim]\ndomain = \"example.com\"\nselector = \"s1\"\nkey_file = \"k.pem\"\nalgorithm = \"rsa-sha1\"\n",
            files: ["k.pem": (key, 0o644)])
        #expect(found.count == 2)
        #expect(found.contains { $0.hasPrefix("c.toml:21:12: error: 'dkim.key_file': '") && $0.hasSuffix("k.pem'") })
        #expect(found.contains("c.toml:22:13: error: 'dkim.algorithm' must be one of \"rsa-sha256\", \"ed25519-sha256\""))
    }

    @Test("journal.hash_addresses needs a key")
    func journalHash() {
        let (found, _) = errors("[journal]\nhash_addresses = true\n")
        #expect(found == [
            "c.toml:19:18: error: 'journal.hash_addresses' needs a key: set 'hash_key_env', 'hash_key_file' or 'hash_key_command'"
        ])
    }

    @Test("only one source per secret")
    func oneSecretSource() {
        let (found, _) = errors(
            "[unsubscribe.x]\n", environment: [:])
        #expect(found == ["c.toml:18:14: error: unknown key 'x' in [unsubscribe]; see docs/campaign.md for the keys it takes"])
        let (twice, _) = errors(
            "[journal]\nhash_key_env = \"K\"\nhash_key_command = \"echo k\"\n", environment: ["K": "k"])
        #expect(twice == ["c.toml:20:20: error: give only one of 'journal.hash_key_env', 'journal.hash_key_command'"])
    }

    @Test("guards are fractions between 0 and 1")
    func guards() {
        let (found, _) = errors("[guards]\nmax_hard_bounce_rate = 5\n")
        #expect(found == ["c.toml:19:24: error: 'guards.max_hard_bounce_rate' must be between 0.0 and 1.0"])
    }

    @Test("guards: min_sample may not exceed window; the new keys are read with their defaults")
    func guardKeys() throws {
        let (found, _) = errors("[guards]\nwindow = 50\nmin_sample = 100\n")
        #expect(found == [
            "c.toml:20:14: error: 'guards.min_sample' (100) must not exceed 'guards.window' (50): the rate guards could never trip"
        ])
        let (none, _) = errors("[guards]\nmax_connection_failures = 3\nconfirm_above = 0\n[notify]\ncommand = \"true\"\n")
        #expect(none.isEmpty)
        let (notify, _) = errors("[notify]\ntimeout = \"5s\"\n")
        #expect(notify == ["c.toml:18:1: error: missing required key 'command' in [notify]"])
    }

    @Test("the smtp transport needs a relay")
    func smtpNeedsRelay() {
        let (found, _) = errors("[transport]\nkind = \"smtp\"\n")
        #expect(found == ["c.toml:19:8: error: the smtp transport needs at least one [[smtp.relay]] with a host"])
    }

    @Test("send_window must name a real time zone")
    func sendWindow() {
        let text = CampaignLoaderTests.minimal.replacingOccurrences(
            of: "name = \"Test\"", with: "name = \"Test\"\nsend_window = \"09:00-20:00 Mars/Olympus\"")
        let folder = TemporaryDirectory()
        folder.write("r.csv", "email\n")
        folder.write("m.txt", "hi\n")
        let result = CampaignLoader.load(bytes: Array(text.utf8), file: "c.toml", baseDirectory: folder.path, environment: [:])
        #expect(result.diagnostics.filter { $0.severity == .error }.map(\.description) == [
            "c.toml:4:15: error: 'campaign.send_window' must look like \"09:00-20:00 Asia/Shanghai\" (start-end, then a time zone), not \"09:00-20:00 Mars/Olympus\""
        ])
    }
}
