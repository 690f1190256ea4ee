// RFC2047: non-ASCII header text as encoded-words (RFC 2047 §2, §4, §5), folded to RFC 5322 line limits.

/// Encodes header values: unstructured text (Subject, custom fields) and display-name phrases.
///
/// ASCII words are written as they are and folded at whitespace. Each run of words that needs encoding
/// (non-ASCII, or ASCII that looks like an encoded-word, `=?`) becomes UTF-8 encoded-words, "B" or "Q",
/// whichever is shorter for the run. Encoded-words are split between grapheme clusters, so no UTF-8
/// sequence or user-perceived character is ever cut in two, and each fits its line.
public enum RFC2047 {
    // RFC 2047 §2: an encoded-word may not be more than 75 characters long, including charset,
    // encoding, encoded-text and delimiters.
    static let maxEncodedWordLength = 75
    private static let prefixB: [UInt8] = Array("=?utf-8?B?".utf8)
    private static let prefixQ: [UInt8] = Array("=?utf-8?Q?".utf8)
    // "=?utf-8?X?" plus "?=".
    static let overhead = 12
    // An encoded-word shorter than this is not worth starting at the end of a line.
    private static let minimumUsefulWord = overhead + 8
    // A plain word longer than this could not share a 998-octet line with a field name, so it is
    // encoded (and so split) instead.
    static let longestPlainWord = 900

    /// Encodes an unstructured header value and folds it as it would follow `fieldName: `.
    ///
    /// Leading and trailing whitespace is removed: unfolding (RFC 5322 §2.2.3) and common parsers do not
    /// keep it reliably. Tabs are allowed; other control characters are refused.
    ///
    /// - Parameters:
    ///   - value: the text, such as a subject.
    ///   - fieldName: the field it belongs to; only its length matters, for the first line.
    /// - Returns: the folded value, continuation lines separated by CRLF followed by whitespace, with no
    ///   final CRLF.
    /// - Throws: `MIMEError` `control-character` for CR, LF, NUL or another control character.
    public static func encodeHeaderValue(_ value: String, fieldName: String) throws(MIMEError) -> String {
        var writer = HeaderWriter(out: [])
        writer.begin(fieldName)
        let valueStart = writer.out.count
        try writeUnstructured(value, field: fieldName, into: &writer)
        return String(decoding: writer.out[valueStart...], as: UTF8.self)
    }

    // MARK: - Unstructured text (RFC 5322 §3.2.5, RFC 2047 §5 rule 1)

    /// Writes an unstructured value into an open field.
    static func writeUnstructured(_ value: String, field: String, into writer: inout HeaderWriter) throws(MIMEError) {
        try value.withUTF8Buffer { bytes -> Result<Void, MIMEError> in
            if ASCII.containsForbiddenControl(bytes, allowTab: true) {
                return .failure(MIMEError(.controlCharacter(field: field)))
            }
            do throws(MIMEError) {
                try writeWords(bytes, into: &writer)
                return .success(())
            } catch {
                return .failure(error)
            }
        }.get()
    }

    private static func writeWords(
        _ bytes: UnsafeBufferPointer<UInt8>, into writer: inout HeaderWriter
    ) throws(MIMEError) {
        var start = 0
        var end = bytes.count
        while start < end, ASCII.isWhitespace(bytes[start]) { start += 1 }
        while end > start, ASCII.isWhitespace(bytes[end - 1]) { end -= 1 }
        var index = start
        // A run of consecutive words that need encoding: whitespace before it, and its extent.
        var run: (separator: Range<Int>, start: Int, end: Int)?
        while index < end {
            let spaceStart = index
            while index < end, ASCII.isWhitespace(bytes[index]) { index += 1 }
            let wordStart = index
            var needsEncoding = false
            while index < end, !ASCII.isWhitespace(bytes[index]) {
                let byte = bytes[index]
                if byte >= 0x80 || (byte == ASCII.equals && index + 1 < end && bytes[index + 1] == ASCII.questionMark) {
                    needsEncoding = true
                }
                index += 1
            }
            if index - wordStart > longestPlainWord { needsEncoding = true }
            if needsEncoding {
                if run != nil {
                    run?.end = index
                } else {
                    run = (spaceStart..<wordStart, wordStart, index)
                }
                continue
            }
            if let pending = run {
                try writeEncodedWords(
                    UnsafeBufferPointer(rebasing: bytes[pending.start..<pending.end]),
                    firstSeparator: UnsafeBufferPointer(rebasing: bytes[pending.separator]), into: &writer)
                run = nil
            }
            try writer.append(
                UnsafeBufferPointer(rebasing: bytes[wordStart..<index]),
                separator: UnsafeBufferPointer(rebasing: bytes[spaceStart..<wordStart]))
        }
        if let pending = run {
            try writeEncodedWords(
                UnsafeBufferPointer(rebasing: bytes[pending.start..<pending.end]),
                firstSeparator: UnsafeBufferPointer(rebasing: bytes[pending.separator]), into: &writer)
        }
    }

