// HeaderWriter: writes one header field, folding at whitespace (RFC 5322 §2.1.1, §2.2.3).

/// Appends a header field to a byte buffer token by token, folding long lines.
///
/// A token is an unbreakable run of bytes; the whitespace before it is where the line may fold. Folding
/// inserts CRLF before that whitespace, so unfolding (removing CRLF) restores the value exactly
/// (RFC 5322 §2.2.3). Lines are kept to 78 characters where a fold point allows and never exceed 998.
struct HeaderWriter {
    // RFC 5322 §2.1.1: lines SHOULD be no more than 78 characters, MUST be no more than 998.
    static let preferredLineLength = 78
    static let maxLineLength = 998

    /// The message being written.
    var out: [UInt8]
    /// Characters on the current line so far (not counting CRLF).
    private(set) var column = 0
    /// True once the current line holds a token after the field name, so folding is allowed.
    private(set) var lineHasToken = false
    private var field = ""

    init(out: [UInt8]) {
        self.out = out
    }

    /// Starts a field: writes `name: `.
    mutating func begin(_ name: String) {
        field = name
        out.append(utf8: name)
        out.append(ASCII.colon)
        out.append(ASCII.space)
        column = name.utf8.count + 2
        lineHasToken = false
    }

    /// Ends the field with CRLF.
    mutating func end() {
        out.append(ASCII.carriageReturn)
        out.append(ASCII.lineFeed)
        column = 0
        lineHasToken = false
    }

    /// The room left on the current line for a token placed after `separatorLength` whitespace.
    func room(separatorLength: Int) -> Int {
        Self.preferredLineLength - column - separatorLength
    }

    /// Appends `token` after `separator` (whitespace, possibly empty). When the token would pass column
    /// 78 and the separator is not empty, the line is folded before the separator.
    mutating func append<Token: Collection, Separator: Collection>(
        _ token: Token, separator: Separator
    ) throws(MIMEError) where Token.Element == UInt8, Separator.Element == UInt8 {
        try reserve(length: token.count, separator: separator)
        out.append(contentsOf: token)
    }

    /// Appends a token of `length` bytes that `write` appends to `out`, folding first as `append` does.
    mutating func appendToken<Separator: Collection>(
        length: Int, separator: Separator, _ write: (inout [UInt8]) -> Void
    ) throws(MIMEError) where Separator.Element == UInt8 {
        try reserve(length: length, separator: separator)
        write(&out)
    }

    /// Appends a single space-separated token.
    mutating func append<Token: Collection>(spaced token: Token) throws(MIMEError) where Token.Element == UInt8 {
        try append(token, separator: CollectionOfOne(ASCII.space))
    }

    private mutating func reserve<Separator: Collection>(
        length: Int, separator: Separator
    ) throws(MIMEError) where Separator.Element == UInt8 {
        let needed = separator.count + length
        if !separator.isEmpty && lineHasToken && column + needed > Self.preferredLineLength {
            out.append(ASCII.carriageReturn)
            out.append(ASCII.lineFeed)
            column = 0
        }
        out.append(contentsOf: separator)
        column += needed
        lineHasToken = true
        if column > Self.maxLineLength { throw MIMEError(.lineTooLong(field: field)) }
    }
}
