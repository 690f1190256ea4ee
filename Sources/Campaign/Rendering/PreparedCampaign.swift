// PreparedCampaign: a campaign with its recipient stream, suppression lists and renderer opened and checked.
import Foundation
import Mail

/// Why a recipient is not mailed.
public enum SkipReason: Sendable, Equatable {
    case invalid(code: String, message: String)
    case duplicate(firstLine: Int)
    case noConsent
    case suppressed(SuppressionList.Source)
    case blocked(BlockReason)

    /// Every state name, in the order summaries list them.
    public static let states = ["invalid", "duplicate", "no-consent", "suppressed", "blocked"]

    /// The journal state / summary name.
    public var state: String {
        switch self {
        case .invalid: "invalid"
        case .duplicate: "duplicate"
        case .noConsent: "no-consent"
        case .suppressed: "suppressed"
        case .blocked: "blocked"
        }
    }

    /// True for a later row of an address already in the list.
    public var isDuplicate: Bool {
        if case .duplicate = self { true } else { false }
    }

    /// One line for people: "invalid address (missing-at: …)", "duplicate of line 4", ….
    public var explanation: String {
        switch self {
        case .invalid(let code, let message): "invalid address (\(code): \(message))"
        case .duplicate(let firstLine): "duplicate of line \(firstLine)"
        case .noConsent: "no consent recorded"
        case .suppressed(let source): "suppressed by \(source.file):\(source.line)"
        case .blocked(let reason): reason.explanation
        }
    }
}

/// One row after the policy gate.
public enum GateDecision: Sendable {
    /// Mail this recipient.
    case deliver(Recipient, address: EmailAddress, key: String)
    /// Do not, and say why.
    case skip(Recipient, SkipReason)
}

/// Everything a run needs before the first message: every input opened and validated, so that bad input
/// fails before anything is sent (DESIGN.md invariant 6).
public final class PreparedCampaign {
    public let campaign: Campaign
    public let recipients: RecipientSource
    /// The suppression lists, re-read whenever they change (also checked right before each message goes out).
    public let suppression: SuppressionGuard
    /// `[blocklist]`: blocked domains, allowlist, role accounts, disposable domains.
    public let blocklist: Blocklist
    public let renderer: MessageRenderer
    /// Warnings found while preparing (weak DKIM keys, …), for the caller to print.
    public let warnings: [Diagnostic]

    /// Opens the recipient list, loads every suppression list (failing closed), compiles the templates.
    /// - Parameter displayPath: turns an absolute path into the one to show (relative to the working folder).
    public init(campaign: Campaign, environment: [String: String], displayPath: @escaping (String) -> String) throws {
        self.campaign = campaign
        recipients = try RecipientSource(
            settings: campaign.recipients, requireConsent: campaign.compliance.requireConsent,
            displayPath: displayPath(campaign.recipients.file))
        suppression = try SuppressionGuard(
            files: ([campaign.suppression.globalFile].compactMap({ $0 }) + campaign.suppression.files)
                .map { ($0, displayPath($0)) },
            caseSensitive: campaign.recipients.caseSensitiveLocalPart,
            hmacKey: try Self.hmacKey(campaign, environment: environment))
        blocklist = try Blocklist(settings: campaign.blocklist, displayPath: displayPath)
        let templates = try MessageTemplates(campaign: campaign, header: recipients.header, displayPath: displayPath)
        let dkim = try DKIMSetup.signer(for: campaign)
        warnings = dkim?.1 ?? []
        renderer = try MessageRenderer(
            campaign: campaign, header: recipients.header, templates: templates, environment: environment,
            signer: dkim?.0)
    }

    private static func hmacKey(_ campaign: Campaign, environment: [String: String]) throws -> [UInt8]? {
        guard let source = campaign.suppression.hmacKey else { return nil }
        do {
            return Array(try source.resolve(environment: environment).value.utf8)
        } catch {
            throw CampaignFailure(category: .configuration, diagnostics: [
                Diagnostic(.error, file: campaign.file, line: 0, column: 0, message: "suppression.hmac_key: \(error)"),
            ])
        }
    }

    /// The next row and what the gate decided, or nil at the end of the list.
    public func next() throws -> GateDecision? {
        guard let recipient = try recipients.next() else { return nil }
        switch recipient.verdict {
        case .invalid(let code, let message): return .skip(recipient, .invalid(code: code, message: message))
        case .duplicate(let line): return .skip(recipient, .duplicate(firstLine: line))
        case .noConsent: return .skip(recipient, .noConsent)
        case .ok: break
        }
        guard let address = recipient.address, let key = recipient.key else {
            return .skip(recipient, .invalid(code: "internal", message: "no parsed address"))
        }
        if let source = try suppression.match(key: key, domain: address.domain) {
            return .skip(recipient, .suppressed(source))
        }
        if let reason = blocklist.check(address) {
            return .skip(recipient, .blocked(reason))
        }
        return .deliver(recipient, address: address, key: key)
    }
}
