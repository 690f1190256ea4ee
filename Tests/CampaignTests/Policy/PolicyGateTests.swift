// The policy gate: blocklists, allowlists, role accounts, disposable domains and consent defaults per jurisdiction.
import Campaign
import EdmTestSupport
import Foundation
import Testing

@Suite struct PolicyGateTests {
    /// A campaign folder with `extra` TOML appended and `csv` as the recipient list.
    static func campaign(_ extra: String, csv: String, files: [String: String] = [:]) -> TemporaryDirectory {
        let folder = TemporaryDirectory()
        folder.write("campaign.toml", """
            [campaign]
            id = "gate"
            name = "Gate"
            [sender]
            email = "news@example.com"
            postal_address = "1 Main St"
            [recipients]
            file = "r.csv"
            consent_column = "consent"
            [message]
            subject = "AD Hello"
            text = "m.txt"
            [unsubscribe]
            mailto = "u@example.com"
            \(extra)

            """)
        folder.write("r.csv", csv)
        folder.write("m.txt", "Hi\n{{unsubscribe_url}}\n{{sender.postal_address}}\n")
        for (name, text) in files { folder.write(name, text) }
        return folder
    }

    static func prepare(_ folder: TemporaryDirectory) throws -> PreparedCampaign {
        let result = try CampaignLoader.load(path: "campaign.toml", currentDirectory: folder.path, environment: [:])
        let campaign = try #require(result.campaign, "\(result.diagnostics)")
        return try PreparedCampaign(campaign: campaign, environment: [:],
            displayPath: { ($0 as NSString).lastPathComponent })
    }

    /// "email: state (explanation)" for each row.
    static func decisions(_ prepared: PreparedCampaign) throws -> [String] {
        var result: [String] = []
        while let decision = try prepared.next() {
            switch decision {
            case .deliver(let recipient, _, _): result.append("\(recipient.rawEmail): deliver")
            case .skip(let recipient,
                let reason): result.append("\(recipient.rawEmail): \(reason.state) (\(reason.explanation))")
            }
        }
        return result
    }

