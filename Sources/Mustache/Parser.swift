// Parser: turns one template source into a node tree in a single pass over its UTF-8 bytes.

/// Compiles one template source (the main template or one partial).
///
/// Whitespace handling follows the spec's "standalone" rules: a section, inverted, end, comment, partial,
/// set-delimiter, block or parent tag alone on its line (apart from spaces and tabs) removes that whole line
/// from the output. Inheritance tags add the refinements of ~inheritance.yml, see `Parser+Inheritance.swift`.
struct Parser {
    /// The kinds of tag, named by their sigil.
    enum TagKind {
        case variable, unescaped, triple, comment, section, inverted, close, partial, delimiters, block, parent
    }

    /// A tag as scanned, before it is interpreted.
    struct Tag {
        let kind: TagKind
        /// Offset of the opening delimiter.
        let start: Int
        /// Offset just past the closing delimiter.
        let end: Int
        /// The content between sigil and closing delimiter, trimmed.
        let content: [UInt8]
    }

    let bytes: [UInt8]
    let templateName: String
    /// This template's index in the library (0 for the main template), recorded in partial and parent nodes.
    let templateIndex: Int
    let partialIndex: [String: Int]
    let requirePartials: Bool
    var lines: LineIndex

    /// Where scanning resumes.
    var position = 0
    var openDelimiter: [UInt8] = [ASCII.openBrace, ASCII.openBrace]
    var closeDelimiter: [UInt8] = [ASCII.closeBrace, ASCII.closeBrace]
    /// Open sections, blocks and parents; the root frame is always at index 0.
    var frames: [Frame]
    /// Indentation removed from the start of every line (inside a block whose opening tag is standalone).
    var dedent: [UInt8] = []
    /// A line start that must not become an indentation point: a block body's first line, whose indentation
    /// is emitted by the block expansion only when the expansion site stands alone on its line (an inline site
    /// keeps its literal blanks instead, "Standalone block" in ~inheritance.yml).
    var suppressedLineStart = -1
    /// Names parsed so far: one `TagName` per distinct name, so the renderer can tell names apart by identity.
    var names: [String: TagName] = [:]

    init(
        source: String,
        templateName: String,
        templateIndex: Int,
        partialIndex: [String: Int],
        requirePartials: Bool
    ) {
        self.bytes = Array(source.utf8)
        self.templateName = templateName
        self.templateIndex = templateIndex
        self.partialIndex = partialIndex
        self.requirePartials = requirePartials
        self.lines = LineIndex(bytes: bytes)
        self.frames = [Frame(kind: .root, name: "", position: SourcePosition(line: 1, column: 1))]
    }

    /// Parses the whole source.
    mutating func parse() throws(MustacheError) -> [Node] {
        while let tagStart = find(openDelimiter, from: position) {
            let tag = try scanTag(at: tagStart)
            try handle(tag)
        }
        emitText(from: position, to: bytes.count)
        guard frames.count == 1, var root = frames.first else {
            let open = frames[frames.count - 1]
            throw error(.unclosedSection(name: open.name), at: open.position)
        }
        root.flushText()
        return root.nodes
    }

    // MARK: - Scanning

    /// Reads the tag whose opening delimiter starts at `start`.
    private mutating func scanTag(at start: Int) throws(MustacheError) -> Tag {
        var cursor = start + openDelimiter.count
        let sigil: UInt8? = cursor < bytes.count ? bytes[cursor] : nil
        let kind: TagKind
        switch sigil {
        case ASCII.bang: kind = .comment
        case ASCII.hash: kind = .section
        case ASCII.caret: kind = .inverted
        case ASCII.slash: kind = .close
        case ASCII.greaterThan: kind = .partial
        case ASCII.ampersand: kind = .unescaped
        case ASCII.openBrace: kind = .triple
        case ASCII.equals: kind = .delimiters
        case ASCII.dollar: kind = .block
        case ASCII.lessThan: kind = .parent
        default: kind = .variable
        }
        if kind != .variable {
            cursor += 1
        }
        // Triple mustaches and set-delimiter tags repeat their sigil before the closing delimiter.
        var closing = closeDelimiter
        if kind == .triple {
            closing.insert(ASCII.closeBrace, at: 0)
        } else if kind == .delimiters {
            closing.insert(ASCII.equals, at: 0)
        }
        guard let closeAt = find(closing, from: cursor) else {
            let text = String(decoding: closing, as: UTF8.self)
            throw error(.unclosedTag(closingDelimiter: text), at: lines.position(of: start))
        }
        return Tag(kind: kind, start: start, end: closeAt + closing.count, content: trimmed(cursor, closeAt))
    }

