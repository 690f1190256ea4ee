// TextWrapper: greedy word wrapping for plain text, with line breaks allowed between CJK characters.

/// Wraps one logical line into physical lines of at most `width` columns where break points allow.
enum TextWrapper {
    /// Splits `line` (whose first `prefixLength` bytes are a list marker or indentation) at spaces, or
    /// between wide (CJK) characters, into lines of at most `width` columns. Continuation lines start with
    /// `indent` spaces. A word longer than the width (a URL) is left whole. Trailing spaces are removed.
    static func wrap(_ line: [UInt8], prefixLength: Int, indent: Int, width: Int) -> [[UInt8]] {
        var end = line.count
        while end > prefixLength, line[end - 1] == ASCII.space { end -= 1 }
        let content = line[..<end]
        if columns(content) <= width { return [Array(content)] }
        var lines: [[UInt8]] = []
        var current = Array(line[..<prefixLength])
        var currentWidth = columns(current[...])
        var minimumBreak = current.count          // never break inside the prefix
        var breakAt: Int?
        var breakIsSpace = false
        var previousWide = false
        var index = prefixLength
        while index < end {
            let byte = line[index]
            let length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
            let scalarEnd = min(index + length, end)
            let value = scalarValue(line, index, scalarEnd)
            let wide = isWide(value)
            if byte == ASCII.space {
                if current.count > minimumBreak {
                    breakAt = current.count
                    breakIsSpace = true
                }
            } else if (wide || previousWide) && current.count > minimumBreak && !isClosingPunctuation(value) {
                breakAt = current.count
                breakIsSpace = false
            }
            current.append(contentsOf: line[index..<scalarEnd])
            currentWidth += byte == ASCII.space ? 1 : (wide ? 2 : 1)
            previousWide = wide
            index = scalarEnd
            if currentWidth > width, let split = breakAt {
                var head = Array(current[..<split])
                while let last = head.last, last == ASCII.space { head.removeLast() }
                lines.append(head)
                let tail = current[(breakIsSpace ? split + 1 : split)...]
                current = Array(repeating: ASCII.space, count: indent) + tail
                currentWidth = columns(current[...])
                minimumBreak = indent
                breakAt = nil
            }
        }
        while let last = current.last, last == ASCII.space { current.removeLast() }
        if current.count > minimumBreak || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// The display width of UTF-8 `bytes` in columns (wide characters count two).
    static func columns(_ bytes: ArraySlice<UInt8>) -> Int {
        var total = 0
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            let length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
            let end = min(index + length, bytes.endIndex)
            total += isWide(scalarValue(bytes, index, end)) ? 2 : 1
            index = end
        }
        return total
    }

    private static func scalarValue<Bytes: Collection<UInt8>>(_ bytes: Bytes, _ start: Bytes.Index, _ end: Bytes.Index)
        -> UInt32 where Bytes.Index == Int {
        let first = UInt32(bytes[start])
        let length = end - start
        if length == 1 { return first }
        var value = first & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for position in (start + 1)..<end { value = value << 6 | UInt32(bytes[position] & 0x3F) }
        return value
    }

    // East Asian Wide and Fullwidth ranges (UAX #11), the common blocks only.
    private static func isWide(_ value: UInt32) -> Bool {
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
