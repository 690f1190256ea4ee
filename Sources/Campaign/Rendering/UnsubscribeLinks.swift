// UnsubscribeLinks: the per-recipient unsubscribe URL and the List-Unsubscribe headers (RFC 2369, RFC 8058).
import EdmCrypto
import Foundation
import Mail

/// Builds unsubscribe links. `unsubscribe.url` may contain `{token}` (an HMAC of the recipient key under the
/// configured secret, so the unsubscribe endpoint can verify a request without a database lookup), `{email}`
/// (the address, percent-encoded) and `{campaign}` (the campaign id).
struct UnsubscribeLinks: Sendable {
    private let urlTemplate: String?
    private let mailto: String?
    private let oneClick: Bool
    private let campaignID: String
    private let tokens: UnsubscribeToken?

    init(settings: UnsubscribeSettings, campaignID: String, environment: [String: String], marketing: Bool = true) throws {
        urlTemplate = settings.url
        mailto = settings.mailto
        // RFC 8058 one-click is for marketing mail; transactional campaigns keep List-Unsubscribe only.
        oneClick = settings.oneClick && marketing
        self.campaignID = campaignID
        if let source = settings.secret {
            do {
                tokens = UnsubscribeToken(
                    campaignID: campaignID, secret: Array(try source.resolve(environment: environment).value.utf8))
            } catch {
                throw CampaignFailure(category: .configuration, diagnostics: [
                    Diagnostic(.error, file: "unsubscribe.secret", line: 0, column: 0, message: "\(error)"),
                ])
            }
        } else {
            tokens = nil
        }
    }

    private static let unreserved = CharacterSet(charactersIn:
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// The https link, or a mailto: link when only `mailto` is configured, or "" when neither is.
    /// The recipient's unsubscribe URL (for `{{unsubscribe_url}}`) and headers, with its token made once.
    struct Links {
        /// The https link, or a mailto: link when only `mailto` is configured, or "" when neither is.
        var url: String
        var headers: [HeaderField]
    }

    func links(forKey key: String, address: EmailAddress) -> Links {
        let token = tokens?.token(forKey: key)
        // "unsubscribe-TOKEN" when the campaign has a secret (the reply then names its recipient without an
        // address), else "unsubscribe".
        let mailtoURL = mailto.map { "mailto:\($0)?subject=\(token.map { "unsubscribe-" + $0 } ?? "unsubscribe")" }
        var https: String?
        if var url = urlTemplate {
            if let token { url = url.replacingOccurrences(of: "{token}", with: token) }
            let email = address.wireForm.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? ""
            https = url.replacingOccurrences(of: "{email}", with: email).replacingOccurrences(of: "{campaign}", with: campaignID)
        }
        // List-Unsubscribe (RFC 2369 §3.2) with the https and/or mailto links, and List-Unsubscribe-Post
        // (RFC 8058 §3.1) when one-click applies (https link only).
        let listed = [https, mailtoURL].compactMap { $0 }.map { "<\($0)>" }
        var headers: [HeaderField] = []
        if !listed.isEmpty {
            headers.append(HeaderField(name: "List-Unsubscribe", value: listed.joined(separator: ", ")))
            if https != nil, oneClick {
                headers.append(HeaderField(name: "List-Unsubscribe-Post", value: "List-Unsubscribe=One-Click"))
            }
        }
        return Links(url: https ?? mailtoURL ?? "", headers: headers)
    }
}
