// Mailbox: an address with an optional display name (RFC 5322 §3.4 name-addr / addr-spec).

/// An address and the name shown for it, as in `"Zhang Wei" <zhang@example.com>`.
public struct Mailbox: Sendable, Hashable, CustomStringConvertible {
    /// The display name without quotes or escapes, or nil when there is none. The MIME builder encodes
    /// it as needed (quoted string or RFC 2047 encoded-words) and refuses control characters.
    public var displayName: String?
    /// The address.
    public var address: EmailAddress

    /// Creates a mailbox; an empty display name is treated as none.
    public init(displayName: String? = nil, address: EmailAddress) {
        self.displayName = (displayName?.isEmpty ?? true) ? nil : displayName
        self.address = address
    }

    /// `Name <local@domain>` or the bare address, for logs; not an encoded header value.
    public var description: String {
        guard let displayName else { return address.wireForm }
        return "\(displayName) <\(address.wireForm)>"
    }
}
