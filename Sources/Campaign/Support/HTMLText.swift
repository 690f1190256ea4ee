// HTMLText: text from data made safe for HTML and SVG, in a form XML parsers accept too.

/// Escaping for every string from data that goes into HTML edm writes (the report, the preview index).
enum HTMLText {
    /// `text` safe as element content and as a quoted attribute value.
    ///
    /// `& < > " '` become references (HTML Standard §13.1.4; the same five keep it well-formed XML, so the
    /// inline SVG parses as SVG). Control characters other than tab, line feed and carriage return are not
    /// allowed in XML 1.0 (§2.2), not even as references, and are replaced by U+FFFD.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case let c where c.value < 0x20 || (0x7F...0x9F).contains(c.value) || c.value == 0xFFFE
                || c.value == 0xFFFF:
                out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
