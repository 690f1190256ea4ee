// RFC2231: MIME parameter values such as filenames, with charset and continuations (RFC 2231 §3, §4).

/// Writes `; name=value` parameters, choosing a quoted string for short plain ASCII and the RFC 2231
/// extended form (`name*=utf-8''%E6%96%87`) otherwise, split into numbered sections when long.
enum RFC2231 {
    // Keeps each section, with its name and "; ", comfortably inside a 78-character line.
    private static let maxSectionLength = 60

    /// Appends `;` to the field so far and then the parameter, each section on a foldable token.
    static func appendParameter(name: String, value: String, into writer: inout HeaderWriter) throws(MIMEError) {
        let valueBytes = Array(value.utf8)
        if let quoted = quotedForm(name: name, value: valueBytes) {
            try writer.append(CollectionOfOne(ASCII.semicolon), separator: EmptyCollection())
            try writer.append(spaced: quoted)
            return
        }
        // RFC 2231 §4: charset'language'percent-encoded octets; only attribute-chars stay literal.
        var encoded: [UInt8] = Array("utf-8''".utf8)
        // Offsets where a section may end: never inside "%XX", nor inside a UTF-8 sequence, because
        // readers such as Python's email package decode each section's octets on their own.
        var boundaries: [Int] = []
        for (index, byte) in valueBytes.enumerated() {
            if ASCII.isAttributeChar(byte) {
                encoded.append(byte)
            } else {
                encoded.append(ASCII.percent)
                encoded.append(ASCII.hexDigit(byte >> 4))
                encoded.append(ASCII.hexDigit(byte & 0x0F))
            }
            let nextIsContinuation = index + 1 < valueBytes.count && valueBytes[index + 1] & 0xC0 == 0x80
            if !nextIsContinuation { boundaries.append(encoded.count) }
        }
        let nameBytes = Array(name.utf8)
        if encoded.count + nameBytes.count + 2 <= maxSectionLength {
            try writer.append(CollectionOfOne(ASCII.semicolon), separator: EmptyCollection())
            try writer.append(spaced: nameBytes + Array("*=".utf8) + encoded)
            return
        }
        // RFC 2231 §3: name*0*=..., name*1*=... sections, reassembled in order by the reader.
        var sectionStart = 0
        var section = 0
        var boundaryIndex = 0
        while sectionStart < encoded.count {
            var sectionEnd = sectionStart
            while boundaryIndex < boundaries.count,
                boundaries[boundaryIndex] - sectionStart <= maxSectionLength || sectionEnd == sectionStart {
                sectionEnd = boundaries[boundaryIndex]
                boundaryIndex += 1
            }
            let token = nameBytes + Array("*\(section)*=".utf8) + encoded[sectionStart..<sectionEnd]
            try writer.append(CollectionOfOne(ASCII.semicolon), separator: EmptyCollection())
            try writer.append(spaced: token)
            sectionStart = sectionEnd
            section += 1
        }
    }

    /// `name="value"` when the value is short printable ASCII that no reader could take for an
    /// encoded-word; otherwise nil.
    private static func quotedForm(name: String, value: [UInt8]) -> [UInt8]? {
        guard value.count <= maxSectionLength - name.utf8.count - 3 else { return nil }
        var previous: UInt8 = 0
        for byte in value {
            if byte < ASCII.space || byte >= ASCII.delete { return nil }
            if previous == ASCII.equals && byte == ASCII.questionMark { return nil }
            previous = byte
        }
        var quoted = Array(name.utf8)
        quoted.append(ASCII.equals)
        quoted.append(ASCII.quote)
        for byte in value {
            // RFC 2045 §5.1 value as RFC 822 quoted-string: '"' and '\' need a backslash.
            if byte == ASCII.quote || byte == ASCII.backslash { quoted.append(ASCII.backslash) }
            quoted.append(byte)
        }
        quoted.append(ASCII.quote)
        return quoted
    }
}
