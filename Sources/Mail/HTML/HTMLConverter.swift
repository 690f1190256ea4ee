// HTMLConverter: walks HTML bytes (tags, comments, text, entities) and drives the PlainTextAssembler.

/// The state of one HTML-to-text conversion.
struct HTMLConverter {
    private let bytes: UnsafeBufferPointer<UInt8>
    /// The text being built.
    var assembler: PlainTextAssembler

    private struct List {
        var ordered: Bool
        var counter: Int
        var savedIndent: Int
    }

    private var lists: [List] = []
    private var links: [String] = []
    private var cellCounts: [Int] = []
    private var preDepth = 0
    // An element hidden by display:none or `hidden`: its name and how deeply it is nested in itself.
    private var hidden: (name: String, depth: Int)?

    // Elements whose content is never shown; skipped to their end tag like raw text.
    private static let skippedElements: Set<String> = ["head", "style", "script", "title", "template", "xml"]
    // Elements that never have content (HTML §13.1.2 void elements).
    private static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    ]
    // Elements that start and end on their own line.
    private static let lineBlocks: Set<String> = [
        "div", "section", "article", "header", "footer", "nav", "main", "aside", "form", "center", "address",
        "figure", "figcaption", "caption", "details", "summary", "fieldset", "legend", "dl", "dt", "dd",
        "table", "tbody", "thead", "tfoot", "tr", "option",
    ]
    // Elements set off by a blank line.
    private static let paragraphBlocks: Set<String> = ["p", "blockquote", "pre", "hr", "h3", "h4", "h5", "h6"]

    init(bytes: UnsafeBufferPointer<UInt8>, width: Int) {
        self.bytes = bytes
        self.assembler = PlainTextAssembler(width: width)
    }

    /// Converts the whole input.
    mutating func run() {
        var index = 0
        var textStart = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == ASCII.lessThan {
                flushText(from: textStart, to: index)
                index = markup(at: index)
                textStart = index
            } else if byte == 0x26 {   // '&'
                flushText(from: textStart, to: index)
                if hidden == nil, let (text, next) = HTMLEntities.decode(bytes, at: index) {
                    assembler.text(text)
                    index = next
                } else {
                    if hidden == nil { assembler.text(UnsafeBufferPointer(rebasing: bytes[index..<(index + 1)])) }
                    index += 1
                }
                textStart = index
            } else {
                index += 1
            }
        }
        flushText(from: textStart, to: count)
        closeLinks()
    }

    private mutating func flushText(from start: Int, to end: Int) {
        guard end > start, hidden == nil else { return }
        assembler.text(UnsafeBufferPointer(rebasing: bytes[start..<end]))
    }

    /// Handles the markup at `index` (`<`) and returns the index after it.
    private mutating func markup(at index: Int) -> Int {
        if hasPrefix("<!--", at: index) {
            return find("-->", from: index + 4).map { $0 + 3 } ?? bytes.count
        }
        let next = index + 1 < bytes.count ? bytes[index + 1] : 0
        if next == 0x21 || next == ASCII.questionMark {   // <!DOCTYPE ...>, <![CDATA[...]]>, <?xml ...?>
            return find(">", from: index + 2).map { $0 + 1 } ?? bytes.count
        }
        guard let (tag, after) = HTMLTag.read(bytes, at: index) else {
            if hidden == nil { assembler.text(UnsafeBufferPointer(rebasing: bytes[index..<(index + 1)])) }
            return index + 1
        }
        if var state = hidden {
            if tag.name == state.name && !Self.voidElements.contains(tag.name) && !tag.isSelfClosing {
                state.depth += tag.isEnd ? -1 : 1
            }
            hidden = state.depth > 0 ? state : nil
            return after
        }
        if !tag.isEnd && Self.skippedElements.contains(tag.name) {
            return skipContent(of: tag.name, from: after)
        }
        if !tag.isEnd && tag.isHidden && !Self.voidElements.contains(tag.name) {
            if !tag.isSelfClosing { hidden = (tag.name, 1) }
            return after
        }
        tag.isEnd ? endTag(tag) : startTag(tag)
        return after
    }

    // MARK: - Tags

    private mutating func startTag(_ tag: HTMLTag) {
        switch tag.name {
        case "br":
            assembler.lineBreak()
        case "p", "blockquote", "hr", "h3", "h4", "h5", "h6":
            assembler.ensureBreak(2)
        case "pre":
            assembler.ensureBreak(2)
            preDepth += 1
            assembler.preformatted = true
        case "h1", "h2":
            assembler.ensureBreak(2)
        case "ul", "ol":
            assembler.ensureBreak(lists.isEmpty ? 2 : 1)
            lists.append(List(ordered: tag.name == "ol", counter: tag.start ?? 1, savedIndent: assembler.indent))
        case "li":
            assembler.ensureBreak(1)
            if lists.isEmpty { lists.append(List(ordered: false, counter: 1, savedIndent: assembler.indent)) }
            let last = lists.count - 1
            let marker = lists[last].ordered ? "\(lists[last].counter). " : "- "
            lists[last].counter += 1
            let base = lists[last].savedIndent
            assembler.pendingMarker = Array(repeating: ASCII.space, count: base) + Array(marker.utf8)
            assembler.indent = base + marker.utf8.count
        case "tr":
            assembler.ensureBreak(1)
            if cellCounts.isEmpty { cellCounts.append(0) }
            cellCounts[cellCounts.count - 1] = 0
        case "table":
            assembler.ensureBreak(1)
            cellCounts.append(0)
        case "td", "th":
            if let cells = cellCounts.last {
                if cells > 0 { assembler.cellSeparator() }
                cellCounts[cellCounts.count - 1] = cells + 1
            }
        case "a":
            closeLinks()
            links.append(tag.href ?? "")
            assembler.beginCapture()
        case "img":
            if let alt = tag.alt { assembler.text(alt) }
        default:
            if Self.lineBlocks.contains(tag.name) { assembler.ensureBreak(1) }
        }
    }

    private mutating func endTag(_ tag: HTMLTag) {
        switch tag.name {
        case "h1", "h2":
            let width = assembler.finishLine()
            assembler.rule(tag.name == "h1" ? 0x3D : ASCII.hyphen, count: min(width, assembler.width))
            assembler.ensureBreak(2)
        case "pre":
            preDepth = max(0, preDepth - 1)
            assembler.preformatted = preDepth > 0
            assembler.ensureBreak(2)
        case "ul", "ol":
            if let list = lists.popLast() { assembler.indent = list.savedIndent }
            assembler.ensureBreak(lists.isEmpty ? 2 : 1)
        case "li":
            assembler.ensureBreak(1)
        case "table":
            _ = cellCounts.popLast()
            assembler.ensureBreak(1)
        case "a":
            closeLinks()
        default:
            if Self.paragraphBlocks.contains(tag.name) {
                assembler.ensureBreak(2)
            } else if Self.lineBlocks.contains(tag.name) {
                assembler.ensureBreak(1)
            }
        }
    }

    /// Ends the open link: appends ` (url)` unless the text already is the URL.
    private mutating func closeLinks() {
        guard let href = links.popLast() else { return }
        let text = assembler.endCapture()
        let lower = href.lowercased()
        if href.isEmpty || href.hasPrefix("#") || lower.hasPrefix("javascript:") { return }
        if text.isEmpty {
            assembler.text(href)
        } else if Self.comparable(text) != Self.comparable(href) {
            assembler.text(" (" + href + ")")
        }
    }

    /// A link target reduced for comparison with its text: no scheme, `mailto:`, `www.` or final slash.
    private static func comparable(_ url: String) -> String {
        var text = Substring(url.lowercased())
        for prefix in ["mailto:", "https://", "http://", "www."] where text.hasPrefix(prefix) {
            text = text.dropFirst(prefix.count)
        }
        while text.hasSuffix("/") { text = text.dropLast() }
        return String(text)
    }

    // MARK: - Scanning helpers

    /// Skips to after `</name ...>` (case-insensitive), or to the end when it is missing; for `head`
    /// without an end tag, to the `<body>` that implicitly closes it.
    private func skipContent(of name: String, from start: Int) -> Int {
        if let end = findEndTag(name, from: start) { return end }
        if name == "head", let body = findCaseInsensitive("<body", from: start) { return body }
        return name == "head" ? start : bytes.count
    }

    private func findEndTag(_ name: String, from start: Int) -> Int? {
        guard let open = findCaseInsensitive("</" + name, from: start) else { return nil }
        return find(">", from: open).map { $0 + 1 } ?? bytes.count
    }

    private func hasPrefix(_ text: String, at index: Int) -> Bool {
        let pattern = Array(text.utf8)
        guard index + pattern.count <= bytes.count else { return false }
        for offset in 0..<pattern.count where bytes[index + offset] != pattern[offset] { return false }
        return true
    }

    private func find(_ text: String, from start: Int) -> Int? {
        let pattern = Array(text.utf8)
        guard let first = pattern.first, start < bytes.count else { return nil }
        var index = start
        while index + pattern.count <= bytes.count {
            if bytes[index] == first && hasPrefix(text, at: index) { return index }
            index += 1
        }
        return nil
    }

    private func findCaseInsensitive(_ text: String, from start: Int) -> Int? {
        let pattern = Array(text.utf8).map(ASCII.lowercased)
        guard start < bytes.count else { return nil }
        var index = start
        outer: while index + pattern.count <= bytes.count {
            for offset in 0..<pattern.count where ASCII.lowercased(bytes[index + offset]) != pattern[offset] {
                index += 1
                continue outer
            }
            return index
        }
        return nil
    }
}
