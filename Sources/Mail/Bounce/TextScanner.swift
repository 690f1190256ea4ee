// TextScanner: finds addresses, RFC 3463 status codes and SMTP reply codes in free text.

/// Byte-level scans over bounce text, with no regular expressions (fast on 10,000 messages).
enum TextScanner {
    /// Addresses in `text`, in order of appearance, each with the UTF-8 offset where it starts.
    static func addresses(in text: String) -> [(address: String, offset: Int)] {
        let bytes = Array(text.utf8)
        var found: [(String, Int)] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] == 0x40 else { index += 1; continue }
            var start = index
            while start > 0, isLocalByte(bytes[start - 1]) { start -= 1 }
            var end = index + 1
            while end < bytes.count, isDomainByte(bytes[end]) { end += 1 }
            // Trim dots the sentence put around it.
            while start < index, bytes[start] == 0x2E { start += 1 }
            while end > index + 1, bytes[end - 1] == 0x2E || bytes[end - 1] == 0x2D { end -= 1 }
            if start < index, end > index + 1, bytes[(index + 1)..<end].contains(0x2E) {
                found.append((String(decoding: bytes[start..<end], as: UTF8.self), start))
            }
            index = end
        }
        return found
    }

    private static func isLocalByte(_ byte: UInt8) -> Bool {
        ASCII.isAtext(byte) || byte == 0x2E
    }

    private static func isDomainByte(_ byte: UInt8) -> Bool {
        ASCII.isLDH(byte) || byte == 0x2E
    }

    /// The first RFC 3463 enhanced status code (`class.subject.detail`, class 2, 4 or 5) in `text`.
    static func enhancedStatus(in text: String) -> String? {
        let bytes = Array(text.utf8)
        var index = 0
        while index + 4 < bytes.count {
            let byte = bytes[index]
            if (byte == 0x32 || byte == 0x34 || byte == 0x35), bytes[index + 1] == 0x2E,
               index == 0 || !(ASCII.isDigit(bytes[index - 1]) || bytes[index - 1] == 0x2E) {
                var cursor = index + 2
                let subjectStart = cursor
                while cursor < bytes.count, ASCII.isDigit(bytes[cursor]), cursor - subjectStart < 3 { cursor += 1 }
                if cursor > subjectStart, cursor < bytes.count, bytes[cursor] == 0x2E {
                    cursor += 1
                    let detailStart = cursor
                    while cursor < bytes.count, ASCII.isDigit(bytes[cursor]), cursor - detailStart < 3 { cursor += 1 }
                    let endsCleanly = cursor == bytes.count
                        || !(ASCII.isDigit(bytes[cursor]) || (bytes[cursor] == 0x2E && cursor + 1 < bytes.count
                            && ASCII.isDigit(bytes[cursor + 1])))
                    if cursor > detailStart, endsCleanly {
                        return String(decoding: bytes[index..<cursor], as: UTF8.self)
                    }
                }
            }
            index += 1
        }
        return nil
    }

    /// The first SMTP reply code (RFC 5321 §4.2: three digits, first 4 or 5, then space or hyphen).
    static func replyCode(in text: String) -> Int? {
        let bytes = Array(text.utf8)
        var index = 0
        while index + 3 < bytes.count {
            let byte = bytes[index]
            if (byte == 0x34 || byte == 0x35), ASCII.isDigit(bytes[index + 1]), ASCII.isDigit(bytes[index + 2]),
               bytes[index + 3] == 0x20 || bytes[index + 3] == 0x2D,
               index == 0 || !(ASCII.isDigit(bytes[index - 1]) || bytes[index - 1] == 0x2E
                                || bytes[index - 1] == 0x23) {
                let value = Int(byte - 0x30) * 100 + Int(bytes[index + 1] - 0x30) * 10 + Int(bytes[index + 2] - 0x30)
                if (bytes[index + 1] - 0x30) <= 5 { return value }
            }
            index += 1
        }
        return nil
    }

    /// `text` on one line with runs of white space collapsed, cut to `limit` characters.
    static func oneLine(_ text: String, limit: Int = 300) -> String {
        var out = ""
        var lastWasSpace = true
        for character in text {
            if character.isWhitespace || (character.asciiValue.map { $0 < 0x20 } ?? false) {
                if !lastWasSpace { out.append(" ") }
                lastWasSpace = true
            } else {
                out.append(character)
                lastWasSpace = false
            }
            if out.count >= limit { break }
        }
        return out.trimmingASCIISpace()
    }
}
