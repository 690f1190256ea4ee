// MIMEPart: the body tree of a message (RFC 2046 §5.1 multipart, RFC 2387 related).

/// One entity of a message body, written with its own content headers.
indirect enum MIMEPart {
    /// A text/plain or text/html part (UTF-8).
    case text([UInt8], subtype: String)
    /// A part rendered ahead of time (attachments and inline images).
    case rendered([UInt8])
    /// A multipart entity; `type` is the root's content type for multipart/related (RFC 2387 §3.1).
    case multipart(subtype: String, boundary: String, type: String?, parts: [MIMEPart])

    /// Appends the entity's content headers, the blank line and its body.
    func write(into out: inout [UInt8]) {
        switch self {
        case .text(let text, let subtype):
            TextBody.append(text, subtype: subtype, to: &out)
        case .rendered(let bytes):
            out.append(contentsOf: bytes)
        case .multipart(let subtype, let boundary, let type, let parts):
            out.append(utf8: "Content-Type: multipart/")
            out.append(utf8: subtype)
            out.append(utf8: ";\r\n boundary=\"")
            out.append(utf8: boundary)
            out.append(ASCII.quote)
            if let type {
                out.append(utf8: ";\r\n type=\"")
                out.append(utf8: type)
                out.append(ASCII.quote)
            }
            out.appendCRLF()
            out.appendCRLF()
            // RFC 2046 §5.1.1: each part starts after "--boundary" CRLF; the CRLF before a delimiter
            // belongs to the delimiter, and "--boundary--" closes the body.
            for part in parts {
                out.append(utf8: "--")
                out.append(utf8: boundary)
                out.appendCRLF()
                part.write(into: &out)
                out.appendCRLF()
            }
            out.append(utf8: "--")
            out.append(utf8: boundary)
            out.append(utf8: "--")
            out.appendCRLF()
        }
    }
}
