// HTMLScan: the little HTML reading the content lint needs: visible text, links, and URL hosts.
import Foundation

/// A forgiving scan of rendered HTML (no DOM): enough to count visible characters and to pair each
/// `<a href>` with its text. Templates are the sender's own, so this favours simplicity over coverage.
enum HTMLScan {
    /// The text a reader sees: tags removed, `<head>`, `<style>`, `<script>`, `<title>` and comments dropped,
    /// common entities decoded.
    static func visibleText(_ html: String) -> String {
        var text = html
        for element in ["head", "style", "script", "title"] {
            text = text.replacingOccurrences(
                of: "(?s)<\(element)\\b[^>]*>.*?</\(element)\\s*>", with: " ",
                options: [.regularExpression, .caseInsensitive])
        }
        text = text.replacingOccurrences(of: "(?s)<!--.*?-->", with: " ", options: .regularExpression)
        return decodeEntities(stripTags(text))
    }

    /// Each `<a … href="…">text</a>`: the href and the visible text of the link, both entity-decoded.
    static func links(_ html: String) -> [(href: String, text: String)] {
        guard let expression = try? NSRegularExpression(
            pattern: "<a\\b[^>]*?\\bhref\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')[^>]*>(.*?)</a\\s*>",
            options: [.caseInsensitive, .dotMatchesLineSeparators])
        else { return [] }
        let source = html as NSString
        return expression.matches(in: html, range: NSRange(location: 0, length: source.length)).map { match in
            let hrefRange = match.range(at: 1).location != NSNotFound ? match.range(at: 1) : match.range(at: 2)
            let href = decodeEntities(source.substring(with: hrefRange)).trimmingCharacters(in: .whitespaces)
            let text = decodeEntities(stripTags(source.substring(with: match.range(at: 3))))
                .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            return (href, text)
        }
    }

    /// The lower-cased host of an http or https URL; nil for other schemes (mailto:, tel:, #anchors).
    static func host(ofURL url: String) -> String? {
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return nil }
        return hostPart(String(lower.drop { $0 != "/" }.drop { $0 == "/" }))
    }

    /// The host of link text that looks like an address (`https://b.example/x`, `www.b.example`,
    /// `b.example/offer`); nil for words such as "Read more" or "Unsubscribe".
    static func host(ofShownURL text: String) -> String? {
        let lower = text.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") { return host(ofURL: lower) }
        guard !lower.contains(" "), !lower.contains("@"),
              lower.range(of: "^[a-z0-9-]+(\\.[a-z0-9-]+)*\\.[a-z]{2,}(:[0-9]+)?([/?#].*)?$",
                          options: .regularExpression) != nil
        else { return nil }
        return hostPart(lower)
    }

    /// The host of "host[:port][/path…]", without user info or port.
    private static func hostPart(_ rest: String) -> String? {
        var authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        let host = authority.prefix { $0 != ":" }
        let trimmed = host.hasSuffix(".") ? host.dropLast() : host
        return trimmed.isEmpty ? nil : String(trimmed)
    }

    private static func stripTags(_ html: String) -> String {
        html.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
    }

    private static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = text
        for (entity, value) in [("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"),
                                ("&#x27;", "'"), ("&#47;", "/"), ("&amp;", "&")] {
            out = out.replacingOccurrences(of: entity, with: value, options: .caseInsensitive)
        }
        return out
    }
}
