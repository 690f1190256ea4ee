// DKIMHeaderCanonicalizer: the "simple" and "relaxed" header field canonicalisations (RFC 6376 §3.4.1, §3.4.2).

/// Canonicalises single header fields into a hash input buffer.
enum DKIMHeaderCanonicalizer {
    /// Appends the canonical form of `field`, whose bytes lie in `bytes`, to `out`.
    ///
    /// - Parameters:
    ///   - field: the field's offsets in `bytes`.
    ///   - bytes: the message.
    ///   - algorithm: simple or relaxed.
    ///   - terminate: whether a relaxed field ends with CRLF. Every signed field does; the DKIM-Signature field
    ///     itself is hashed without its trailing CRLF (RFC 6376 §3.7). A simple field is copied as it is, so the
    ///     caller leaves the CRLF off the DKIM-Signature bytes.
    ///   - out: the hash input to append to.
    static func append(
        _ field: DKIMMessage.Field, of bytes: UnsafeBufferPointer<UInt8>, algorithm: DKIMCanonicalization.Algorithm,
        terminate: Bool = true, to out: inout [UInt8]
    ) {
        switch algorithm {
        case .simple:
            // RFC 6376 §3.4.1: the field exactly as it is, folding and all.
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[field.start..<field.end]))
        case .relaxed:
            appendRelaxed(field, of: bytes, to: &out)
            if terminate { out.append(contentsOf: ASCII.crlf) }
        }
    }

    /// RFC 6376 §3.4.2: lower-case the name; unfold; turn each WSP run into one SP; drop WSP at the end of the
    /// value and on both sides of the colon.
    private static func appendRelaxed(
        _ field: DKIMMessage.Field, of bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]
    ) {
        for index in field.start..<field.nameEnd {
            out.append(ASCII.lowercased(bytes[index]))
        }
        out.append(ASCII.colon)
        var pendingSpace = false
        var wroteValue = false
        for index in (field.colon + 1)..<field.end {
            let byte = bytes[index]
            switch byte {
            case ASCII.carriageReturn, ASCII.lineFeed:
                // Unfolding: DKIMMessage guarantees each CRLF here is a fold (followed by WSP) or the field's end.
                continue
            case ASCII.space, ASCII.tab:
                pendingSpace = true
            default:
                if pendingSpace && wroteValue { out.append(ASCII.space) }
                pendingSpace = false
                wroteValue = true
                out.append(byte)
            }
        }
    }
}
