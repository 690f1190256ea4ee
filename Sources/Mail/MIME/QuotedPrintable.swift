// QuotedPrintable: the quoted-printable content-transfer-encoding for text bodies (RFC 2045 §6.7).

/// Quoted-printable encoding of text whose line ends may be CR, LF or CRLF; every line end is written
/// as a CRLF hard break.
enum QuotedPrintable {
    // RFC 2045 §6.7 rule 5: encoded lines must not be longer than 76 characters, not counting the CRLF;
    // a soft break's "=" counts, so a line that continues holds at most 75 other characters.
    static let maxLineLength = 76

    /// True when `bytes` has `From ` at `index` (an mbox separator some agents rewrite as `>From `).
    @inline(__always)
    static func startsFromLine(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        index + 5 <= bytes.count && bytes[index] == 0x46 && bytes[index + 1] == 0x72 && bytes[index + 2] == 0x6F
            && bytes[index + 3] == 0x6D && bytes[index + 4] == ASCII.space
    }

    /// Appends the quoted-printable form of `bytes` to `out`, ending with CRLF, and returns what
    /// `TransferEncoding.choose` needs to know about the text, gathered on the way: one pass instead of a scan
    /// to choose and another to encode (most non-ASCII bodies end up quoted-printable).
    ///
    /// - Parameter stopAtBase64: give up as soon as the text is sure to go as base64 (escapes only add up and
    ///   a text that is not plain never becomes plain again); `out` then holds an unfinished encoding.
    @discardableResult
    static func append(
        _ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8], stopAtBase64: Bool = false
    ) -> TextStatistics {
        guard let source = bytes.baseAddress else { return TextStatistics() }
        // Worst case: every octet escaped (3 characters; a bare CR or LF becomes 2), a final CRLF, and a
        // soft break ("=" CRLF). A line is only broken once it holds 64 characters or more (no unit is
        // wider than 12), which takes at least 21 input octets, so one soft break per 16 octets is an
        // upper bound. One more byte because an escape is stored as four bytes. The unused tail is removed
        // afterwards.
        let bound = bytes.count * 3 + (bytes.count / 16 + 1) * 3 + 2 + 1
        let start = out.count
        var written = 0
        var statistics = TextStatistics()
        out.appendUninitialized(count: bound) { target in
            written = encode(
                bytes, source, into: target, statistics: &statistics,
                escapeLimit: stopAtBase64 ? TransferEncoding.maxQuotedPrintableEscapes(count: bytes.count) : Int.max)
        }
        out.removeLast(out.count - start - written)
        return statistics
    }

    /// Encodes into `target` (at least `append`'s bound long); returns the bytes written.
    ///
    /// `statistics` follows the input, not the output: its lines end only at CR or LF (not at soft breaks).
    /// The fast path takes only bytes that change none of it (0x20–0x7E but `=`, never a line's first byte,
    /// never whitespace that ends a line), so only the byte path updates it.
    private static func encode(
        _ bytes: UnsafeBufferPointer<UInt8>, _ source: UnsafePointer<UInt8>, into target: UnsafeMutablePointer<UInt8>,
        statistics: inout TextStatistics, escapeLimit: Int
    ) -> Int {
        let count = bytes.count
        var written = 0
        var lineLength = 0
        var index = 0
        var inputLineStart = 0
        @inline(__always) func put(_ byte: UInt8) {
            target[written] = byte
            written += 1
        }
        let escapes = escapeTable
        @inline(__always) func putEscaped(_ byte: UInt8) {
            // One 4-byte store of "=XY" plus a byte the next write overwrites (the bound leaves room for it).
            UnsafeMutableRawPointer(target + written).storeBytes(of: escapes[Int(byte)], as: UInt32.self)
            written += 3
        }
        while index < count {
            // Fast path: runs of plain printable bytes are copied eight at a time (each word stored whole; only
            // its plain prefix counts, the rest is overwritten later; the bound leaves room), as far as the
            // line has room before a soft break. A space that would end the line is left to the byte path
            // (rule 3 needs it escaped): a run holds no CR or LF, so only its last byte can be one.
            if lineLength > 0 {
                let limit = min(count, index + maxLineLength - 1 - lineLength)
                var end = index
                while end &+ 8 <= count {
                    let word = WordScan.load(source, end)
                    UnsafeMutableRawPointer(target + written + (end &- index)).storeBytes(of: word, as: UInt64.self)
                    let stops = WordScan.stops(word)
                    if stops == 0 && end &+ 8 <= limit {
                        end &+= 8
                        continue
                    }
                    end &+= min(stops == 0 ? 8 : stops.trailingZeroBitCount &>> 3, limit &- end)
                    break
                }
                if end > index && bytes[end - 1] == ASCII.space
                    && (end == count || bytes[end] == ASCII.carriageReturn || bytes[end] == ASCII.lineFeed)
                {
                    end -= 1
                }
                if end > index {
                    written &+= end &- index
                    lineLength &+= end &- index
                    index = end
                    // The run stopped at a byte the fast path does not take (or at a full line): that byte
                    // goes straight to the byte path below rather than through this path again.
                    if index == count { break }
                }
            }
            let byte = bytes[index]
            if byte == ASCII.carriageReturn || byte == ASCII.lineFeed {
                put(ASCII.carriageReturn)
                put(ASCII.lineFeed)
                lineLength = 0
                statistics.maxLineLength = max(statistics.maxLineLength, index - inputLineStart)
                index += byte == ASCII.carriageReturn && index + 1 < count && bytes[index + 1] == ASCII.lineFeed ? 2 : 1
                inputLineStart = index
                continue
            }
            // Fast path for `=` and UTF-8 sequences that fit on the line whatever follows them (no soft break,
            // so line ends do not matter): each escaped whole and counted as `TextStatistics.note` would, and
            // the next one taken at once (CJK text is runs of sequences; HTML attributes are `=` then `"`).
            var tookEscaped = false
            while index < count {
                let lead = bytes[index]
                if lead == ASCII.equals {
                    guard lineLength + 3 <= maxLineLength - 1 else { break }
                    putEscaped(lead)
                    lineLength += 3
                    statistics.escapes += 1
                    if index + 1 < count && bytes[index + 1] == ASCII.underscore { statistics.plain = false }
                    index += 1
                    tookEscaped = true
                    if statistics.escapes > escapeLimit && !statistics.plain { return written }
                    continue
                }
                guard lead >= 0xC2 && lead <= 0xF4 else { break }
                let expected = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
                guard index + expected <= count, lineLength + 3 * expected <= maxLineLength - 1,
                    isContinuation(bytes, from: index + 1, to: index + expected)
                else { break }
                for position in index..<(index + expected) { putEscaped(bytes[position]) }
                lineLength += 3 * expected
                statistics.escapes += expected
                statistics.plain = false
                index += expected
                tookEscaped = true
                if statistics.escapes > escapeLimit { return written }
            }
            if tookEscaped { continue }
            // A unit is one octet, or a whole UTF-8 sequence kept on one line for readability.
            var unitLength = 1
            if byte >= 0xC2 && byte <= 0xF4 {
                let expected = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                // Only a real sequence: a lead byte before a line end must not take the CR into its unit,
                // where it would be escaped instead of ending the line (found by fuzzing; docs/fuzzing.md).
                if index + expected <= count, isContinuation(bytes, from: index + 1, to: index + expected) {
                    unitLength = expected
                }
            }
            let next = index + unitLength
            let endsLine = next == count || bytes[next] == ASCII.carriageReturn || bytes[next] == ASCII.lineFeed
            statistics.note(bytes, unit: index..<next, endsLine: endsLine, startsLine: index == inputLineStart)
            if statistics.escapes > escapeLimit && !statistics.plain { return written }
            var escaped = unitLength > 1 || needsEscape(byte, endsLine: endsLine)
            var width = escaped ? 3 * unitLength : 1
            if lineLength + width > (endsLine ? maxLineLength : maxLineLength - 1) {
                put(ASCII.equals)      // RFC 2045 §6.7 rule 5: soft line break
                put(ASCII.carriageReturn)
                put(ASCII.lineFeed)
                lineLength = 0
            }
            if lineLength == 0 && !escaped && startsFromLine(bytes, at: index) {
                escaped = true
                width = 3
            }
            if escaped {
                for position in index..<next { putEscaped(bytes[position]) }
            } else {
                put(byte)
            }
            lineLength += width
            index = next
        }
        if lineLength > 0 {
            put(ASCII.carriageReturn)
            put(ASCII.lineFeed)
        }
        statistics.maxLineLength = max(statistics.maxLineLength, count - inputLineStart)
        return written
    }

    /// True when every byte in `start..<end` is a UTF-8 continuation byte (10xxxxxx).
    @inline(__always)
    private static func isContinuation(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        var position = start
        while position < end {
            if bytes[position] & 0xC0 != 0x80 { return false }
            position += 1
        }
        return true
    }

    /// "=XY" for every octet, little-endian in a `UInt32` (the fourth byte is scratch).
    private static let escapeTable: [UInt32] = (0...255).map { (value: Int) -> UInt32 in
        let byte = UInt8(value)
        return UInt32(ASCII.equals) | UInt32(ASCII.hexDigit(byte >> 4)) << 8 | UInt32(ASCII.hexDigit(byte & 0x0F)) << 16
    }

    // RFC 2045 §6.7 rules 1–3: "=" and non-printables are escaped; so is whitespace ending a line.
    @inline(__always)
    private static func needsEscape(_ byte: UInt8, endsLine: Bool) -> Bool {
        if byte == ASCII.space || byte == ASCII.tab { return endsLine }
        return byte < 0x21 || byte > 0x7E || byte == ASCII.equals
    }
}
