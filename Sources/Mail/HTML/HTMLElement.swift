// HTMLElement: the element names the text converter treats specially, recognised without strings.

/// Elements with a meaning for plain text; everything else is `.other` and only its content counts.
enum HTMLElement: Sendable {
    case a, br, img, p, pre, blockquote, hr, h1, h2, h3, h4, h5, h6, ul, ol, li, table, tr, td, th
    // Skipped with their content.
    case head, style, script, title, template, xml
    // Line blocks: start and end on their own line.
    case div, section, article, header, footer, nav, main, aside, form, center, address, figure, figcaption
    case caption, details, summary, fieldset, legend, dl, dt, dd, tbody, thead, tfoot, option
    // Void elements other than br, img and hr (HTML §13.1.2).
    case area, base, col, embed, input, link, meta, param, source, track, wbr
    case body, other

    /// The element for a tag name (any case); names are packed into an integer so recognising one costs a
    /// few comparisons, not string allocations.
    static func named(_ name: UnsafeBufferPointer<UInt8>) -> HTMLElement {
        guard name.count <= 10 else { return .other }
        return byName[key(name)] ?? .other
    }

    /// A name's first ten bytes lower-cased and packed with its length: equal keys mean equal names
    /// (for names of at most ten bytes, the only ones compared this way).
    static func key(_ name: UnsafeBufferPointer<UInt8>) -> NameKey {
        var low: UInt64 = 0
        var high: UInt32 = 0
        for index in 0..<min(name.count, 10) {
            let byte = UInt64(ASCII.lowercased(name[index]))
            if index < 8 { low |= byte << (8 * UInt64(index)) } else { high |= UInt32(byte) << (8 * UInt32(index - 8)) }
        }
        return NameKey(low: low, high: high | UInt32(min(name.count, 255)) << 16)
    }

    /// Packed element name.
    struct NameKey: Hashable, Sendable {
        var low: UInt64
        var high: UInt32
    }

    /// True for elements that never have content.
    var isVoid: Bool {
        switch self {
        case .br, .img, .hr, .area, .base, .col, .embed, .input, .link, .meta, .param, .source, .track, .wbr:
            return true
        default:
            return false
        }
    }

    /// For elements whose content is never shown, the name to look for in their end tag.
    var skippedName: String? {
        switch self {
        case .head: "head"
        case .style: "style"
        case .script: "script"
        case .title: "title"
        case .template: "template"
        case .xml: "xml"
        default: nil
        }
    }

    /// True for elements that start and end on their own line.
    var isLineBlock: Bool {
        switch self {
        case .div, .section, .article, .header, .footer, .nav, .main, .aside, .form, .center, .address, .figure,
            .figcaption, .caption, .details, .summary, .fieldset, .legend, .dl, .dt, .dd, .table, .tbody, .thead,
            .tfoot, .tr, .option:
            return true
        default:
            return false
        }
    }

    /// True for elements set off by a blank line.
    var isParagraphBlock: Bool {
        switch self {
        case .p, .blockquote, .pre, .hr, .h3, .h4, .h5, .h6: return true
        default: return false
        }
    }

    private static let byName: [NameKey: HTMLElement] = {
        let all: [(String, HTMLElement)] = [
            ("a", .a), ("br", .br), ("img", .img), ("p", .p), ("pre", .pre), ("blockquote", .blockquote),
            ("hr", .hr), ("h1", .h1), ("h2", .h2), ("h3", .h3), ("h4", .h4), ("h5", .h5), ("h6", .h6),
            ("ul", .ul), ("ol", .ol), ("li", .li), ("table", .table), ("tr", .tr), ("td", .td), ("th", .th),
            ("head", .head), ("style", .style), ("script", .script), ("title", .title),
            ("template", .template), ("xml", .xml), ("div", .div), ("section", .section),
            ("article", .article), ("header", .header), ("footer", .footer), ("nav", .nav), ("main", .main),
            ("aside", .aside), ("form", .form), ("center", .center), ("address", .address),
            ("figure", .figure), ("figcaption", .figcaption), ("caption", .caption), ("details", .details),
            ("summary", .summary), ("fieldset", .fieldset), ("legend", .legend), ("dl", .dl), ("dt", .dt),
            ("dd", .dd), ("tbody", .tbody), ("thead", .thead), ("tfoot", .tfoot), ("option", .option),
            ("area", .area), ("base", .base), ("col", .col), ("embed", .embed), ("input", .input),
            ("link", .link), ("meta", .meta), ("param", .param), ("source", .source), ("track", .track),
            ("wbr", .wbr), ("body", .body),
        ]
        var table: [NameKey: HTMLElement] = [:]
        for (name, element) in all {
            Array(name.utf8).withUnsafeBufferPointer { table[key($0)] = element }
        }
        return table
    }()
}
