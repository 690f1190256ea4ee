// MailEntity: a received message or MIME part, parsed (RFC 2045, RFC 2046 §5.1 multipart, §5.2 message).

/// One entity of a received message: its headers, its body bytes (still transfer-encoded) and, for
/// multipart and message/* types, the entities inside.
public struct MailEntity: Sendable {
    public var headers: MessageHeaders
    /// Content-Type, defaulting to `text/plain` (RFC 2045 §5.2).
    public var contentType: HeaderParameters
    /// The body as it appears in the message.
    public var rawBody: ArraySlice<UInt8>
    /// Parts of a multipart, or the single enclosed message of message/rfc822 and text/rfc822-headers.
    public var parts: [MailEntity]
    /// False when the header section was damaged (a line that is no header before the blank line).
    public var wellFormed: Bool

    /// Most nested entities read; deeper ones are kept as opaque bodies (a bounce of a bounce of ...).
    static let maximumDepth = 12
    /// Most parts read in one multipart.
    static let maximumParts = 500

    /// Parses a whole message.
    public init(parsing bytes: ArraySlice<UInt8>) {
        self.init(parsing: bytes, depth: 0, defaultType: "text/plain")
    }

    init(parsing bytes: ArraySlice<UInt8>, depth: Int, defaultType: String) {
        let (headers, bodyStart, wellFormed) = MessageHeaders.parse(bytes)
        self.headers = headers
        self.wellFormed = wellFormed
        contentType = HeaderParameters(headers["Content-Type"] ?? defaultType)
        if contentType.value.isEmpty || !contentType.value.contains("/") {
            contentType = HeaderParameters(defaultType)
        }
        rawBody = bytes[bodyStart...]
        parts = []
        guard depth < Self.maximumDepth else { return }
        let type = contentType.value
        if type.hasPrefix("multipart/"), let boundary = contentType.parameters["boundary"], !boundary.isEmpty {
            // RFC 2046 §5.1.5: in multipart/digest the default part type is message/rfc822.
            let partDefault = type == "multipart/digest" ? "message/rfc822" : "text/plain"
            parts = Self.split(rawBody, boundary: Array(boundary.utf8)).map {
                MailEntity(parsing: $0, depth: depth + 1, defaultType: partDefault)
            }
        } else if Self.enclosesMessage(type) {
            let inner = decodedBody
            parts = [MailEntity(parsing: inner[...], depth: depth + 1, defaultType: "text/plain")]
        }
    }

    /// message/rfc822 (RFC 2046 §5.2.1), its RFC 6532 form, and the headers-only returns of RFC 3462/6522.
    static func enclosesMessage(_ type: String) -> Bool {
        ["message/rfc822", "message/global", "text/rfc822-headers", "message/rfc822-headers",
         "message/global-headers"].contains(type)
    }

    /// The body with its Content-Transfer-Encoding undone.
    public var decodedBody: [UInt8] {
        TransferDecoding.decode(rawBody, encoding: headers["Content-Transfer-Encoding"])
    }

    /// The body as text in its declared charset.
    public var text: String {
        CharsetDecoder.decode(decodedBody, charset: contentType.parameters["charset"])
    }

    /// This entity and every entity inside it, depth first.
    public var allEntities: [MailEntity] {
        var result = [self]
        for part in parts { result += part.allEntities }
        return result
    }

    /// Splits a multipart body at its delimiter lines (RFC 2046 §5.1.1): preamble and epilogue dropped;
    /// a body cut off before the close delimiter yields the parts seen so far.
    static func split(_ body: ArraySlice<UInt8>, boundary: [UInt8]) -> [ArraySlice<UInt8>] {
        let delimiter: [UInt8] = [0x2D, 0x2D] + boundary
        var parts: [ArraySlice<UInt8>] = []
        var partStart: Int?
        var index = body.startIndex
        while index < body.endIndex {
            let lineEnd = body[index...].firstIndex(of: 0x0A) ?? body.endIndex
            let next = lineEnd < body.endIndex ? lineEnd + 1 : lineEnd
            if body[index] == 0x2D, body[index..<lineEnd].starts(with: delimiter) {
                let after = body[(index + delimiter.count)..<lineEnd]
                let isClose = after.starts(with: [0x2D, 0x2D])
                let rest = isClose ? after.dropFirst(2) : after
                // RFC 2046 §5.1.1: only linear white space may follow the boundary.
                if rest.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                    if let start = partStart {
                        // The CRLF before the delimiter belongs to the delimiter.
                        var end = index
                        if end > start, body[end - 1] == 0x0A { end -= 1 }
                        if end > start, body[end - 1] == 0x0D { end -= 1 }
                        parts.append(body[start..<end])
                        if parts.count >= maximumParts { return parts }
                    }
                    if isClose { return parts }
                    partStart = next
                }
            }
            index = next
        }
        if let start = partStart, start < body.endIndex { parts.append(body[start...]) }
        return parts
    }
}
