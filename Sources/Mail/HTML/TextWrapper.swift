// TextWrapper: greedy word wrapping for plain text, with line breaks allowed between CJK characters.

/// Wraps one logical line into physical lines of at most `width` columns where break points allow.
enum TextWrapper {
    /// Appends `line` to `out` as one or more LF-terminated lines. The first `prefixLength` bytes of `line`
    /// are a list marker or indentation that is never broken; continuation lines start with `indent`
    /// spaces. Breaks go at spaces, or between wide (CJK) characters; a word longer than the width (a URL)
    /// stays whole. Trailing spaces are removed.
    ///
    /// - Returns: with `measuring`, the width in columns of the widest line written; otherwise 0.
    static func wrap(
        _ line: UnsafeBufferPointer<UInt8>, prefixLength: Int, indent: Int, width: Int, measuring: Bool,
        into out: inout [UInt8]
    ) -> Int {
        var end = line.count
        while end > prefixLength, line[end - 1] == ASCII.space { end -= 1 }
        // UTF-8 never takes fewer bytes than columns, so a short line needs no measuring.
        if end <= width {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: line[..<end]))
            out.append(ASCII.lineFeed)
            return measuring ? columns(UnsafeBufferPointer(rebasing: line[..<end])) : 0
        }
        var widest = 0
        var segmentStart = prefixLength       // where the current physical line's text begins in `line`
        var firstLine = true
        var lineWidth = prefixLength          // prefixes are ASCII
        var breakAt = -1
        var breakSkip = 0
        var widthAfterBreak = 0
        var previousWide = false
        var index = prefixLength
        while index < end {
            let (value, length) = scalar(line, index, end)
            let wide = isWide(value)
            let columns = wide ? 2 : 1
            if value == 0x20 {
                if index > segmentStart {
                    breakAt = index
                    breakSkip = 1
                    widthAfterBreak = 0
                }
            } else {
                if (wide || previousWide) && index > segmentStart && !isClosingPunctuation(value) {
                    breakAt = index
                    breakSkip = 0
                    widthAfterBreak = 0
                }
                if breakAt >= 0 { widthAfterBreak += columns }
            }
            lineWidth += columns
            previousWide = wide
            index += length
            if lineWidth > width && breakAt >= 0 {
                let written = emit(line, firstLine: firstLine, prefixLength: prefixLength, indent: indent,
                                   from: segmentStart, to: breakAt, measuring: measuring, into: &out)
                widest = max(widest, written)
                firstLine = false
                segmentStart = breakAt + breakSkip
                lineWidth = indent + widthAfterBreak
                breakAt = -1
            }
        }
        let written = emit(line, firstLine: firstLine, prefixLength: prefixLength, indent: indent,
                           from: segmentStart, to: end, measuring: measuring, into: &out)
        return max(widest, written)
    }

    /// Writes one physical line (prefix or indent, then `line[from..<to]` without trailing spaces) and LF.
    private static func emit(
        _ line: UnsafeBufferPointer<UInt8>, firstLine: Bool, prefixLength: Int, indent: Int,
        from start: Int, to end: Int, measuring: Bool, into out: inout [UInt8]
    ) -> Int {
        var end = end
        while end > start, line[end - 1] == ASCII.space { end -= 1 }
        let lead: Int
        if firstLine {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: line[..<prefixLength]))
            lead = prefixLength
        } else {
            out.append(contentsOf: repeatElement(ASCII.space, count: indent))
            lead = indent
        }
        let text = UnsafeBufferPointer(rebasing: line[start..<end])
        out.append(contentsOf: text)
        out.append(ASCII.lineFeed)
        return measuring ? lead + columns(text) : 0
    }

    /// The display width of UTF-8 `bytes` in columns (wide characters count two).
    static func columns(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var total = 0
        var index = 0
        while index < bytes.count {
            let (value, length) = scalar(bytes, index, bytes.count)
            total += isWide(value) ? 2 : 1
            index += length
        }
        return total
    }

    /// The scalar value and byte length of the UTF-8 sequence at `index` (input is valid UTF-8).
    @inline(__always)
    private static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int, _ end: Int) -> (UInt32, Int) {
        let first = bytes[index]
        if first < 0x80 { return (UInt32(first), 1) }
        let length = min(first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : 2, end - index)
        var value = UInt32(first) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for position in (index + 1)..<(index + length) { value = value << 6 | UInt32(bytes[position] & 0x3F) }
        return (value, length)
    }

    // East Asian Wide and Fullwidth ranges (UAX #11), the common blocks only.
    private static func isWide(_ value: UInt32) -> Bool {
        guard value >= 0x1100 else { return false }
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    // Punctuation that must not start a line in CJK text (a small part of UAX #14's CL and NS classes).
    private static func isClosingPunctuation(_ value: UInt32) -> Bool {
        switch value {
        case 0x3001, 0x3002, 0x300D, 0x300F, 0x3011, 0xFF01, 0xFF09, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF1F:
            return true
        default:
            return false
        }
    }
}
