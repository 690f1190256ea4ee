// MIMEError: why a message could not be built; every case names the field or part at fault.

/// A message that cannot be built as given. Nothing from data is ever written raw: values that could
/// break the header structure are refused with one of these rather than silently altered.
public struct MIMEError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public enum Kind: Sendable, Equatable {
        /// A header field name outside RFC 5322 §3.6.8 ftext (printable ASCII except `:`), or empty.
        case invalidHeaderName(String)
        /// A custom header that the builder writes itself (From, Subject, Content-Type, ...).
        case reservedHeaderName(String)
        /// CR, LF, NUL or another control character in a header-bound value; `field` names it.
        case controlCharacter(field: String)
        /// A Message-ID not of the form `<id-left@id-right>` (RFC 5322 §3.6.4).
        case invalidMessageID(String)
        /// A Date value that is not an RFC 5322 §3.3 date-time.
        case invalidDate(String)
        /// A content type that is not `type/subtype` made of RFC 2045 §5.1 tokens.
        case invalidContentType(String)
        /// A Content-ID that is not `id-left[@id-right]` of dot-atom text (RFC 2392).
        case invalidContentID(String)
        /// Two inline images with the same Content-ID.
        case duplicateContentID(String)
        /// An empty attachment or inline image filename.
        case emptyFilename
        /// A header line that cannot be kept within 998 octets (RFC 5322 §2.1.1).
        case lineTooLong(field: String)
        /// A message with no recipient in To or Cc.
        case noRecipients
        /// Inline images given without an HTML body to reference them.
        case inlineImagesWithoutHTML
    }

    /// What is wrong.
    public var kind: Kind

    /// Creates an error of `kind`.
    public init(_ kind: Kind) {
        self.kind = kind
    }

    /// A stable short code for reports and tests, such as `control-character`.
    public var code: String {
        switch kind {
        case .invalidHeaderName: "invalid-header-name"
        case .reservedHeaderName: "reserved-header-name"
        case .controlCharacter: "control-character"
        case .invalidMessageID: "invalid-message-id"
        case .invalidDate: "invalid-date"
        case .invalidContentType: "invalid-content-type"
        case .invalidContentID: "invalid-content-id"
        case .duplicateContentID: "duplicate-content-id"
        case .emptyFilename: "empty-filename"
        case .lineTooLong: "line-too-long"
        case .noRecipients: "no-recipients"
        case .inlineImagesWithoutHTML: "inline-images-without-html"
        }
    }

    /// A lower-case sentence saying what is wrong.
    public var message: String {
        switch kind {
        case .invalidHeaderName(let name):
            "'\(name)' is not a valid header field name (printable ASCII except ':')"
        case .reservedHeaderName(let name):
            "the header '\(name)' is written by the message builder and cannot be set as a custom header"
        case .controlCharacter(let field):
            "\(field) contains a line break or another control character"
        case .invalidMessageID(let value):
            "'\(value)' is not a valid Message-ID; expected <local@domain>"
        case .invalidDate(let value):
            "'\(value)' is not an RFC 5322 date such as 'Mon, 02 Jan 2006 15:04:05 +0000'"
        case .invalidContentType(let value):
            "'\(value)' is not a valid content type; expected type/subtype"
        case .invalidContentID(let value):
            "'\(value)' is not a valid Content-ID; expected name@domain"
        case .duplicateContentID(let value):
            "the Content-ID '\(value)' is used by more than one inline image"
        case .emptyFilename:
            "an attachment has an empty filename"
        case .lineTooLong(let field):
            "\(field) has a word too long to fit a header line of 998 octets"
        case .noRecipients:
            "the message has no recipient"
        case .inlineImagesWithoutHTML:
            "inline images need an HTML body that refers to them"
        }
    }

    /// `"code: message"`.
    public var description: String { "\(code): \(message)" }
}
