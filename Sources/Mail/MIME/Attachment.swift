// Attachment: a file sent with the message, encoded once when created (RFC 2183 disposition "attachment").

/// A file attached to a message.
///
/// The part (headers and base64 body) is rendered when the value is created, so one `Attachment` shared
/// by every message of a campaign is encoded once, not once per recipient.
public struct Attachment: Sendable {
    /// The filename shown to the recipient; non-ASCII names are sent with RFC 2231 encoding.
    public let filename: String
    /// The content type, lower-cased: the one given, or a guess from the filename's extension.
    public let contentType: String
    /// The file's bytes.
    public let data: [UInt8]
    /// The complete rendered body part, without the multipart delimiter.
    let renderedPart: [UInt8]

    /// Creates an attachment and renders its part.
    ///
    /// - Parameters:
    ///   - filename: the name shown to the recipient; must not be empty or contain control characters.
    ///   - contentType: `type/subtype`; nil guesses from the extension (`application/octet-stream` when
    ///     the extension is unknown).
    ///   - data: the file's bytes.
    /// - Throws: `MIMEError` for an empty filename, a control character in it or a malformed content type.
    public init(filename: String, contentType: String? = nil, data: [UInt8]) throws(MIMEError) {
        let type = try MediaType.resolve(contentType, filename: filename)
        self.filename = filename
        self.contentType = type
        self.data = data
        self.renderedPart = try BinaryPart.render(
            filename: filename, contentType: type, disposition: "attachment", contentID: nil, data: data)
    }
}
