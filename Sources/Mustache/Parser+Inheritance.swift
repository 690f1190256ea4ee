// Parser rules for block (`{{$name}}`) and parent (`{{<name}}`) tags from the optional ~inheritance.yml spec.
//
// Whitespace follows the reindentation rules of mustache/spec PR #131 (the "Standalone …" and
// "… indentation" tests): content directly inside a parent tag is ignored, so tags there only need to be
// clear on the side that is not ignored; a block whose opening tag ends its line has its intrinsic
// indentation (the blanks of its first line) removed where it is defined and re-added where it is expanded.

extension Parser {
    /// Opens a block: an override when directly inside a parent tag, a default (an expansion site) otherwise.
    mutating func openBlock(_ tag: Tag, at tagPosition: SourcePosition) throws(MustacheError) {
        let name = try parseBlockName(tag.content, at: tagPosition)
        if insideParent {
            // Whatever precedes the tag inside the parent is ignored, so only the right side matters.
            if let bodyStart = clearRight(of: tag.end) {
                let info = Frame.BlockInfo(isOverride: true, standalone: true, expansionIndent: [])
                try push(Frame(kind: .block(info), name: name, position: tagPosition))
                beginBody(at: bodyStart, dedent: leadingBlanks(at: bodyStart))
            } else {
                let info = Frame.BlockInfo(isOverride: true, standalone: false, expansionIndent: [])
                try push(Frame(kind: .block(info), name: name, position: tagPosition))
                beginBody(at: tag.end, dedent: dedent)
            }
            return
        }
        if let lineStart = clearLeft(of: tag.start), let bodyStart = clearRight(of: tag.end) {
            // "Intrinsic indentation": the first line of the default content decides the indentation.
            emitText(from: position, to: max(position, lineStart))
            let intrinsic = leadingBlanks(at: bodyStart)
            let info = Frame.BlockInfo(isOverride: false, standalone: true, expansionIndent: relative(intrinsic))
            try push(Frame(kind: .block(info), name: name, position: tagPosition))
            beginBody(at: bodyStart, dedent: intrinsic)
        } else {
            // Inline block: blanks before it stay literal text, and further lines get the same indentation.
            emitText(from: position, to: tag.start)
            markLineStart(at: tag.start)
            let indent = clearLeft(of: tag.start).map { relative($0, tag.start) } ?? []
            let info = Frame.BlockInfo(isOverride: false, standalone: false, expansionIndent: indent)
            try push(Frame(kind: .block(info), name: name, position: tagPosition))
            beginBody(at: tag.end, dedent: dedent)
        }
    }

    /// Closes a block frame and appends its node.
    mutating func closeBlock(_ tag: Tag, frame: Frame, block: Frame.BlockInfo) {
        if block.isOverride {
            // The end tag may stand on its own line; what follows it is ignored parent content, so the line
            // end is never removed here.
            emitText(from: position, to: clearLeft(of: tag.start).map { max(position, $0) } ?? tag.start)
            position = tag.end
        } else {
            _ = consumeStandalone(tag)
        }
        let (body, bodyStartsLine) = pop()
        let node = BlockNode(
            name: frame.name, body: body, bodyStartsLine: bodyStartsLine, expansionIndent: block.expansionIndent,
            standalone: block.standalone, position: frame.position)
        append(.block(node))
    }

    /// Opens a parent tag. Blanks before it are held back until the end tag shows whether the pair stands
    /// alone ("Standalone parent").
    mutating func openParent(_ tag: Tag, at tagPosition: SourcePosition) throws(MustacheError) {
        let target = try parseTarget(tag.content, at: tagPosition)
        let lineStart = clearLeft(of: tag.start)
        emitText(from: position, to: lineStart.map { max(position, $0) } ?? tag.start)
        let info = Frame.ParentInfo(target: target, lineStart: lineStart, tagStart: tag.start)
        let name = String(decoding: tag.content, as: UTF8.self)
        try push(Frame(kind: .parent(info), name: name, position: tagPosition))
        position = tag.end
    }

    /// Closes a parent frame: keeps only its block overrides, as the spec ignores other content there.
    mutating func closeParent(_ tag: Tag, frame: Frame, parent: Frame.ParentInfo) {
        let body = pop().body
        let overrides: [BlockNode] = body.compactMap { node in
            if case .block(let block) = node {
                return block
            }
            return nil
        }
        var indent: [UInt8] = []
        if let lineStart = parent.lineStart, let next = clearRight(of: tag.end) {
            indent = relative(lineStart, parent.tagStart)
            position = next
        } else {
            if let lineStart = parent.lineStart {
                emitText(from: lineStart, to: parent.tagStart)
            }
            markLineStart(at: parent.tagStart)
            position = tag.end
        }
        let node = ParentNode(
            target: parent.target, overrides: overrides, indent: indent, templateIndex: templateIndex,
            position: frame.position)
        append(.parent(node))
    }

    /// Starts a block body: its first line's indentation is emitted by the expansion, not by the text.
    private mutating func beginBody(at bodyStart: Int, dedent newDedent: [UInt8]) {
        dedent = newDedent
        suppressedLineStart = bodyStart
        position = bodyStart
    }

    private func parseBlockName(_ content: [UInt8], at tagPosition: SourcePosition) throws(MustacheError) -> String {
        guard !content.isEmpty else {
            throw error(.emptyTagName, at: tagPosition)
        }
        let name = String(decoding: content, as: UTF8.self)
        guard !content.contains(where: ASCII.isWhitespace) else {
            throw error(.invalidTagName(name), at: tagPosition)
        }
        return name
    }
}