    // MARK: - Display names (RFC 5322 §3.2.5 phrase, RFC 2047 §5 rule 3)

    /// Writes a display name as atoms, a quoted string or encoded-words, whichever the text allows.
    /// Tabs are kept (as whitespace inside a quoted string, RFC 5322 §3.2.4 FWS); other control
    /// characters are refused.
    ///
    /// - Returns: false when the trimmed name is empty and nothing was written.
    static func writePhrase<Separator: Collection>(
        _ name: String, field: String, separator: Separator, into writer: inout HeaderWriter
    ) throws(MIMEError) -> Bool where Separator.Element == UInt8 {
        try name.withUTF8Buffer { bytes -> Result<Bool, MIMEError> in
            if ASCII.containsForbiddenControl(bytes, allowTab: true) {
                return .failure(MIMEError(.controlCharacter(field: field + " display name")))
            }
            var start = 0
            var end = bytes.count
            while start < end, ASCII.isWhitespace(bytes[start]) { start += 1 }
            while end > start, ASCII.isWhitespace(bytes[end - 1]) { end -= 1 }
            if start == end { return .success(false) }
            let text = UnsafeBufferPointer(rebasing: bytes[start..<end])
            do throws(MIMEError) {
                try writePhraseText(text, separator: separator, into: &writer)
                return .success(true)
            } catch {
                return .failure(error)
            }
        }.get()
    }

    private static func writePhraseText<Separator: Collection>(
        _ text: UnsafeBufferPointer<UInt8>, separator: Separator, into writer: inout HeaderWriter
    ) throws(MIMEError) where Separator.Element == UInt8 {
        var atomsOnly = true
        var needsEncoding = false
        var previousWasSpace = false
        for index in 0..<text.count {
            let byte = text[index]
            let startsEncodedWord = byte == ASCII.equals && index + 1 < text.count
                && text[index + 1] == ASCII.questionMark
            if byte >= 0x80 || startsEncodedWord {
                needsEncoding = true
                break
            }
            if byte == ASCII.space {
                if previousWasSpace { atomsOnly = false }
                previousWasSpace = true
            } else {
                previousWasSpace = false
                if !ASCII.isAtext(byte) { atomsOnly = false }
            }
        }
        if needsEncoding || text.count > longestPlainWord {
            try writeEncodedWords(text, firstSeparator: separator, fillsLine: false, into: &writer)
        } else if atomsOnly {
            var first = true
            for word in text.split(separator: ASCII.space) {
                if first {
                    try writer.append(word, separator: separator)
                } else {
                    try writer.append(spaced: word)
                }
                first = false
            }
        } else {
            // RFC 5322 §3.2.4 quoted-string: only '"' and '\' need a quoted-pair.
            var quoted: [UInt8] = [ASCII.quote]
            quoted.reserveCapacity(text.count + 4)
            for byte in text {
                if byte == ASCII.quote || byte == ASCII.backslash { quoted.append(ASCII.backslash) }
                quoted.append(byte)
            }
            quoted.append(ASCII.quote)
            try writer.append(quoted, separator: separator)
        }
    }

    // MARK: - Encoded-words

    @inline(__always)
    private static func qCost(_ byte: UInt8) -> Int { byte == ASCII.space || ASCII.isQSafe(byte) ? 1 : 3 }

