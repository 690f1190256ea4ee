// HeaderField: a caller-supplied header such as List-Unsubscribe, validated when the message is built.

/// A custom header field.
///
/// The name must be RFC 5322 §3.6.8 ftext and must not be one the builder writes itself; the value is
/// treated as unstructured text: trimmed, folded at whitespace, and RFC 2047 encoded when it is not
/// ASCII. Structured values such as `List-Unsubscribe` should therefore be ASCII (percent-encoded URLs,
/// A-label domains) so they are never encoded. Control characters other than tab are refused.
public struct HeaderField: Sendable, Hashable {
    /// The field name, such as `List-Unsubscribe`.
    public var name: String
    /// The field value, without the name or colon.
    public var value: String

    /// Creates a header field.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
