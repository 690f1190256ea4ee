// DKIMFieldFolder: lays out the DKIM-Signature field in folded lines (RFC 5322 §2.2.3, RFC 6376 §3.5 FWS).

/// Builds a header field from tag atoms, folded to stay within `maxLineLength`.
///
/// A CRLF SP goes before any atom that would push a line past the limit. RFC 6376 §3.2 allows FWS around
/// tags, after the colons of `h=` and inside base64 values, so those are the only places the folder breaks.
struct DKIMFieldFolder {
    /// Longest line written, without its CRLF; RFC 5322 §2.1.1 asks for no more than 78.
    static let maxLineLength = 76

    /// The field so far, without a final CRLF.
    private(set) var bytes: [UInt8]
    private var column: Int

    /// Starts a field `name:`.
    init(name: String) {
        bytes = Array(name.utf8)
        bytes.append(ASCII.colon)
        bytes.reserveCapacity(640)
        column = bytes.count
    }

    /// Appends `atom`, preceded by a space when `spaced`.
    ///
    /// The atom moves to a new line first if it would not fit. An atom longer than a line (a very long `d=`
    /// domain) gets a line of its own.
    mutating func append(_ atom: String, spaced: Bool = true) {
        let length = atom.utf8.count
        if column + (spaced ? 1 : 0) + length > Self.maxLineLength && column > 1 {
            fold()
        } else if spaced {
            bytes.append(ASCII.space)
            column += 1
        }
        bytes.append(contentsOf: atom.utf8)
        column += length
    }

    /// Appends characters that may be broken anywhere (a base64 value), filling each line.
    mutating func appendBreakable(_ characters: [UInt8]) {
        var index = 0
        while index < characters.count {
            if column >= Self.maxLineLength { fold() }
            let take = min(Self.maxLineLength - column, characters.count - index)
            bytes.append(contentsOf: characters[index..<(index + take)])
            column += take
            index += take
        }
    }

    /// Ends the current line, so that the next atom starts a line of its own.
    mutating func breakLine() {
        if column > 1 { fold() }
    }

    /// The finished field, ending in CRLF.
    func finished() -> [UInt8] {
        bytes + ASCII.crlf
    }

    private mutating func fold() {
        bytes.append(contentsOf: [ASCII.carriageReturn, ASCII.lineFeed, ASCII.space])
        column = 1
    }
}
