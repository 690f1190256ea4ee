// Unsubscribe tokens: made as documented (checked with Python's hmac), verified, rejected when altered.
import EdmTestSupport
import Foundation
import Testing

@Suite struct UnsubscribeTokenTests {
    /// HMAC-SHA256(secret, "campaign\nkey"), first 16 bytes in hex, computed by Python (an independent implementation).
    static func token(secret: String, campaign: String, key: String) throws -> String {
        let result = try Python.run(["-c", """
            import hmac, hashlib, sys
            print(hmac.new(sys.argv[1].encode(), (sys.argv[2] + "\\n" + sys.argv[3]).encode(), hashlib.sha256).hexdigest()[:32])
            """, secret, campaign, key])
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func campaign(id: String) -> TemporaryDirectory {
        let folder = TemporaryDirectory()
        folder.write("suppression.txt", "# list\n")
        TestCampaign.write(
            in: folder, id: id, recipients: ["ann@example.org", "bob@example.net"],
            extra: "[suppression]\nfiles = [\"suppression.txt\"]\n")
        // One-click URL with a token and a secret from the environment.
        let text = (folder.read("campaign.toml") ?? "").replacingOccurrences(
            of: "[unsubscribe]\nmailto = \"u@example.com\"",
            with: "[unsubscribe]\nmailto = \"u@example.com\"\nurl = \"https://example.com/u/{token}\"\nsecret_env = \"UNSUB\"")
        folder.write("campaign.toml", text)
        return folder
    }

    @Test("the token in List-Unsubscribe is the documented HMAC; verify finds its recipient; altered tokens fail")
    func verify() throws {
        let folder = Self.campaign(id: "tok")
        let environment = ["UNSUB": "s3cret"]
        let good = try Self.token(secret: "s3cret", campaign: "tok", key: "ann@example.org")
        #expect(good.count == 32)

        let preview = try EdmRun.binary(["preview", "campaign.toml", "--out", "p", "--row", "2"], in: folder.path, environment: environment)
        #expect(preview.code == 0, "\(preview.stderr)")
        let eml = folder.read("p/0001-line-2.eml") ?? ""
        #expect(eml.contains("<https://example.com/u/\(good)>"))
        #expect(eml.contains("subject=unsubscribe-\(good)>"))
        #expect(eml.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"))

        let ok = try EdmRun.binary(["unsubscribe", "verify", good, "--campaign", "campaign.toml"], in: folder.path, environment: environment)
        #expect(ok.code == 0, "\(ok.stderr)")
        #expect(ok.stdout == "\(good) ann@example.org\n")

        var tampered = Array(good)
        tampered[5] = tampered[5] == "0" ? "1" : "0"
        let otherCampaign = try Self.token(secret: "s3cret", campaign: "other", key: "ann@example.org")
        let otherSecret = try Self.token(secret: "not-the-secret", campaign: "tok", key: "ann@example.org")
        for bad in [String(tampered), String(good.dropLast(2)), otherCampaign, otherSecret, "zz" + good.dropFirst(2)] {
            let result = try EdmRun.binary(["unsubscribe", "verify", bad, "--campaign", "campaign.toml"], in: folder.path, environment: environment)
            #expect(result.code == 1, "accepted \(bad)")
            #expect(result.stdout.isEmpty)
        }
    }

    @Test("import takes tokens out of log lines and suppresses exactly their recipients")
    func importLog() throws {
        let folder = Self.campaign(id: "tok")
        let environment = ["UNSUB": "s3cret"]
        let bob = try Self.token(secret: "s3cret", campaign: "tok", key: "bob@example.net")
        let forged = try Self.token(secret: "guess", campaign: "tok", key: "ann@example.org")
        folder.write("access.log", """
            127.0.0.1 - - [29/Nov/2026:10:00:00 +0000] "POST /u/\(bob) HTTP/1.1" 200 0
            127.0.0.1 - - [29/Nov/2026:10:00:01 +0000] "POST /u/\(forged) HTTP/1.1" 200 0
            127.0.0.1 - - [29/Nov/2026:10:00:02 +0000] "POST /u/\(bob) HTTP/1.1" 200 0

            """)
        let result = try EdmRun.binary(["unsubscribe", "import", "access.log", "--campaign", "campaign.toml"], in: folder.path, environment: environment)
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stdout.contains("2 valid tokens, 1 recipients added"))
        #expect(result.stdout.contains("1 rejected"))
        let list = folder.read("suppression.txt") ?? ""
        #expect(list.contains("bob@example.net,unsubscribe,"))
        #expect(!list.contains("ann@example.org"))
        // The same through edm suppress import --tokens: idempotent, nothing new.
        let again = try EdmRun.binary(
            ["suppress", "import", "access.log", "--tokens", "--campaign", "campaign.toml"], in: folder.path, environment: environment)
        #expect(again.code == 0, "\(again.stderr)")
        #expect(again.stdout.contains("2 valid tokens, 0 recipients added"))
        // The next send skips Bob.
        let send = try EdmRun.binary(["send", "campaign.toml"], in: folder.path, environment: environment)
        #expect(send.stdout.contains("1 sent, 1 suppressed"), "\(send.stdout)\(send.stderr)")
    }
}

@Suite struct CampaignKindTests {
    @Test("kind = \"transactional\": no one-click header, and no unsubscribe or postal address required")
    func transactional() throws {
        let folder = TemporaryDirectory()
        folder.write("r.csv", "email\nann@example.org\n")
        folder.write("m.txt", "Your receipt.\n")
        folder.write("campaign.toml", """
            [campaign]
            id = "receipts"
            name = "Receipts"
            kind = "transactional"
            [sender]
            email = "billing@example.com"
            [recipients]
            file = "r.csv"
            [message]
            subject = "Your receipt"
            text = "m.txt"
            [unsubscribe]
            url = "https://example.com/u/{token}"
            secret_env = "UNSUB"

            """)
        let environment = ["UNSUB": "s"]
        let check = try EdmRun.binary(["check", "campaign.toml"], in: folder.path, environment: environment)
        #expect(check.code == 0, "\(check.stderr)")
        #expect(try EdmRun.binary(["preview", "campaign.toml", "--out", "p"], in: folder.path, environment: environment).code == 0)
        let eml = folder.read("p/0001-line-2.eml") ?? ""
        #expect(eml.contains("List-Unsubscribe: <https://example.com/u/"))
        #expect(!eml.contains("List-Unsubscribe-Post"))
        // The same campaign as marketing mail fails check: no postal address.
        folder.write("campaign.toml", (folder.read("campaign.toml") ?? "").replacingOccurrences(of: "kind = \"transactional\"\n", with: ""))
        #expect(try EdmRun.binary(["check", "campaign.toml"], in: folder.path, environment: environment).code == 78)
    }
}
