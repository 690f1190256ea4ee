// TestCampaign: the smallest valid campaign file, for tests that add only what they are about.
import Foundation

/// A campaign that passes `edm check`: sender with postal address, `r.csv`, a text template `m.txt` with the
/// unsubscribe link and postal address (the compliance lint wants both), and an unsubscribe mailto.
public enum TestCampaign {
    /// A text template that satisfies the compliance lint.
    public static let messageText = "Hello {{email}}\n\n{{sender.postal_address}}\nUnsubscribe: {{unsubscribe_url}}\n"

    /// The campaign file: `campaignKeys` go into `[campaign]`, `extra` (sections) at the end.
    public static func text(id: String, campaignKeys: String = "", extra: String = "") -> String {
        """
        [campaign]
        id = "\(id)"
        name = "\(id)"
        \(campaignKeys)
        [sender]
        email = "news@example.com"
        postal_address = "1 Main St"
        [recipients]
        file = "r.csv"
        [message]
        subject = "Hi"
        text = "m.txt"
        [unsubscribe]
        mailto = "u@example.com"
        \(extra)

        """
    }

    /// Writes campaign.toml, r.csv (an `email` column) and m.txt into `folder`.
    public static func write(
        in folder: TemporaryDirectory, id: String, recipients: [String], campaignKeys: String = "", extra: String = ""
    ) {
        folder.write("r.csv", "email\n" + recipients.map { $0 + "\n" }.joined())
        folder.write("m.txt", messageText)
        folder.write("campaign.toml", text(id: id, campaignKeys: campaignKeys, extra: extra))
    }

    /// A `[[smtp.relay]]` to a TLS peer on loopback that trusts the test CA and logs in.
    public static func tlsRelay(port: Int, certificates: TestCertificates, passwordEnv: String) -> String {
        """
        [[smtp.relay]]
        host = "127.0.0.1"
        tls_server_name = "localhost"
        port = \(port)
        ca_file = "\(certificates.pem("ca"))"
        username = "tester@edm.test"
        password_env = "\(passwordEnv)"
        """
    }
}
