// DKIMMessage: a wire-format message split into header fields and body (RFC 5322 §2.1, §2.2) for signing.

/// The layout of a message as DKIM sees it: where each header field and the body start and end.
///
/// Holds offsets only; the bytes stay in the caller's array.
struct DKIMMessage {
    /// One header field, from the first byte of its name through the CRLF that ends its last line.
    struct Field {
        /// Offset of the field's first byte.
        var start: Int
        /// Offset just past the field name (before any WSP preceding the colon).
        var nameEnd: Int
        /// Offset of the colon.
        var colon: Int
        /// Offset just past the field's final CRLF.
        var end: Int
    }

    /// The header fields in message order.
    private(set) var fields: [Field] = []
    /// Offset of the body's first byte; `bytes.count` when there is no body.
    private(set) var bodyStart: Int

    /// Splits `bytes` at the first empty line and checks the line structure.
    ///
    /// - Throws: `DKIMError` for a header line that is neither `name:` nor a continuation (RFC 5322 §2.2,
    ///   §2.2.3), and for a CR or LF anywhere that is not part of a CRLF pair.
    init(_ bytes: [UInt8]) throws(DKIMError) {
        var fields: [Field] = []
        fields.reserveCapacity(24)
        let bodyStart = try bytes.withUnsafeBufferPointer { buffer throws(DKIMError) -> Int in
            let bodyStart = try Self.scanHeader(buffer, into: &fields)
            try Self.checkLineEnds(buffer, from: bodyStart)
            return bodyStart
        }
        self.fields = fields
        self.bodyStart = bodyStart
    }

    /// Scans the header section, appending fields; returns the body's offset.
    private static func scanHeader(_ bytes: UnsafeBufferPointer<UInt8>, into fields: inout [Field]) throws(DKIMError)
        -> Int
    {
        let count = bytes.count
        var index = 0
        var line = 1
        var open: Field?
        while index < count {
            let first = bytes[index]
            if first == ASCII.carriageReturn, index + 1 < count, bytes[index + 1] == ASCII.lineFeed {
                // RFC 5322 §2.1: the first empty line ends the header section.
                if var field = open {
                    field.end = index
                    fields.append(field)
                }
                return index + 2
            }
            if first == ASCII.space || first == ASCII.tab {
                // RFC 5322 §2.2.3: a line starting with WSP continues the field above it.
                guard open != nil else { throw DKIMError(.malformedHeader(line: line)) }
            } else {
                if var field = open {
                    field.end = index
                    fields.append(field)
                }
                open = try field(in: bytes, at: index, line: line)
            }
            index = try lineEnd(in: bytes, from: index, line: line)
            line += 1
        }
        // A message that is all header and no empty line: there is no body.
        if var field = open {
            field.end = count
            fields.append(field)
        }
        return count
    }

    /// Parses `name *WSP ":"` at `start` (RFC 5322 §3.6.8 field-name, obsolete WSP before the colon allowed).
    private static func field(in bytes: UnsafeBufferPointer<UInt8>, at start: Int, line: Int) throws(DKIMError)
        -> Field
    {
        var index = start
        while index < bytes.count, ASCII.isFieldNameByte(bytes[index]) {
            index += 1
        }
        let nameEnd = index
        while index < bytes.count, bytes[index] == ASCII.space || bytes[index] == ASCII.tab {
            index += 1
        }
        guard nameEnd > start, index < bytes.count, bytes[index] == ASCII.colon else {
            throw DKIMError(.malformedHeader(line: line))
        }
        return Field(start: start, nameEnd: nameEnd, colon: index, end: index)
    }

    /// The offset after the CRLF ending the line that contains `start`.
    private static func lineEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, line: Int) throws(DKIMError)
        -> Int
    {
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == ASCII.carriageReturn {
                guard index + 1 < bytes.count, bytes[index + 1] == ASCII.lineFeed else {
                    throw DKIMError(.bareLineBreak(offset: index))
                }
                return index + 2
            }
            if byte == ASCII.lineFeed { throw DKIMError(.bareLineBreak(offset: index)) }
            index += 1
        }
        // The header section must end with CRLF, or the field would run into the SMTP terminator.
        throw DKIMError(.malformedHeader(line: line))
    }

    /// Checks that every CR in the body is followed by LF and every LF preceded by CR.
    private static func checkLineEnds(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) throws(DKIMError) {
        var index = start
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == ASCII.carriageReturn {
                guard index + 1 < count, bytes[index + 1] == ASCII.lineFeed else {
                    throw DKIMError(.bareLineBreak(offset: index))
                }
                index += 2
                continue
            }
            if byte == ASCII.lineFeed { throw DKIMError(.bareLineBreak(offset: index)) }
            index += 1
        }
    }
}
