// VERPToken: the per-recipient envelope sender token (`return_path = "bounces+{token}@example.com"`).
import EdmCrypto
import Foundation

/// Variable envelope return paths (VERP): every recipient's MAIL FROM carries a token, so a bounce that
/// quotes nothing of the original still names, by the address it is sent to, the recipient and campaign.
///
/// The token is derived like the unsubscribe token: the first 10 bytes (20 hex digits) of
/// HMAC-SHA256(secret, "verp" LF campaign-id LF recipient-key), where the secret is the campaign's
/// `unsubscribe.secret_*` when set, or else the campaign id itself (then a token can be forged by anyone who
/// knows the scheme, but it still maps bounces; set a secret to make forged bounces useless). The address
/// never appears in clear in the envelope.
public struct VERPToken: Sendable {
    private let secret: [UInt8]
    private let campaignID: String

    public init(campaignID: String, secret: [UInt8]?) {
        self.campaignID = campaignID
        self.secret = secret ?? Array(campaignID.utf8)
    }

    /// The token for a recipient key.
    public func token(forKey key: String) -> String {
        Hex.encode(Array(HMACSHA256.authenticate(Array("verp\n\(campaignID)\n\(key)".utf8), key: secret).prefix(10)))
    }

    /// The campaign's unsubscribe secret, resolved, if it has one.
    /// - Throws: `CampaignFailure` (configuration) when the secret cannot be read.
    public static func secret(for campaign: Campaign, environment: [String: String]) throws -> [UInt8]? {
        guard let source = campaign.unsubscribe.secret else { return nil }
        do {
            return Array(try source.resolve(environment: environment).value.utf8)
        } catch {
            throw CampaignFailure(category: .configuration, diagnostics: [
                Diagnostic(.error, file: campaign.file, line: 0, column: 0, message: "unsubscribe.secret: \(error)"),
            ])
        }
    }

    /// `return_path` with `{token}` filled in for `key`.
    public func envelopeFrom(_ returnPath: String, key: String) -> String {
        returnPath.replacingOccurrences(of: "{token}", with: token(forKey: key))
    }

    /// Every 20-hex-digit token that appears after a "+" in `text` (e.g. a bounce's To: or Delivered-To:).
    public static func tokens(in text: Substring) -> [String] {
        var found: [String] = []
        var rest = text[...]
        while let plus = rest.firstIndex(of: "+") {
            let after = rest[rest.index(after: plus)...]
            let candidate = after.prefix(20)
            if candidate.count == 20, candidate.allSatisfy(\.isHexDigit),
               after.dropFirst(20).first == "@" {
                found.append(candidate.lowercased())
            }
            rest = after
        }
        return found
    }
}
