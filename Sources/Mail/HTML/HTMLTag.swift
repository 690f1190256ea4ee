// HTMLTag: one start or end tag read from HTML, with the few attributes the text converter uses.

/// A tag as the converter needs it: lower-case name, whether it closes or self-closes, and attributes.
struct HTMLTag {
    var name: String
    var isEnd: Bool
    var isSelfClosing: Bool
    var href: String?
    var alt: String?
    var start: Int?
    var isHidden = false

    /// Reads the tag starting at `bytes[index]` (`<`); returns it and the index after its `>`, or nil
    /// when `<` does not start a tag (it is then text, as in `a < b`).
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (HTMLTag, Int)? {
        var position = index + 1
        var isEnd = false
        if position < bytes.count, bytes[position] == ASCII.slash {
            isEnd = true
            position += 1
        }
        guard position < bytes.count, isLetter(bytes[position]) else { return nil }
        let nameStart = position
        while position < bytes.count, isNameByte(bytes[position]) { position += 1 }
        let name = String(decoding: bytes[nameStart..<position].map(ASCII.lowercased), as: UTF8.self)
        var tag = HTMLTag(name: name, isEnd: isEnd, isSelfClosing: false)
        // Attributes: name, name=value, name="value" or name='value', until '>' outside quotes.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == ASCII.greaterThan { return (tag, position + 1) }
            if byte == ASCII.slash {
                tag.isSelfClosing = true
                position += 1
                continue
            }
            if isSpace(byte) {
                position += 1
                continue
            }
            tag.isSelfClosing = false
            let attributeStart = position
            while position < bytes.count, !isSpace(bytes[position]), bytes[position] != ASCII.equals,
                bytes[position] != ASCII.greaterThan, bytes[position] != ASCII.slash {
                position += 1
            }
            let attribute = String(decoding: bytes[attributeStart..<position].map(ASCII.lowercased), as: UTF8.self)
            while position < bytes.count, isSpace(bytes[position]) { position += 1 }
            var value: String?
            if position < bytes.count, bytes[position] == ASCII.equals {
                position += 1
                while position < bytes.count, isSpace(bytes[position]) { position += 1 }
                let (text, next) = readValue(bytes, at: position)
                value = text
                position = next
            }
            tag.set(attribute, value)
        }
        return (tag, position)
    }

    private mutating func set(_ attribute: String, _ value: String?) {
        switch attribute {
        case "href": href = value.map(Self.trimmed)
        case "alt": alt = value
        case "start": start = value.flatMap { Int(Self.trimmed($0)) }
        case "hidden": isHidden = true
        case "style":
            let compact = (value ?? "").lowercased().filter { !$0.isWhitespace }
            if compact.contains("display:none") { isHidden = true }
        default: break
        }
    }

    private static func readValue(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (String, Int) {
        var position = start
        guard position < bytes.count else { return ("", position) }
        let quote = bytes[position]
        let valueStart: Int
        let valueEnd: Int
        if quote == ASCII.quote || quote == ASCII.apostrophe {
            position += 1
            valueStart = position
            while position < bytes.count, bytes[position] != quote { position += 1 }
            valueEnd = position
            if position < bytes.count { position += 1 }
        } else {
            valueStart = position
            while position < bytes.count, !isSpace(bytes[position]), bytes[position] != ASCII.greaterThan {
                position += 1
            }
            valueEnd = position
        }
        return (decodeEntities(UnsafeBufferPointer(rebasing: bytes[valueStart..<valueEnd])), position)
    }

    /// Attribute values may hold character references (`&amp;` in URLs).
    private static func decodeEntities(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.contains(0x26) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x26, let (text, next) = HTMLEntities.decode(bytes, at: index) {
                out.append(contentsOf: text.utf8)
                index = next
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func trimmed(_ text: String) -> String {
        String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || ASCII.isDigit(byte) || byte == ASCII.hyphen || byte == ASCII.colon
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == ASCII.space || byte == ASCII.tab || byte == ASCII.lineFeed || byte == ASCII.carriageReturn
            || byte == 0x0C
    }
}
