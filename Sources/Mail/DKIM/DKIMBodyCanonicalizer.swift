// DKIMBodyCanonicalizer: the "simple" and "relaxed" body canonicalisations (RFC 6376 §3.4.3, §3.4.4).

/// Canonicalises a message body into the bytes whose SHA-256 is the `bh=` tag (RFC 6376 §3.7).
enum DKIMBodyCanonicalizer {
    /// The canonical form of `body` (the bytes after the header section's empty line).
    static func canonicalize(_ body: UnsafeBufferPointer<UInt8>, algorithm: DKIMCanonicalization.Algorithm)
        -> [UInt8]
    {
        switch algorithm {
        case .simple: simple(body)
        case .relaxed: relaxed(body)
        }
    }

    /// RFC 6376 §3.4.3: drop empty lines at the end and end with exactly one CRLF.
    ///
    /// An empty body becomes a single CRLF.
    private static func simple(_ body: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var end = body.count
        while end >= 2, body[end - 2] == ASCII.carriageReturn, body[end - 1] == ASCII.lineFeed {
            end -= 2
        }
        var out = [UInt8]()
        out.reserveCapacity(end + 2)
        out.append(contentsOf: UnsafeBufferPointer(rebasing: body[0..<end]))
        out.append(contentsOf: ASCII.crlf)
        return out
    }

    /// RFC 6376 §3.4.4: drop WSP at line ends, turn WSP runs into one SP, drop empty lines at the end.
    ///
    /// A last line that lacks a CRLF gets one. An empty body (or one of only empty lines) stays empty: RFC 6376
    /// adds the CRLF only to a non-empty body, unlike simple's.
    private static func relaxed(_ body: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let count = body.count
        // Every output byte stands for at least one input byte (a content byte, a WSP run, a CRLF), except the
        // CRLF added to an unterminated last line: count + 2 always suffices. Writing through the buffer keeps
        // this loop, the hottest in signing, free of per-byte capacity checks.
        return [UInt8](unsafeUninitializedCapacity: count + 2) { out, written in
            var length = 0
            // Empty lines are held back until a line with content shows they are not at the end of the body.
            var heldEmptyLines = 0
            var pendingSpace = false
            var lineHasContent = false
            var index = 0
            while index < count {
                let byte = body[index]
                if byte == ASCII.carriageReturn, index + 1 < count, body[index + 1] == ASCII.lineFeed {
                    if lineHasContent {
                        out[length] = ASCII.carriageReturn
                        out[length + 1] = ASCII.lineFeed
                        length += 2
                    } else {
                        heldEmptyLines += 1
                    }
                    lineHasContent = false
                    pendingSpace = false
                    index += 2
                    continue
                }
                if byte == ASCII.space || byte == ASCII.tab {
                    pendingSpace = true
                } else {
                    if !lineHasContent {
                        for _ in 0..<heldEmptyLines {
                            out[length] = ASCII.carriageReturn
                            out[length + 1] = ASCII.lineFeed
                            length += 2
                        }
                        heldEmptyLines = 0
                        lineHasContent = true
                    }
                    if pendingSpace {
                        out[length] = ASCII.space
                        length += 1
                        pendingSpace = false
                    }
                    out[length] = byte
                    length += 1
                }
                index += 1
            }
            if lineHasContent {
                out[length] = ASCII.carriageReturn
                out[length + 1] = ASCII.lineFeed
                length += 2
            }
            written = length
        }
    }
}
