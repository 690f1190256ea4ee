// UnsubscribeToken: the per-recipient unsubscribe token, and checking one that comes back.
import EdmCrypto
import Foundation

/// `{token}` in `unsubscribe.url` and in the mailto subject: the first 16 bytes (32 hex digits) of
/// HMAC-SHA256(secret, campaign-id LF recipient-key). It contains no address, cannot be made without the
/// secret, and names its campaign: a token of another campaign or made with another secret matches nobody.
public struct UnsubscribeToken: Sendable {
    private let secret: [UInt8]
    private let campaignID: String

    public init(campaignID: String, secret: [UInt8]) {
        self.campaignID = campaignID
        self.secret = secret
    }

    /// The campaign's token maker, or nil when it has no `unsubscribe.secret_*`.
    /// - Throws: `CampaignFailure` (configuration) when the secret cannot be read.
    public static func forCampaign(_ campaign: Campaign, environment: [String: String]) throws -> UnsubscribeToken? {
        guard let secret = try VERPToken.secret(for: campaign, environment: environment) else { return nil }
        return UnsubscribeToken(campaignID: campaign.id, secret: secret)
    }

    /// The token for a recipient key.
    public func token(forKey key: String) -> String {
        Hex.encode(Array(HMACSHA256.authenticate(Array("\(campaignID)\n\(key)".utf8), key: secret).prefix(16)))
    }

    /// Whether `token` has the shape of a token (32 lower- or upper-case hex digits).
    public static func isWellFormed(_ token: String) -> Bool {
        token.count == 32 && token.allSatisfy(\.isHexDigit)
    }
}