    /// Interprets one scanned tag.
    private mutating func handle(_ tag: Tag) throws(MustacheError) {
        let tagPosition = lines.position(of: tag.start)
        switch tag.kind {
        case .variable, .unescaped, .triple:
            emitText(from: position, to: tag.start)
            markLineStart(at: tag.start)
            let name = try parseName(tag.content, at: tagPosition)
            let node = VariableNode(name: name, escaped: tag.kind == .variable, position: tagPosition)
            append(.variable(node))
            position = tag.end
        case .comment:
            _ = consumeStandalone(tag)
        case .delimiters:
            _ = consumeStandalone(tag)
            try setDelimiters(tag.content, at: tagPosition)
        case .partial:
            let indent = consumeStandalone(tag)
            let target = try parseTarget(tag.content, at: tagPosition)
            let node = PartialNode(
                target: target, indent: indent ?? [], templateIndex: templateIndex, position: tagPosition)
            append(.partial(node))
        case .section, .inverted:
            _ = consumeStandalone(tag)
            let name = try parseName(tag.content, at: tagPosition)
            try push(Frame(kind: .section(name, inverted: tag.kind == .inverted), name: name.text,
                           position: tagPosition))
        case .block:
            try openBlock(tag, at: tagPosition)
        case .parent:
            try openParent(tag, at: tagPosition)
        case .close:
            try close(tag, at: tagPosition)
        }
    }

    /// Handles an end tag: matches it with the innermost open frame and turns that frame into a node.
    private mutating func close(_ tag: Tag, at tagPosition: SourcePosition) throws(MustacheError) {
        let found = String(decoding: tag.content, as: UTF8.self)
        guard frames.count > 1 else {
            throw error(.unexpectedSectionEnd(name: found), at: tagPosition)
        }
        let frame = frames[frames.count - 1]
        guard frame.name == found else {
            throw error(.mismatchedSectionEnd(expected: frame.name, found: found), at: tagPosition)
        }
        switch frame.kind {
        case .root:
            throw error(.unexpectedSectionEnd(name: found), at: tagPosition)
        case .section(let name, let inverted):
            _ = consumeStandalone(tag)
            let body = pop().body
            append(.section(SectionNode(name: name, inverted: inverted, body: body, position: frame.position)))
        case .block(let block):
            closeBlock(tag, frame: frame, block: block)
        case .parent(let parent):
            closeParent(tag, frame: frame, parent: parent)
        }
    }

    /// Applies a set-delimiter tag (delimiters.yml): two delimiters separated by whitespace.
    private mutating func setDelimiters(_ content: [UInt8], at tagPosition: SourcePosition) throws(MustacheError) {
        let parts = content.split(whereSeparator: ASCII.isWhitespace)
        guard parts.count == 2, !parts.contains(where: { $0.contains(ASCII.equals) }) else {
            throw error(.invalidDelimiters(String(decoding: content, as: UTF8.self)), at: tagPosition)
        }
        openDelimiter = Array(parts[0])
        closeDelimiter = Array(parts[1])
    }

    // MARK: - Frames

