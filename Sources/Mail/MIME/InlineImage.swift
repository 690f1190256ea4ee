// InlineImage: an image shown inside the HTML body, referenced as `cid:` (RFC 2392, RFC 2387 related).

/// An image the HTML body refers to as `<img src="cid:logo@example.com">`.
///
/// Like `Attachment`, the part is rendered once when the value is created.
public struct InlineImage: Sendable {
    /// The Content-ID without angle brackets, as used after `cid:` in the HTML.
    public let contentID: String
    /// The filename offered if the recipient saves the image.
    public let filename: String
    /// The content type, lower-cased: the one given, or a guess from the filename's extension.
    public let contentType: String
    /// The image's bytes.
    public let data: [UInt8]
    /// The complete rendered body part, without the multipart delimiter.
    let renderedPart: [UInt8]

    /// Creates an inline image and renders its part.
    ///
    /// - Parameters:
    ///   - contentID: `id-left@id-right` or a plain `id-left` (dot-atom text, RFC 5322 §3.6.4);
    ///     surrounding angle brackets are removed.
    ///   - filename: the image's filename.
    ///   - contentType: `type/subtype`; nil guesses from the filename's extension.
    ///   - data: the image's bytes.
    /// - Throws: `MIMEError` for a malformed Content-ID, filename or content type.
    public init(contentID: String, filename: String, contentType: String? = nil, data: [UInt8]) throws(MIMEError) {
        guard let id = MessageID.validatedContentID(contentID) else {
            throw MIMEError(.invalidContentID(contentID))
        }
        let type = try MediaType.resolve(contentType, filename: filename)
        self.contentID = id
        self.filename = filename
        self.contentType = type
        self.data = data
        self.renderedPart = try BinaryPart.render(
            filename: filename, contentType: type, disposition: "inline", contentID: id, data: data)
    }
}
