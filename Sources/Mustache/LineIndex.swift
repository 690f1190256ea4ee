// LineIndex: maps byte offsets in a template source to 1-based line and column for error messages.

/// Line/column lookup over a UTF-8 source.
///
/// The parser asks for positions in increasing order, so the index walks forward from the previous answer
/// instead of rescanning each line: compilation stays linear even for minified single-line HTML.
struct LineIndex {
    private let bytes: [UInt8]
    private var offset = 0
    private var line = 1
    private var column = 1

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The position of `target`; columns count Unicode scalars (UTF-8 continuation bytes are skipped) so
    /// that positions after CJK text or emoji match what a person counts.
    mutating func position(of target: Int) -> SourcePosition {
        if target < offset {
            offset = 0
            line = 1
            column = 1
        }
        while offset < target && offset < bytes.count {
            let byte = bytes[offset]
            if byte == ASCII.newline {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            offset += 1
        }
        return SourcePosition(line: line, column: column)
    }
}

/// ASCII bytes the parser and renderer test for.
enum ASCII {
    static let newline: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let bang: UInt8 = 0x21
    static let quote: UInt8 = 0x22
    static let hash: UInt8 = 0x23
    static let dollar: UInt8 = 0x24
    static let ampersand: UInt8 = 0x26
    static let apostrophe: UInt8 = 0x27
    static let asterisk: UInt8 = 0x2A
    static let dot: UInt8 = 0x2E
    static let slash: UInt8 = 0x2F
    static let lessThan: UInt8 = 0x3C
    static let equals: UInt8 = 0x3D
    static let greaterThan: UInt8 = 0x3E
    static let caret: UInt8 = 0x5E
    static let openBrace: UInt8 = 0x7B
    static let closeBrace: UInt8 = 0x7D

    /// Space or tab: the only characters that may surround a standalone tag on its line (spec overview).
    static func isBlank(_ byte: UInt8) -> Bool {
        byte == space || byte == tab
    }

    /// Any whitespace allowed around a tag's content (`{{ name }}`, possibly spread over lines).
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab || byte == newline || byte == carriageReturn
    }
}