    mutating func push(_ frame: Frame) throws(MustacheError) {
        guard frames.count <= MustacheTemplate.maxSectionNesting else {
            throw error(.nestingTooDeep(limit: MustacheTemplate.maxSectionNesting), at: frame.position)
        }
        var frame = frame
        frame.savedDedent = dedent
        frame.savedSuppressedLineStart = suppressedLineStart
        frames.append(frame)
    }

    /// Removes the innermost frame, restores the whitespace state that was current when it opened and returns
    /// the nodes of its body.
    mutating func pop() -> (body: [Node], bodyStartsLine: Bool) {
        guard frames.count > 1, var frame = frames.popLast() else {
            return ([], false)
        }
        frame.flushText()
        dedent = frame.savedDedent
        suppressedLineStart = frame.savedSuppressedLineStart
        return (frame.nodes, frame.bodyStartsLine)
    }

    mutating func append(_ node: Node) {
        frames[frames.count - 1].append(node)
    }

    /// The innermost frame directly contains ignored content: it is a parent tag (~inheritance.yml).
    var insideParent: Bool {
        if case .parent = frames[frames.count - 1].kind {
            return true
        }
        return false
    }

    // MARK: - Names

    /// Parses an interpolation or section name: `.` or dotted segments without whitespace.
    mutating func parseName(_ content: [UInt8], at tagPosition: SourcePosition) throws(MustacheError) -> TagName {
        guard !content.isEmpty else {
            throw error(.emptyTagName, at: tagPosition)
        }
        let text = String(decoding: content, as: UTF8.self)
        if let known = names[text] { return known }
        if content == [ASCII.dot] {
            return TagName(text: text, segments: [])
        }
        let segments = content.split(separator: ASCII.dot, omittingEmptySubsequences: false)
        guard !content.contains(where: ASCII.isWhitespace), !segments.contains(where: { $0.isEmpty }) else {
            throw error(.invalidTagName(text), at: tagPosition)
        }
        let name = TagName(text: text, segments: segments.map { String(decoding: $0, as: UTF8.self) })
        names[text] = name
        return name
    }

    /// Parses a partial or parent name: a fixed template name, or `*name` for a dynamic one.
    mutating func parseTarget(_ content: [UInt8], at tagPosition: SourcePosition) throws(MustacheError) -> PartialTarget {
        guard !content.isEmpty else {
            throw error(.emptyTagName, at: tagPosition)
        }
        if content[0] == ASCII.asterisk {
            let rest = Array(content.dropFirst().drop(while: ASCII.isWhitespace))
            return .dynamic(try parseName(rest, at: tagPosition))
        }
        let name = String(decoding: content, as: UTF8.self)
        guard !content.contains(where: ASCII.isWhitespace) else {
            throw error(.invalidTagName(name), at: tagPosition)
        }
        let index = partialIndex[name]
        if index == nil && requirePartials {
            throw error(.partialNotFound(name: name), at: tagPosition)
        }
        return .fixed(name: name, index: index)
    }

    func error(_ kind: MustacheError.Kind, at tagPosition: SourcePosition) -> MustacheError {
        MustacheError(
            kind: kind, templateName: templateName, line: tagPosition.line, column: tagPosition.column,
            sourceLine: SourceLines.text(ofLine: tagPosition.line, in: bytes))
    }

    // MARK: - Byte helpers

    /// The first occurrence of `needle` at or after `start`.
    func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= bytes.count else {
            return nil
        }
        var index = start
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == first {
                var matched = 1
                while matched < needle.count && bytes[index + matched] == needle[matched] {
                    matched += 1
                }
                if matched == needle.count {
                    return index
                }
            }
            index += 1
        }
        return nil
    }

    /// `bytes[start..<end]` without surrounding whitespace.
    private func trimmed(_ start: Int, _ end: Int) -> [UInt8] {
        var low = start
        var high = end
        while low < high && ASCII.isWhitespace(bytes[low]) {
            low += 1
        }
        while high > low && ASCII.isWhitespace(bytes[high - 1]) {
            high -= 1
        }
        return Array(bytes[low..<high])
    }
}
