// BinaryPart: renders an attachment or inline image as a complete base64 body part (RFC 2045, RFC 2183).

/// Renders the header and body of a base64 part once, so the bytes can be reused for every message.
enum BinaryPart {
    /// `Content-Type`, `Content-Disposition` (RFC 2183) with an RFC 2231 filename, an optional
    /// `Content-ID` (RFC 2392), `Content-Transfer-Encoding: base64`, a blank line and the data in 76-column
    /// lines. No CRLF follows the last line: the enclosing multipart's delimiter supplies it.
    static func render(
        filename: String, contentType: String, disposition: String, contentID: String?, data: [UInt8]
    ) throws(MIMEError) -> [UInt8] {
        if filename.isEmpty { throw MIMEError(.emptyFilename) }
        let hasControl = filename.withUTF8Buffer { ASCII.containsForbiddenControl($0, allowTab: false) }
        if hasControl { throw MIMEError(.controlCharacter(field: "attachment filename")) }
        var writer = HeaderWriter(out: [])
        writer.out.reserveCapacity(data.count * 4 / 3 + data.count / 28 + 400)
        writer.begin("Content-Type")
        try writer.append(Array(contentType.utf8), separator: EmptyCollection())
        try RFC2231.appendParameter(name: "name", value: filename, into: &writer)
        writer.end()
        writer.begin("Content-Disposition")
        try writer.append(Array(disposition.utf8), separator: EmptyCollection())
        try RFC2231.appendParameter(name: "filename", value: filename, into: &writer)
        writer.end()
        if let contentID {
            writer.begin("Content-ID")
            try writer.append(Array("<\(contentID)>".utf8), separator: EmptyCollection())
            writer.end()
        }
        writer.begin("Content-Transfer-Encoding")
        try writer.append(Array("base64".utf8), separator: EmptyCollection())
        writer.end()
        writer.out.appendCRLF()
        data.withUnsafeBufferPointer { Base64.appendLines($0, to: &writer.out) }
        return writer.out
    }
}
