// ComplianceLint: checks a rendered message against CAN-SPAM, China's rules and the bulk-sender rules.
import Foundation
import Mail

/// Content rules `edm check` applies to the first rendered message (docs/campaign.md "[compliance]").
///
/// The campaign file itself was checked while loading (postal address and unsubscribe configured, subject
/// label set for `cn`); this looks at what the templates actually produce, which no config check can see: a
/// template that forgets `{{unsubscribe_url}}` still renders fine. Each finding names its rule id.
public struct ComplianceLint {
    private let campaign: Campaign
    private let locator: CampaignKeyLocator
    private let displayPath: (String) -> String

    public init(campaign: Campaign, displayPath: @escaping (String) -> String) {
        self.campaign = campaign
        locator = CampaignKeyLocator(campaign: campaign)
        self.displayPath = displayPath
    }

    /// Renders the first row that can be mailed and lints it.
    /// - Returns: the warnings, when there are no errors.
    /// - Throws: `CampaignFailure` (.configuration, exit 78) with every finding when any is an error.
    public static func check(_ prepared: PreparedCampaign,
        displayPath: @escaping (String) -> String) throws -> [Diagnostic] {
        let lint = ComplianceLint(campaign: prepared.campaign, displayPath: displayPath)
        let source = try RecipientSource(
            settings: prepared.campaign.recipients, requireConsent: prepared.campaign.compliance.requireConsent,
            displayPath: prepared.recipients.displayPath, dedupe: .firstRows)
        var findings = lint.campaignFindings()
        while let recipient = try source.next() {
            guard recipient.verdict == .ok, let address = recipient.address, let key = recipient.key else { continue }
            let message = try prepared.renderer.render(
                recipient, address: address, key: key, date: "Thu, 01 Jan 2026 00:00:00 +0000", sign: false)
            var url = ""
            if case .object(let data) = prepared.renderer.data(for: recipient, address: address, key: key),
               case .string(let text)? = data["unsubscribe_url"] {
                url = text
            }
            findings += lint.messageFindings(message, unsubscribeURL: url)
            break
        }
        guard !findings.contains(where: { $0.severity == .error }) else {
            throw CampaignFailure(category: .configuration, diagnostics: findings)
        }
        return findings
    }

    /// Findings that need no message: DKIM configured.
    public func campaignFindings() -> [Diagnostic] {
        guard campaign.dkim == nil else { return [] }
        return [locator.diagnostic(
            .warning, section: "dkim", key: nil,
            message: "no [dkim]: Gmail and Yahoo require bulk senders to sign with DKIM aligned with the From domain; "
                + "make a key with 'edm dkim keygen' (rule dkim)")]
    }

