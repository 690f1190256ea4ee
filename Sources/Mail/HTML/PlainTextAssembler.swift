// PlainTextAssembler: collects visible text from HTML into collapsed, wrapped plain-text lines.

/// Builds the plain-text alternative: collapses whitespace, places line and paragraph breaks, list
/// markers and table cell separators, and wraps lines at a column width.
struct PlainTextAssembler {
    /// The column to wrap at.
    let width: Int
    /// Indentation (in columns) for lines that start inside a list item.
    var indent = 0
    /// A prefix such as `  - ` for the next line that starts (a list item's first line).
    var pendingMarker: [UInt8]?
    /// True inside `<pre>`: whitespace and line breaks are kept as written.
    var preformatted = false

    private var output: [UInt8] = []
    private var trailingNewlines = 0
    private var line: [UInt8] = []
    private var linePrefixLength = 0
    // The hanging indent for the current line's wrapped continuations, fixed when the line starts
    // (the list may have closed by the time the line is flushed).
    private var lineIndent = 0
    private var lineHasText = false
    private var pendingSpace = false
    private var pendingSeparator: [UInt8]?
    private var wantedNewlines = 0
    private var capture: [UInt8]?

    init(width: Int) {
        self.width = width
    }

    // MARK: - Structure

    /// Ensures at least `count` line breaks (1: new line, 2: blank line) before the next text.
    mutating func ensureBreak(_ count: Int) {
        wantedNewlines = max(wantedNewlines, count)
    }

    /// An explicit line break (`<br>`): ends the current line, or adds an empty line.
    mutating func lineBreak() {
        if lineHasText {
            flushLine()
        } else if !output.isEmpty && trailingNewlines < 3 {
            output.append(ASCII.lineFeed)
            trailingNewlines += 1
        }
        pendingSpace = false
        pendingSeparator = nil
    }

    /// Separates table cells on one row with ` | ` (dropped if the next text starts a new line).
    mutating func cellSeparator() {
        if lineHasText { pendingSeparator = Array(" | ".utf8) }
    }

    /// Ends the current line now and returns its width in columns (for heading underlines).
    mutating func finishLine() -> Int {
        guard lineHasText else { return 0 }
        return flushLine(measuring: true)
    }

    /// Appends a line of `character` `count` columns wide (a heading underline).
    mutating func rule(_ character: UInt8, count: Int) {
        guard count > 0 else { return }
        output.append(contentsOf: repeatElement(character, count: count))
        output.append(ASCII.lineFeed)
        trailingNewlines = 1
    }

    // MARK: - Link text capture

    /// Starts collecting the visible text of a link.
    mutating func beginCapture() { capture = [] }

    /// Stops collecting and returns the link's visible text.
    mutating func endCapture() -> String {
        defer { capture = nil }
        return String(decoding: capture ?? [], as: UTF8.self)
    }

    // MARK: - Text

