// AddressError: why an email address or mailbox was refused, with a stable short code for reports.

/// An email address that cannot be sent to, as a value with a stable `code` and a human message.
///
/// `code` (for example `missing-at` or `local-part-too-long`) is meant for machines: journals, reports
/// and tests match on it. `message` is a lower-case sentence for people and may change wording.
public struct AddressError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with the address. The raw value is the stable `code`.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// Nothing but whitespace was given.
        case empty = "empty"
        /// No `@` separates the local part from the domain.
        case missingAt = "missing-at"
        /// Nothing before the `@`.
        case emptyLocalPart = "empty-local-part"
        /// Nothing after the `@`.
        case emptyDomain = "empty-domain"
        /// The local part is over 64 octets (RFC 5321 §4.5.3.1.1).
        case localPartTooLong = "local-part-too-long"
        /// The domain is over 255 octets (RFC 5321 §4.5.3.1.2).
        case domainTooLong = "domain-too-long"
        /// The whole address is over 254 octets (RFC 5321 §4.5.3.1.3 path limit less the brackets).
        case addressTooLong = "address-too-long"
        /// A character that neither dot-atom nor quoted-string allows here.
        case invalidCharacter = "invalid-character"
        /// A dot at the start or end of the local part, or two dots in a row (RFC 5322 §3.4.1 dot-atom).
        case invalidDot = "invalid-dot"
        /// A quoted string with no closing quote.
        case unterminatedQuotedString = "unterminated-quoted-string"
        /// A domain label that is empty, over 63 octets, not letters-digits-hyphen, or an all-numeric TLD.
        case invalidDomainLabel = "invalid-domain-label"
        /// A domain with a single label, such as `localhost`.
        case singleLabelDomain = "single-label-domain"
        /// An address literal such as `[192.0.2.1]` while `AddressOptions.allowIPLiterals` is off.
        case ipLiteralNotAllowed = "ip-literal-not-allowed"
        /// A malformed address literal.
        case invalidIPLiteral = "invalid-ip-literal"
        /// CR, LF, NUL or another control character anywhere in the input.
        case controlCharacter = "control-character"
        /// An internationalised domain label that is not a valid IDNA2008 label after mapping.
        case invalidIDN = "invalid-idn"
        /// A mailbox with `<` but no matching `>` (or the reverse), or text after the address.
        case invalidMailbox = "invalid-mailbox"

        /// The stable short code, such as `missing-at`.
        public var code: String { rawValue }
    }

    /// What is wrong.
    public var kind: Kind
    /// A lower-case sentence saying what is wrong and, where it helps, what the limit is.
    public var message: String

    /// The stable short code, such as `missing-at`.
    public var code: String { kind.rawValue }

    /// Creates an error of `kind` with a human `message`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// `"missing-at: ..."`.
    public var description: String { "\(code): \(message)" }
}
