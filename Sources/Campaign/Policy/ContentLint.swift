// ContentLint: content rules on a rendered message: text part, size, image-only HTML, links, subject style.
import Foundation

/// The content rules of `edm check` (docs/campaign.md "[compliance]"): what spam filters and mailbox
/// providers hold against a message, as opposed to the legal rules in `ComplianceLint`. Each finding names
/// its rule id and points at the template line or campaign key to change.
struct ContentLint {
    let campaign: Campaign
    let locator: CampaignKeyLocator
    let displayPath: (String) -> String

    /// Gmail clips messages larger than this (102 KB) behind "[Message clipped] View entire message".
    static let clipSize = 102 * 1024
    /// Larger messages are refused by most providers (Gmail, Outlook.com and Yahoo accept about 25 MB with
    /// attachments; a bulk message has no business near that).
    static let maximumSize = 10 * 1024 * 1024
    /// HTML with images and fewer visible characters than this is "image-only".
    static let imageOnlyTextMinimum = 20
    /// Public URL shorteners: spam filters score them (SpamAssassin's URI_WP_SHORTENER and similar) because
    /// they hide where a link goes. Subdomains count too.
    static let shorteners = [
        "bit.ly", "t.cn", "tinyurl.com", "goo.gl", "ow.ly", "is.gd", "buff.ly", "dwz.cn", "url.cn",
    ]

    func findings(_ message: RenderedMessage) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        if campaign.message.html != nil, campaign.message.text == nil {
            findings.append(locator.diagnostic(
                .warning, section: "message", key: "html",
                message: "the message has HTML but no text template: edm generates the text part from the HTML, "
                    + "but a hand-written one reads better; write one and set 'message.text' (rule text-part)"))
        }
        findings += sizeFindings(message.bytes.count)
        if let html = message.html {
            findings += htmlFindings(html)
        }
        findings += subjectFindings(message.subject)
        return findings
    }

    private func sizeFindings(_ size: Int) -> [Diagnostic] {
        let key = campaign.message.html != nil ? "html" : "text"
        let kilobytes = (size + 1023) / 1024
        if size > Self.maximumSize {
            return [locator.diagnostic(
                .error, section: "message", key: key,
                message: "the message is \(kilobytes) KB, over the 10 MB maximum that mailbox providers accept; "
                    + "link to large files instead of attaching them (rule size-max)")]
        }
        if size > Self.clipSize {
            return [locator.diagnostic(
                .warning, section: "message", key: key,
                message: "the message is \(kilobytes) KB: Gmail clips messages over 102 KB, hiding the rest "
                    + "(and the unsubscribe link) behind a link; shorten the HTML or inline less CSS (rule size-clip)")]
        }
        return []
    }

    private func htmlFindings(_ html: String) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        if html.range(of: "<img", options: .caseInsensitive) != nil {
            let visible = HTMLScan.visibleText(html).filter { !$0.isWhitespace }.count
            if visible < Self.imageOnlyTextMinimum {
                findings.append(templateDiagnostic(
                    .warning, needles: ["<img", "<IMG"],
                    message: "the HTML is image-only (\(visible) visible characters): spam filters distrust it and "
                        + "readers with images off see nothing; add the message as text too (rule image-only)"))
            }
        }
        for link in HTMLScan.links(html) {
            guard let hrefHost = HTMLScan.host(ofURL: link.href) else { continue }
            if let shortener = Self.shorteners.first(where: { hrefHost == $0 || hrefHost.hasSuffix("." + $0) }) {
                findings.append(templateDiagnostic(
                    .warning, needles: [shortener, link.href],
                    message: "the link \(link.href) uses the URL shortener \(shortener): spam filters distrust "
                        + "shorteners because they hide the destination; link to the real URL (rule url-shortener)"))
            }
            if let shownHost = HTMLScan.host(ofShownURL: link.text),
               Self.withoutWWW(shownHost) != Self.withoutWWW(hrefHost) {
                findings.append(templateDiagnostic(
                    .error, needles: [link.text, link.href],
                    message: "the link text shows \(shownHost) but the link goes to \(hrefHost): a deceptive link "
                        + "(phishing filters reject it); show the real address or use words (rule deceptive-link)"))
            }
        }
        return findings
    }

    private static func withoutWWW(_ host: String) -> String {
        host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
    }

    private func subjectFindings(_ subject: String) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        var rest = Substring(subject)
        if let label = campaign.compliance.subjectLabel, rest.hasPrefix(label) {
            rest = rest.dropFirst(label.count)
        }
        let cased = rest.filter { $0.isUppercase || $0.isLowercase }
        let upper = cased.filter(\.isUppercase).count
        if cased.count > 10, upper * 10 >= cased.count * 7 {
            findings.append(locator.diagnostic(
                .warning, section: "message", key: "subject",
                message: "the subject is in capitals (\(upper) of \(cased.count) letters): spam filters score "
                    + "shouting; write it in sentence case (rule all-caps-subject)"))
        }
        let bangs = subject.filter { $0 == "!" || $0 == "！" }.count
        var run = 0
        var longestRun = 0
        for character in subject {
            run = character == "!" || character == "！" ? run + 1 : 0
            longestRun = max(longestRun, run)
        }
        if longestRun >= 2 || bangs > 3 {
            findings.append(locator.diagnostic(
                .warning, section: "message", key: "subject",
                message: "the subject has \(longestRun >= 2 ? "\"" + String(repeating: "!", count: longestRun) + "\"" : "\(bangs) \"!\""): "
                    + "spam filters score runs of exclamation marks; use one at most (rule exclamation-subject)"))
        }
        return findings
    }

    /// A finding on the HTML template, at the first line containing one of `needles` (else the whole file).
    private func templateDiagnostic(_ severity: Diagnostic.Severity, needles: [String], message: String) -> Diagnostic {
        guard let template = campaign.message.html else {
            return Diagnostic(severity, file: campaign.file, line: 0, column: 0, message: message)
        }
        let shown = displayPath(template)
        let bytes = (try? FileError.readSmallFile(template, role: "template", limit: 8 << 20)) ?? []
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for needle in needles where !needle.isEmpty {
            for (offset, line) in lines.enumerated() {
                guard let range = line.range(of: needle) else { continue }
                return Diagnostic(
                    severity, file: shown, line: offset + 1,
                    column: line.distance(from: line.startIndex, to: range.lowerBound) + 1,
                    message: message, sourceLine: String(line))
            }
        }
        return Diagnostic(severity, file: shown, line: 0, column: 0, message: message)
    }
}