    @Test("blocked domains and subdomains, role accounts and disposable domains are skipped as blocked")
    func blocklist() throws {
        let folder = Self.campaign("""
            [blocklist]
            domains = ["blocked.example", "*.corp.example"]
            role_accounts = true
            disposable_domains_file = "disposable.txt"
            """, csv: """
            email,consent
            a@blocked.example,yes
            a@sub.blocked.example,yes
            a@x.corp.example,yes
            a@corp.example,yes
            Postmaster@ok.example,yes
            no-reply+tag@ok.example,yes
            info@ok.example,yes
            a@mail.throwaway.example,yes
            ann@ok.example,yes
            """, files: ["disposable.txt": "# disposable domains\nthrowaway.example\n"])
        let found = try Self.decisions(try Self.prepare(folder))
        #expect(found == [
            "a@blocked.example: blocked (blocked domain (blocked.example in [blocklist] domains))",
            "a@sub.blocked.example: deliver",
            "a@x.corp.example: blocked (blocked domain (*.corp.example in [blocklist] domains))",
            "a@corp.example: blocked (blocked domain (*.corp.example in [blocklist] domains))",
            "Postmaster@ok.example: blocked (role account (postmaster@; [blocklist] role_accounts))",
            "no-reply+tag@ok.example: blocked (role account (no-reply@; [blocklist] role_accounts))",
            "info@ok.example: deliver",
            "a@mail.throwaway.example: blocked (disposable domain throwaway.example (disposable.txt:2))",
            "ann@ok.example: deliver",
        ])
    }

    @Test("allow_domains mails only those domains (and subdomains for *. entries)")
    func allowlist() throws {
        let folder = Self.campaign("[blocklist]\nallow_domains = [\"ok.example\", \"*.partner.example\"]", csv: """
            email,consent
            a@ok.example,yes
            a@sub.ok.example,yes
            a@x.partner.example,yes
            a@other.example,yes
            """)
        let found = try Self.decisions(try Self.prepare(folder))
        #expect(found == [
            "a@ok.example: deliver",
            "a@sub.ok.example: blocked (domain sub.ok.example is not in [blocklist] allow_domains)",
            "a@x.partner.example: deliver",
            "a@other.example: blocked (domain other.example is not in [blocklist] allow_domains)",
        ])
    }

    @Test("suppression comes before the blocklist; role accounts are mailed when the option is off")
    func order() throws {
        let folder = Self.campaign("""
            [suppression]
            files = ["s.txt"]
            [blocklist]
            domains = ["blocked.example"]
            """, csv: "email,consent\na@blocked.example,yes\nabuse@ok.example,yes\n",
            files: ["s.txt": "a@blocked.example,unsubscribed,2026-03-20\n"])
        let found = try Self.decisions(try Self.prepare(folder))
        #expect(found == ["a@blocked.example: suppressed (suppressed by s.txt:1)", "abuse@ok.example: deliver"])
    }

    @Test("a disposable-domain file with a bad line stops the run with its line (exit 65 category)")
    func disposableFailsClosed() throws {
        let folder = Self.campaign("[blocklist]\ndisposable_domains_file = \"d.txt\"",
            csv: "email,consent\na@x.example,yes\n",
                                   files: ["d.txt": "ok.example\nnot a domain\n"])
        #expect {
            try Self.prepare(folder)
        } throws: { error in
            guard let failure = error as? CampaignFailure else { return false }
            return failure.category == .badData && failure.diagnostics.map(\.description)
                == ["d.txt:2:1: error: 'not a domain' is not a domain (one domain per line, # comments)"]
        }
    }

    @Test("the [blocklist] section no longer warns that it is not in effect")
    func noNotBuiltWarning() throws {
        let folder = Self.campaign("[blocklist]\nrole_accounts = true", csv: "email,consent\na@x.example,yes\n")
        let result = try CampaignLoader.load(path: "campaign.toml", currentDirectory: folder.path, environment: [:])
        #expect(!result.diagnostics.contains { $0.message.contains("blocklist") })
    }

    @Test("eu and cn require consent by default; us does not; require_consent overrides", arguments: [
        ("[compliance]\njurisdictions = [\"eu\"]", true),
        ("[compliance]\njurisdictions = [\"cn\"]\nsubject_label = \"AD\"", true),
        ("[compliance]\njurisdictions = [\"us\"]", false),
        ("[compliance]\njurisdictions = [\"eu\"]\nrequire_consent = false", false),
        ("", false),
    ])
    func consentDefaults(extra: String, required: Bool) throws {
        let folder = Self.campaign(extra,
            csv: "email,consent\na@x.example,yes\nb@x.example,no\nc@x.example,是\nd@x.example,\n")
        let prepared = try Self.prepare(folder)
        #expect(prepared.campaign.compliance.requireConsent == required)
        let found = try Self.decisions(prepared)
        let skipped = required ? "no-consent (no consent recorded)" : "deliver"
        #expect(found == ["a@x.example: deliver", "b@x.example: \(skipped)", "c@x.example: deliver",
            "d@x.example: \(skipped)"])
    }

    @Test("every documented truthy consent value counts, in any case and with spaces around")
    func truthyValues() throws {
        let rows = ConsentDefaults.truthy.enumerated().map { "u\($0.offset)@x.example, \($0.element.uppercased()) " }
        let folder = Self.campaign("[compliance]\nrequire_consent = true",
            csv: "email,consent\n" + rows.joined(separator: "\n") + "\n")
        let found = try Self.decisions(try Self.prepare(folder))
        #expect(found.count == ConsentDefaults.truthy.count)
        #expect(found.allSatisfy { $0.hasSuffix(": deliver") }, "\(found)")
    }

    @Test("role accounts: the documented list, case and +tag insensitive; info@ and support@ are not roles")
    func roleAccounts() {
        for name in ["postmaster", "abuse", "hostmaster", "webmaster", "noreply", "no-reply", "admin",
            "mailer-daemon"] {
            #expect(RoleAccounts.match(localPart: name.uppercased() + "+x") == name)
        }
        for name in ["info", "support", "sales", "ann", "abuser"] {
            #expect(RoleAccounts.match(localPart: name) == nil)
        }
    }
}
