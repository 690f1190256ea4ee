// ServerCapabilities: the service extensions a server announced in its EHLO reply (RFC 5321 §4.1.1.1).

/// The extensions from one EHLO reply. After STARTTLS a new value replaces the old one: RFC 3207 §4.2 says
/// the client must discard knowledge obtained from the server before TLS.
public struct ServerCapabilities: Sendable, Equatable {
    /// The domain the server named in the first line of its EHLO reply.
    public var serverName: String
    /// Upper-cased extension keyword → its parameters, in the order announced.
    public var extensions: [String: [String]]

    /// No extensions (the server answered HELO, or EHLO has not been sent).
    public init() {
        serverName = ""
        extensions = [:]
    }

    /// Parses a 250 reply to EHLO: the first line is the domain, each later line "keyword *(SP param)".
    public init(ehloReply reply: Reply) {
        serverName = reply.lines.first.map { String($0.prefix { $0 != " " }) } ?? ""
        extensions = [:]
        for line in reply.lines.dropFirst() {
            var words = line.split(separator: " ").map(String.init)
            guard !words.isEmpty else { continue }
            var keyword = words.removeFirst().uppercased()
            // Some old servers wrote "AUTH=LOGIN PLAIN" (before RFC 4954); read it as AUTH.
            if keyword.hasPrefix("AUTH=") {
                words.insert(String(keyword.dropFirst(5)), at: 0)
                keyword = "AUTH"
            }
            extensions[keyword, default: []].append(contentsOf: words)
        }
    }

    /// Whether `keyword` was announced (case-insensitive).
    public func supports(_ keyword: String) -> Bool { extensions[keyword.uppercased()] != nil }

    /// RFC 3207.
    public var startTLS: Bool { supports("STARTTLS") }
    /// RFC 2920.
    public var pipelining: Bool { supports("PIPELINING") }
    /// RFC 6152.
    public var eightBitMIME: Bool { supports("8BITMIME") }
    /// RFC 6531.
    public var smtpUTF8: Bool { supports("SMTPUTF8") }
    /// RFC 2034.
    public var enhancedStatusCodes: Bool { supports("ENHANCEDSTATUSCODES") }

    /// RFC 1870 §4: the declared maximum message size; nil when SIZE is absent or has no fixed limit (0).
    public var maximumMessageSize: Int? {
        guard let value = extensions["SIZE"]?.first.flatMap({ Int($0) }), value > 0 else { return nil }
        return value
    }

    /// RFC 4954 §3: the SASL mechanisms offered, upper-cased.
    public var authMechanisms: [String] { (extensions["AUTH"] ?? []).map { $0.uppercased() } }
}
