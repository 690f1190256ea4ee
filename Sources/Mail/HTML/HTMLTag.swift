// HTMLTag: one start or end tag read from HTML, with the few attributes the text converter uses.

/// A tag as the converter needs it: lower-case name, whether it closes or self-closes, and attributes.
struct HTMLTag {
    var element: HTMLElement
    /// The packed name, to match an end tag with its start tag for elements known only as `.other`.
    var nameKey: HTMLElement.NameKey
    var isEnd: Bool
    var isSelfClosing = false
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
        let name = UnsafeBufferPointer(rebasing: bytes[nameStart..<position])
        var tag = HTMLTag(element: HTMLElement.named(name), nameKey: HTMLElement.key(name), isEnd: isEnd)
        // Attributes: name, name=value, name="value" or name='value', until '>' outside quotes.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == ASCII.greaterThan { return (tag, position + 1) }
            if byte == ASCII.slash || isSpace(byte) {
                if byte == ASCII.slash { tag.isSelfClosing = true }
                position += 1
                continue
            }
            tag.isSelfClosing = false
            let attributeStart = position
            while position < bytes.count, !isSpace(bytes[position]), bytes[position] != ASCII.equals,
                bytes[position] != ASCII.greaterThan, bytes[position] != ASCII.slash {
                position += 1
            }
            let attribute = UnsafeBufferPointer(rebasing: bytes[attributeStart..<position])
            while position < bytes.count, isSpace(bytes[position]) { position += 1 }
            var value = UnsafeBufferPointer(rebasing: bytes[position..<position])
            if position < bytes.count, bytes[position] == ASCII.equals {
                position += 1
                while position < bytes.count, isSpace(bytes[position]) { position += 1 }
                (value, position) = readValue(bytes, at: position)
            }
            tag.set(attribute, value)
        }
        return (tag, position)
    }

    private mutating func set(_ attribute: UnsafeBufferPointer<UInt8>, _ value: UnsafeBufferPointer<UInt8>) {
        if Self.equals(attribute, "href") {
            href = Self.decodeEntities(Self.trimmed(value))
        } else if Self.equals(attribute, "alt") {
            alt = Self.decodeEntities(value)
        } else if Self.equals(attribute, "start") {
            start = Int(String(decoding: Self.trimmed(value), as: UTF8.self))
        } else if Self.equals(attribute, "hidden") {
            isHidden = true
        } else if Self.equals(attribute, "style") && Self.hidesElement(value) {
            isHidden = true
        }
    }

    /// True when a style attribute contains `display:none` (any case, any spacing).
    private static func hidesElement(_ style: UnsafeBufferPointer<UInt8>) -> Bool {
        let pattern = Array("display:none".utf8)
        var matched = 0
        for byte in style where !isSpace(byte) {
            let lower = ASCII.lowercased(byte)
            if lower == pattern[matched] {
                matched += 1
                if matched == pattern.count { return true }
            } else {
                matched = lower == pattern[0] ? 1 : 0
            }
        }
        return false
    }

    private static func readValue(
        _ bytes: UnsafeBufferPointer<UInt8>, at start: Int
    ) -> (UnsafeBufferPointer<UInt8>, Int) {
        var position = start
        guard position < bytes.count else { return (UnsafeBufferPointer(rebasing: bytes[position...]), position) }
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
        return (UnsafeBufferPointer(rebasing: bytes[valueStart..<valueEnd]), position)
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

    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    private static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ name: StaticString) -> Bool {
        guard bytes.count == name.utf8CodeUnitCount else { return false }
        let expected = name.utf8Start
        for index in 0..<bytes.count where ASCII.lowercased(bytes[index]) != expected[index] { return false }
        return true
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
