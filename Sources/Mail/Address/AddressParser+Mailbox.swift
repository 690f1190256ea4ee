// AddressParser+Mailbox: reads `Name <addr>`, `"Name" <addr>`, `<addr>`, `addr (Name)` and bare addresses.

extension AddressParser {
    /// Parses a mailbox: an address with an optional display name (RFC 5322 §3.4).
    ///
    /// Accepted forms: `user@example.com`, `<user@example.com>`, `Name <user@example.com>`,
    /// `"Name, Jr." <user@example.com>` and the older `user@example.com (Name)`. Display names are read
    /// leniently, as spreadsheets write them (`Smith, John <j@x.com>` is accepted); quotes are removed and
    /// backslash escapes undone. The builder re-encodes names safely on output.
    ///
    /// - Parameters:
    ///   - text: the mailbox text.
    ///   - options: address options.
    /// - Returns: the mailbox; `displayName` is nil when none or an empty one was given.
    /// - Throws: `AddressError`; control characters anywhere give `control-character`.
    public static func parseMailbox(
        _ text: String, options: AddressOptions = AddressOptions()
    ) throws(AddressError) -> Mailbox {
        try text.withUTF8Buffer { parseMailbox(bytes: $0, options: options) }.get()
    }

    private static func parseMailbox(
        bytes: UnsafeBufferPointer<UInt8>, options: AddressOptions
    ) -> Result<Mailbox, AddressError> {
        if ASCII.containsForbiddenControl(bytes, allowTab: true) {
            return .failure(AddressError(.controlCharacter, "the mailbox contains a control character"))
        }
        var start = 0
        var end = bytes.count
        while start < end, ASCII.isWhitespace(bytes[start]) { start += 1 }
        while end > start, ASCII.isWhitespace(bytes[end - 1]) { end -= 1 }
        if start == end { return .failure(AddressError(.empty, "the address is empty")) }
        let span = UnsafeBufferPointer(rebasing: bytes[start..<end])
        let marks = unquotedMarks(span)
        if marks.unterminatedQuote {
            return .failure(AddressError(.unterminatedQuotedString, "the mailbox has an unclosed quote"))
        }
        if span[span.count - 1] == ASCII.greaterThan {
            guard let open = marks.lastLessThan else {
                return .failure(AddressError(.invalidMailbox, "'>' without a matching '<'"))
            }
            let inner = UnsafeBufferPointer(rebasing: span[(open + 1)..<(span.count - 1)])
            return parse(bytes: inner, options: options).flatMap { address in
                phrase(UnsafeBufferPointer(rebasing: span[0..<open])).map {
                    Mailbox(displayName: $0, address: address)
                }
            }
        }
        if marks.lastLessThan != nil {
            return .failure(AddressError(.invalidMailbox, "'<' without a matching '>'"))
        }
        if span[span.count - 1] == ASCII.rightParen, let open = marks.firstLeftParen {
            // Obsolete but still common: `user@example.com (Name)`, the comment taken as the name.
            let address = UnsafeBufferPointer(rebasing: span[0..<open])
            let comment = UnsafeBufferPointer(rebasing: span[(open + 1)..<(span.count - 1)])
            return parse(bytes: address, options: options).flatMap { address in
                phrase(comment).map { Mailbox(displayName: $0, address: address) }
            }
        }
        return parse(bytes: span, options: options).map { Mailbox(displayName: nil, address: $0) }
    }

    private struct Marks {
        var lastLessThan: Int?
        var firstLeftParen: Int?
        var unterminatedQuote = false
    }

    /// Finds `<` and `(` outside quoted strings.
    private static func unquotedMarks(_ span: UnsafeBufferPointer<UInt8>) -> Marks {
        var marks = Marks()
        var inQuote = false
        var index = 0
        while index < span.count {
            let byte = span[index]
            if inQuote {
                if byte == ASCII.backslash {
                    index += 2
                    continue
                }
                if byte == ASCII.quote { inQuote = false }
            } else if byte == ASCII.quote {
                inQuote = true
            } else if byte == ASCII.lessThan {
                marks.lastLessThan = index
            } else if byte == ASCII.leftParen, marks.firstLeftParen == nil {
                marks.firstLeftParen = index
            }
            index += 1
        }
        marks.unterminatedQuote = inQuote
        return marks
    }

    /// Decodes a display-name phrase: quoted parts lose their quotes and escapes, the rest is kept as
    /// written; the result is trimmed, and nil when empty.
    private static func phrase(_ span: UnsafeBufferPointer<UInt8>) -> Result<String?, AddressError> {
        var out: [UInt8] = []
        out.reserveCapacity(span.count)
        var inQuote = false
        var index = 0
        while index < span.count {
            let byte = span[index]
            if inQuote && byte == ASCII.backslash && index + 1 < span.count {
                out.append(span[index + 1])
                index += 2
                continue
            }
            if byte == ASCII.quote {
                inQuote.toggle()
            } else {
                out.append(byte)
            }
            index += 1
        }
        var first = 0
        var last = out.count
        while first < last, ASCII.isWhitespace(out[first]) { first += 1 }
        while last > first, ASCII.isWhitespace(out[last - 1]) { last -= 1 }
        if first == last { return .success(nil) }
        return .success(String(decoding: out[first..<last], as: UTF8.self))
    }
}
