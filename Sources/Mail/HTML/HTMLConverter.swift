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
    private var hidden: (name: HTMLElement.NameKey, depth: Int)?

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
            if tag.nameKey == state.name && !tag.element.isVoid && !tag.isSelfClosing {
                state.depth += tag.isEnd ? -1 : 1
            }
            hidden = state.depth > 0 ? state : nil
            return after
        }
        if !tag.isEnd, let name = tag.element.skippedName {
            return skipContent(of: name, from: after)
        }
        if !tag.isEnd && tag.isHidden && !tag.element.isVoid {
            if !tag.isSelfClosing { hidden = (tag.nameKey, 1) }
            return after
        }
        tag.isEnd ? endTag(tag) : startTag(tag)
        return after
    }

    // MARK: - Tags

    private mutating func startTag(_ tag: HTMLTag) {
        switch tag.element {
        case .br:
            assembler.lineBreak()
        case .p, .blockquote, .hr, .h3, .h4, .h5, .h6:
            assembler.ensureBreak(2)
        case .pre:
            assembler.ensureBreak(2)
            preDepth += 1
            assembler.preformatted = true
        case .h1, .h2:
            assembler.ensureBreak(2)
        case .ul, .ol:
            assembler.ensureBreak(lists.isEmpty ? 2 : 1)
            lists.append(List(ordered: tag.element == .ol, counter: tag.start ?? 1, savedIndent: assembler.indent))
        case .li:
            assembler.ensureBreak(1)
            if lists.isEmpty { lists.append(List(ordered: false, counter: 1, savedIndent: assembler.indent)) }
            let last = lists.count - 1
            let marker = lists[last].ordered ? "\(lists[last].counter). " : "- "
            lists[last].counter += 1
            let base = lists[last].savedIndent
            assembler.pendingMarker = Array(repeating: ASCII.space, count: base) + Array(marker.utf8)
            assembler.indent = base + marker.utf8.count
        case .tr:
            assembler.ensureBreak(1)
            if cellCounts.isEmpty { cellCounts.append(0) }
            cellCounts[cellCounts.count - 1] = 0
        case .table:
            assembler.ensureBreak(1)
            cellCounts.append(0)
        case .td, .th:
            if let cells = cellCounts.last {
                if cells > 0 { assembler.cellSeparator() }
                cellCounts[cellCounts.count - 1] = cells + 1
            }
        case .a:
            closeLinks()
            links.append(tag.href ?? "")
            assembler.beginCapture()
        case .img:
            if let alt = tag.alt { assembler.text(alt) }
        default:
            if tag.element.isLineBlock { assembler.ensureBreak(1) }
        }
    }

    private mutating func endTag(_ tag: HTMLTag) {
        switch tag.element {
        case .h1, .h2:
            let width = assembler.finishLine()
            assembler.rule(tag.element == .h1 ? 0x3D : ASCII.hyphen, count: min(width, assembler.width))
            assembler.ensureBreak(2)
        case .pre:
            preDepth = max(0, preDepth - 1)
            assembler.preformatted = preDepth > 0
            assembler.ensureBreak(2)
        case .ul, .ol:
            if let list = lists.popLast() { assembler.indent = list.savedIndent }
            assembler.ensureBreak(lists.isEmpty ? 2 : 1)
        case .li:
            assembler.ensureBreak(1)
        case .table:
            _ = cellCounts.popLast()
            assembler.ensureBreak(1)
        case .a:
            closeLinks()
        default:
            if tag.element.isParagraphBlock {
                assembler.ensureBreak(2)
            } else if tag.element.isLineBlock {
                assembler.ensureBreak(1)
            }
        }
    }

    /// Ends the open link: appends ` (url)` unless the text already is the URL.
    private mutating func closeLinks() {
        guard let href = links.popLast() else { return }
        let text = assembler.endCapture()
        if href.isEmpty || href.utf8.first == 0x23 || Self.hasPrefix(href, "javascript:") { return }
        if text.isEmpty {
            assembler.text(href)
        } else if !Self.sameTarget(text, href) {
            assembler.text(" (" + href + ")")
        }
    }

    /// True when a link's text names its target: equal ignoring case, a `mailto:` or `http(s)://`
    /// scheme, `www.` and final slashes.
    private static func sameTarget(_ text: String, _ href: String) -> Bool {
        text.withUTF8Buffer { textBytes in
            href.withUTF8Buffer { hrefBytes in
                let left = reduced(textBytes)
                let right = reduced(hrefBytes)
                guard left.count == right.count else { return false }
                for index in 0..<left.count where ASCII.lowercased(left[index]) != ASCII.lowercased(right[index]) {
                    return false
                }
                return true
            }
        }
    }

    private static func reduced(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        for prefix in ["mailto:", "https://", "http://", "www."] {
            let pattern = prefix.utf8
            if bytes.count - start >= pattern.count,
                zip(bytes[start...], pattern).allSatisfy({ ASCII.lowercased($0) == $1 }) {
                start += pattern.count
            }
        }
        var end = bytes.count
        while end > start, bytes[end - 1] == ASCII.slash { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    private static func hasPrefix(_ text: String, _ prefix: String) -> Bool {
        text.utf8.count >= prefix.utf8.count && zip(text.utf8, prefix.utf8).allSatisfy { ASCII.lowercased($0) == $1 }
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
