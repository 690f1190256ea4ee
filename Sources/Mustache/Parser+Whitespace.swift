// Parser whitespace rules: standalone tags, literal text emission, indentation points and dedenting.

extension Parser {
    /// Applies the spec's standalone rule to a tag that may stand alone (comments.yml, sections.yml, …):
    /// when only blanks surround it on its line, the whole line, line end included, disappears.
    ///
    /// Emits the text before the tag and moves `position` past the tag (and its line end when standalone).
    /// Returns the tag's indentation, relative to the current dedent, when standalone; `nil` otherwise.
    mutating func consumeStandalone(_ tag: Tag) -> [UInt8]? {
        if let lineStart = clearLeft(of: tag.start), let next = clearRight(of: tag.end) {
            emitText(from: position, to: max(position, lineStart))
            position = next
            return relative(lineStart, tag.start)
        }
        emitText(from: position, to: tag.start)
        markLineStart(at: tag.start)
        position = tag.end
        return nil
    }

    /// The start of the line containing `offset` when only blanks precede `offset` on it.
    func clearLeft(of offset: Int) -> Int? {
        var index = offset
        while index > 0 {
            let byte = bytes[index - 1]
            if byte == ASCII.newline {
                return index
            }
            guard ASCII.isBlank(byte) else {
                return nil
            }
            index -= 1
        }
        return 0
    }

    /// Where the next line begins when only blanks follow `offset` up to the line end (LF or CRLF) or the end
    /// of the source.
    func clearRight(of offset: Int) -> Int? {
        var index = offset
        while index < bytes.count && ASCII.isBlank(bytes[index]) {
            index += 1
        }
        if index == bytes.count {
            return index
        }
        if bytes[index] == ASCII.newline {
            return index + 1
        }
        if bytes[index] == ASCII.carriageReturn && index + 1 < bytes.count && bytes[index + 1] == ASCII.newline {
            return index + 2
        }
        return nil
    }

    /// The blanks that begin the line starting at `offset`.
    func leadingBlanks(at offset: Int) -> [UInt8] {
        var index = offset
        while index < bytes.count && ASCII.isBlank(bytes[index]) {
            index += 1
        }
        return Array(bytes[offset..<index])
    }

    /// `bytes[start..<end]` (blanks at the start of a line) without the part the current dedent removes.
    func relative(_ start: Int, _ end: Int) -> [UInt8] {
        var index = start
        var matched = 0
        while index < end && matched < dedent.count && bytes[index] == dedent[matched] {
            index += 1
            matched += 1
        }
        return Array(bytes[index..<end])
    }

    /// `indent` without the part the current dedent removes.
    func relative(_ indent: [UInt8]) -> [UInt8] {
        var matched = 0
        while matched < indent.count && matched < dedent.count && indent[matched] == dedent[matched] {
            matched += 1
        }
        return Array(indent[matched...])
    }

    func isLineStart(_ offset: Int) -> Bool {
        offset == 0 || bytes[offset - 1] == ASCII.newline
    }

    /// Records that a non-standalone tag begins a source line, so partial indentation is emitted before it.
    mutating func markLineStart(at offset: Int) {
        guard isLineStart(offset) else {
            return
        }
        if offset != suppressedLineStart {
            append(.lineStart)
        } else {
            frames[frames.count - 1].bodyStartsLine = true
        }
    }

    /// Appends `bytes[start..<end]` as literal text to the innermost frame, removing the current dedent from
    /// each line and recording where lines begin (for partial indentation).
    mutating func emitText(from start: Int, to end: Int) {
        guard start < end else {
            return
        }
        var text: [UInt8] = []
        text.reserveCapacity(end - start)
        var lineStarts: [Int] = []
        var index = start
        var atLineStart = isLineStart(start)
        while index < end {
            if atLineStart {
                atLineStart = false
                if index != suppressedLineStart {
                    lineStarts.append(text.count)
                } else {
                    frames[frames.count - 1].bodyStartsLine = true
                }
                var matched = 0
                while index < end && matched < dedent.count && bytes[index] == dedent[matched] {
                    index += 1
                    matched += 1
                }
            }
            while index < end {
                let byte = bytes[index]
                text.append(byte)
                index += 1
                if byte == ASCII.newline {
                    atLineStart = true
                    break
                }
            }
        }
        frames[frames.count - 1].appendText(text, lineStarts: lineStarts)
    }
}