    /// Writes `bytes` as one or more encoded-words. The first follows `firstSeparator`; the rest follow a
    /// single space, which decoders drop between adjacent encoded-words (RFC 2047 §6.2).
    ///
    /// With `fillsLine` the first word is sized to use the rest of the current line (unstructured text).
    /// Without it each word is sized for a line of its own, so a short display name stays one word:
    /// Python's address parser, unlike RFC 2047 §6.2, keeps the space between adjacent encoded-words.
    static func writeEncodedWords<Separator: Collection>(
        _ bytes: UnsafeBufferPointer<UInt8>, firstSeparator: Separator, fillsLine: Bool = true,
        into writer: inout HeaderWriter
    ) throws(MIMEError) where Separator.Element == UInt8 {
        var qTotal = 0
        for byte in bytes { qTotal += qCost(byte) }
        var splitter = EncodedWordSplitter(
            bytes: bytes, useB: Base64.encodedLength(bytes.count) < qTotal,
            firstSeparator: Array(firstSeparator), fillsLine: fillsLine)
        splitter.startChunk(writer: writer)
        let text = String(decoding: bytes, as: UTF8.self)
        var offset = 0
        for character in text {
            let length = character.utf8.count
            var cost = 0
            for position in offset..<(offset + length) { cost += qCost(bytes[position]) }
            if splitter.payloadLength(length, cost) + overhead <= maxEncodedWordLength {
                try splitter.add(length: length, qCost: cost, writer: &writer)
            } else {
                // A grapheme cluster too long for any encoded-word: split it between scalars instead.
                for scalar in character.unicodeScalars {
                    let scalarLength = UTF8.width(scalar)
                    var scalarCost = 0
                    for position in offset..<(offset + scalarLength) { scalarCost += qCost(bytes[position]) }
                    try splitter.add(length: scalarLength, qCost: scalarCost, writer: &writer)
                    offset += scalarLength
                }
                continue
            }
            offset += length
        }
        try splitter.flush(writer: &writer)
    }

    /// Accumulates units (grapheme clusters) into encoded-words that fit the line they will go on.
    private struct EncodedWordSplitter {
        let bytes: UnsafeBufferPointer<UInt8>
        let useB: Bool
        let fillsLine: Bool
        var separator: [UInt8]
        var chunkStart = 0
        var chunkEnd = 0
        var chunkQCost = 0
        var capacity = RFC2047.maxEncodedWordLength

        init(bytes: UnsafeBufferPointer<UInt8>, useB: Bool, firstSeparator: [UInt8], fillsLine: Bool) {
            self.bytes = bytes
            self.useB = useB
            self.fillsLine = fillsLine
            self.separator = firstSeparator
        }

        func payloadLength(_ length: Int, _ qCost: Int) -> Int {
            useB ? Base64.encodedLength(length) : qCost
        }

        /// Sizes the next encoded-word: the rest of the current line when that is worth using, otherwise
        /// a whole continuation line (the writer then folds before it).
        mutating func startChunk(writer: HeaderWriter) {
            let room = writer.room(separatorLength: separator.count)
            let fullLine = HeaderWriter.preferredLineLength - separator.count
            if writer.lineHasToken {
                let useRest = fillsLine && room >= RFC2047.minimumUsefulWord
                capacity = min(RFC2047.maxEncodedWordLength, useRest ? room : fullLine)
            } else {
                capacity = max(min(RFC2047.maxEncodedWordLength, room), RFC2047.minimumUsefulWord)
            }
        }

        mutating func add(length: Int, qCost: Int, writer: inout HeaderWriter) throws(MIMEError) {
            let grown = payloadLength(chunkEnd - chunkStart + length, chunkQCost + qCost)
            if chunkEnd > chunkStart && RFC2047.overhead + grown > capacity {
                try flush(writer: &writer)
                separator = [ASCII.space]
                startChunk(writer: writer)
            }
            chunkEnd += length
            chunkQCost += qCost
        }

        mutating func flush(writer: inout HeaderWriter) throws(MIMEError) {
            guard chunkEnd > chunkStart else { return }
            let chunk = UnsafeBufferPointer(rebasing: bytes[chunkStart..<chunkEnd])
            let length = RFC2047.overhead + payloadLength(chunk.count, chunkQCost)
            let useB = self.useB
            try writer.appendToken(length: length, separator: separator) { out in
                out.append(contentsOf: useB ? RFC2047.prefixB : RFC2047.prefixQ)
                if useB {
                    Base64.append(chunk, to: &out)
                } else {
                    RFC2047.appendQ(chunk, to: &out)
                }
                out.append(ASCII.questionMark)
                out.append(ASCII.equals)
            }
            chunkStart = chunkEnd
            chunkQCost = 0
        }
    }

    /// RFC 2047 §4.2 "Q": space as "_", the phrase-safe set literal, everything else as "=XX".
    static func appendQ(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        for byte in bytes {
            if byte == ASCII.space {
                out.append(ASCII.underscore)
            } else if ASCII.isQSafe(byte) {
                out.append(byte)
            } else {
                out.append(ASCII.equals)
                out.append(ASCII.hexDigit(byte >> 4))
                out.append(ASCII.hexDigit(byte & 0x0F))
            }
        }
    }
}