    /// Findings on one rendered message.
    public func messageFindings(_ message: RenderedMessage, unsubscribeURL: String) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        let compliance = campaign.compliance
        let parts: [(name: String, text: String?, template: String?, isHTML: Bool)] = [
            ("HTML", message.html, campaign.message.html, true),
            ("text", message.text, campaign.message.text, false),
        ]
        for part in parts {
            guard let text = part.text else { continue }
            if compliance.requireUnsubscribe, !unsubscribeURL.isEmpty,
               !Self.contains(text, unsubscribeURL, isHTML: part.isHTML) {
                findings.append(templateDiagnostic(
                    part.template, token: "unsubscribe_url", rule: "unsubscribe-link",
                    problem: "the \(part.name) part has no unsubscribe link: CAN-SPAM requires a visible way to opt "
                        + "out in every message"))
            }
            if compliance.requirePostalAddress, let postal = campaign.sender.postalAddress, !postal.isEmpty,
               !Self.contains(text, postal, isHTML: part.isHTML) {
                findings.append(templateDiagnostic(
                    part.template, token: "sender.postal_address", rule: "postal-address",
                    problem: "the \(part.name) part does not show the postal address, which CAN-SPAM "
                        + "(15 U.S.C. 7704(a)(5)) requires"))
            }
        }
        findings += headerFindings(message)
        findings += subjectFindings(message.subject)
        findings += ContentLint(campaign: campaign, locator: locator, displayPath: displayPath).findings(message)
        return findings
    }

    private func headerFindings(_ message: RenderedMessage) -> [Diagnostic] {
        let headers = Self.headerNames(message.bytes)
        var findings: [Diagnostic] = []
        let configured = campaign.unsubscribe.url != nil || campaign.unsubscribe.mailto != nil
        if campaign.compliance.requireUnsubscribe, configured, !headers.contains("list-unsubscribe") {
            findings.append(locator.diagnostic(
                .error, section: "unsubscribe", key: nil,
                message: "the message has no List-Unsubscribe header (RFC 2369) (rule list-unsubscribe)"))
        }
        if campaign.kind == .marketing, campaign.unsubscribe.url != nil, !headers.contains("list-unsubscribe-post") {
            findings.append(locator.diagnostic(
                .warning, section: "unsubscribe", key: "one_click",
                message: "no List-Unsubscribe-Post header: Gmail and Yahoo require one-click unsubscribe (RFC 8058) "
                    + "from bulk senders; remove 'one_click = false' (rule one-click)"))
        }
        return findings
    }

    /// Prefixes that make a subject look like a reply or forward (CAN-SPAM 15 U.S.C. 7704(a)(2) forbids
    /// misleading subjects; Chinese and German mail clients write 回复/转发 and AW/WG).
    static let replyPrefixes = ["re:", "re：", "fw:", "fwd:", "fw：", "fwd：", "aw:", "wg:", "回复", "回覆", "答复", "转发", "轉寄"]

    private func subjectFindings(_ subject: String) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        var rest = Substring(subject)
        if let label = campaign.compliance.subjectLabel {
            if rest.hasPrefix(label) {
                rest = rest.dropFirst(label.count)
            } else {
                findings.append(locator.diagnostic(
                    .error, section: "message", key: "subject",
                    message: "the rendered subject \"\(subject)\" does not start with the label \"\(label)\" "
                        + "('compliance.subject_label') (rule subject-label)"))
            }
        }
        let start = rest.drop { $0 == " " || $0 == "[" || $0 == "]" || $0 == "|" || $0 == "-" }.lowercased()
        if let prefix = Self.replyPrefixes.first(where: { start.hasPrefix($0) }) {
            findings.append(locator.diagnostic(
                .warning, section: "message", key: "subject",
                message: "the subject starts with \"\(prefix)\", as if it were a reply or forward: CAN-SPAM forbids "
                    + "misleading subject lines (rule misleading-subject)"))
        }
        return findings
    }

    /// An error on a template file, at the first line that uses `token` when there is one (it is then used
    /// but did not render, e.g. inside a section that is empty for this recipient).
    private func templateDiagnostic(_ template: String?, token: String, rule: String, problem: String) -> Diagnostic {
        let missing = "\(problem); add {{\(token)}} (rule \(rule))"
        guard let template else { return Diagnostic(.error, file: campaign.file, line: 0, column: 0, message: missing) }
        let shown = displayPath(template)
        let bytes = (try? FileError.readSmallFile(template, role: "template", limit: 8 << 20)) ?? []
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard let offset = lines.firstIndex(where: { $0.contains(token) }) else {
            return Diagnostic(.error, file: shown, line: 0, column: 0, message: missing)
        }
        return Diagnostic(
            .error, file: shown, line: offset + 1, column: 0,
            message: "\(problem); {{\(token)}} is here but did not render for the first recipient "
                + "(inside a section?) (rule \(rule))",
            sourceLine: String(lines[offset]))
    }

    /// Whether `needle` appears in `text`, comparing with runs of white space collapsed; in HTML the
    /// HTML-escaped form counts too.
    static func contains(_ text: String, _ needle: String, isHTML: Bool) -> Bool {
        let haystack = collapse(text)
        if haystack.contains(collapse(needle)) { return true }
        return isHTML && haystack.contains(collapse(htmlEscaped(needle)))
    }

    private static func collapse(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    static func htmlEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }

    /// Lower-cased names of the header fields (RFC 5322 §2.2) of a message.
    static func headerNames(_ bytes: [UInt8]) -> Set<String> {
        var names = Set<String>()
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            var line = bytes[start..<end]
            if line.last == 0x0D { line = line.dropLast() }
            if line.isEmpty { break }
            if line.first != 0x20, line.first != 0x09, let colon = line.firstIndex(of: 0x3A) {
                names.insert(String(decoding: line[line.startIndex..<colon], as: UTF8.self).lowercased())
            }
            start = end + 1
        }
        return names
    }
}
