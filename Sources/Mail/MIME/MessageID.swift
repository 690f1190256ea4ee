// MessageID: checks Message-ID and Content-ID values (RFC 5322 §3.6.4 msg-id, RFC 2392 content-id).

/// Validation of the `<id-left@id-right>` identifiers.
enum MessageID {
    // Keeps `Message-ID: <...>` well within a 998-octet line.
    private static let maxLength = 900

    /// Returns `<id-left@id-right>` for a Message-ID given with or without angle brackets, or nil.
    static func validated(_ text: String) -> String? {
        guard let inner = unbracketed(text), isMsgID(inner, requireAt: true) else { return nil }
        return "<" + inner + ">"
    }

    /// Returns the Content-ID without brackets: `id-left@id-right`, or a bare dot-atom `id-left`, which
    /// many senders use and parsers accept.
    static func validatedContentID(_ text: String) -> String? {
        guard let inner = unbracketed(text), isMsgID(inner, requireAt: false) else { return nil }
        return inner
    }

    private static func unbracketed(_ text: String) -> String? {
        var bytes = Array(text.utf8)
        while let first = bytes.first, ASCII.isWhitespace(first) { bytes.removeFirst() }
        while let last = bytes.last, ASCII.isWhitespace(last) { bytes.removeLast() }
        if bytes.first == ASCII.lessThan {
            guard bytes.last == ASCII.greaterThan, bytes.count > 2 else { return nil }
            bytes = Array(bytes[1..<(bytes.count - 1)])
        }
        guard !bytes.isEmpty, bytes.count <= maxLength else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    // RFC 5322 §3.6.4: id-left = dot-atom-text; id-right = dot-atom-text / no-fold-literal.
    private static func isMsgID(_ text: String, requireAt: Bool) -> Bool {
        let bytes = Array(text.utf8)
        guard let at = bytes.lastIndex(of: ASCII.at) else {
            return !requireAt && isDotAtomText(bytes[...])
        }
        let left = bytes[..<at]
        let right = bytes[(at + 1)...]
        guard isDotAtomText(left) else { return false }
        if right.first == ASCII.leftBracket {
            guard right.count >= 2, right.last == ASCII.rightBracket else { return false }
            // no-fold-literal: dtext is printable ASCII except '[', ']' and '\'.
            return right.dropFirst().dropLast().allSatisfy {
                $0 > ASCII.space && $0 < ASCII.delete && $0 != ASCII.leftBracket && $0 != ASCII.rightBracket
                    && $0 != ASCII.backslash
            }
        }
        return isDotAtomText(right)
    }

    private static func isDotAtomText(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last, first != ASCII.dot, last != ASCII.dot else {
            return false
        }
        var previousWasDot = false
        for byte in bytes {
            if byte == ASCII.dot {
                if previousWasDot { return false }
                previousWasDot = true
            } else {
                guard ASCII.isAtext(byte) else { return false }
                previousWasDot = false
            }
        }
        return true
    }
}