    /// Adds text as HTML renders it: runs of whitespace become one space (kept as written in `<pre>`),
    /// no-break and typographic spaces count as whitespace, and invisible formatting characters (zero
    /// width spaces and joiners, BOM, soft hyphen), which mail templates use to pad previews, are dropped.
    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte > ASCII.space && byte < ASCII.delete {
                // A run of visible characters is added in one piece.
                var end = index + 1
                while end < count {
                    let next = bytes[end]
                    if next > ASCII.space && next < ASCII.delete {
                        end += 1
                    } else if next >= 0xC0, let length = visibleSequenceLength(bytes, end) {
                        end += length
                    } else {
                        break
                    }
                }
                visible(UnsafeBufferPointer(rebasing: bytes[index..<end]))
                index = end
                continue
            }
            if byte < 0x80 {
                if byte == ASCII.space || byte == ASCII.tab || byte == ASCII.lineFeed || byte == ASCII.carriageReturn
                    || byte == 0x0C {
                    whitespace(byte)
                }
                index += 1          // other control characters are dropped
                continue
            }
            let length = min(byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2, count - index)
            if let visibleLength = visibleSequenceLength(bytes, index) {
                visible(UnsafeBufferPointer(rebasing: bytes[index..<(index + visibleLength)]))
            } else if isSpaceSequence(bytes, index, length) {
                whitespace(ASCII.space)
            }
            index += length
        }
    }

    /// The length of the UTF-8 sequence at `index` when it is an ordinary visible character; nil for the
    /// spaces and invisible characters `text` treats specially.
    @inline(__always)
    private func visibleSequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Int? {
        let first = bytes[index]
        guard first >= 0xC0 else { return nil }
        let length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : 2
        guard index + length <= bytes.count else { return nil }
        if first == 0xC2 || first == 0xCD || first == 0xE2 || first == 0xEF {
            if isSpaceSequence(bytes, index, length) || isInvisible(bytes, index, length) { return nil }
        }
        return length
    }

    /// U+00A0 no-break space and U+2000–U+200A typographic spaces.
    private func isSpaceSequence(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int, _ length: Int) -> Bool {
        guard index + length <= bytes.count else { return false }
        if length == 2 { return bytes[index] == 0xC2 && bytes[index + 1] == 0xA0 }
        return length == 3 && bytes[index] == 0xE2 && bytes[index + 1] == 0x80 && bytes[index + 2] <= 0x8A
    }

    /// Adds a string as text (decoded entities, alt text, link targets).
    mutating func text(_ string: String) {
        string.withUTF8Buffer { text($0) }
    }

    // U+00AD soft hyphen, U+034F grapheme joiner, U+200B–U+200F zero widths and marks, U+2060, U+FEFF.
    private func isInvisible(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int, _ length: Int) -> Bool {
        let first = bytes[index]
        let second = bytes[index + 1]
        switch length {
        case 2: return (first == 0xC2 && second == 0xAD) || (first == 0xCD && second == 0x8F)
        case 3:
            let third = bytes[index + 2]
            if first == 0xE2 && second == 0x80 && (0x8B...0x8F).contains(third) { return true }
            if first == 0xE2 && second == 0x81 && third == 0xA0 { return true }
            return first == 0xEF && second == 0xBB && third == 0xBF
        default: return false
        }
    }

    private mutating func whitespace(_ byte: UInt8) {
        if preformatted {
            if byte == ASCII.lineFeed {
                lineBreak()
            } else if byte != ASCII.carriageReturn {
                startLineIfNeeded()
                line.append(byte)
                capture?.append(byte)
            }
            return
        }
        if lineHasText { pendingSpace = true }
    }

    private mutating func visible(_ run: UnsafeBufferPointer<UInt8>) {
        startLineIfNeeded()
        if let separator = pendingSeparator {
            line.append(contentsOf: separator)
            pendingSeparator = nil
            pendingSpace = false
        } else if pendingSpace {
            line.append(ASCII.space)
            if let captured = capture, !captured.isEmpty { capture?.append(ASCII.space) }
            pendingSpace = false
        }
        line.append(contentsOf: run)
        if capture != nil { capture?.append(contentsOf: run) }
    }

    private mutating func startLineIfNeeded() {
        if wantedNewlines > 0 {
            if lineHasText { flushLine() }
            if !output.isEmpty {
                while trailingNewlines < wantedNewlines {
                    output.append(ASCII.lineFeed)
                    trailingNewlines += 1
                }
            }
            wantedNewlines = 0
            pendingSpace = false
            pendingSeparator = nil
        }
        guard !lineHasText else { return }
        line.removeAll(keepingCapacity: true)
        if let marker = pendingMarker {
            line.append(contentsOf: marker)
            pendingMarker = nil
        } else {
            line.append(contentsOf: repeatElement(ASCII.space, count: indent))
        }
        linePrefixLength = line.count
        lineIndent = indent
        lineHasText = true
        pendingSpace = false
        pendingSeparator = nil
    }

    /// Writes the current line (wrapped unless preformatted); with `measuring`, returns the width of
    /// the widest physical line written.
    @discardableResult
    private mutating func flushLine(measuring: Bool = false) -> Int {
        var widest = 0
        line.withUnsafeBufferPointer { bytes in
            if preformatted {
                output.append(contentsOf: bytes)
                output.append(ASCII.lineFeed)
                if measuring { widest = TextWrapper.columns(bytes) }
            } else {
                widest = TextWrapper.wrap(
                    bytes, prefixLength: linePrefixLength, indent: lineIndent, width: width, measuring: measuring,
                    into: &output)
            }
        }
        trailingNewlines = 1
        line.removeAll(keepingCapacity: true)
        lineHasText = false
        pendingSpace = false
        return widest
    }

    /// The finished text: lines separated by LF, trailing spaces removed, no leading or trailing blank
    /// lines.
    mutating func finish() -> String {
        if lineHasText { flushLine() }
        var end = output.count
        while end > 0, output[end - 1] == ASCII.lineFeed || output[end - 1] == ASCII.space { end -= 1 }
        return String(decoding: output[..<end], as: UTF8.self)
    }
}
