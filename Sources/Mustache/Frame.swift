// Frame: one open section, block or parent while parsing, collecting the nodes of its body.

/// An open container tag during parsing.
struct Frame {
    /// What opened the frame.
    enum Kind {
        /// The template itself; never closed by a tag.
        case root
        /// `{{#name}}` or `{{^name}}`.
        case section(TagName, inverted: Bool)
        /// `{{$name}}`.
        case block(BlockInfo)
        /// `{{<name}}`.
        case parent(ParentInfo)
    }

    /// How a block was opened.
    struct BlockInfo {
        /// Directly inside a parent tag, so it overrides the parent's block rather than defining a default.
        let isOverride: Bool
        /// The opening tag ended its line (and, for defaults, also began it).
        let standalone: Bool
        /// See `BlockNode.expansionIndent`.
        let expansionIndent: [UInt8]
    }

    /// How a parent tag was opened.
    struct ParentInfo {
        let target: PartialTarget
        /// Where the opening tag's line starts, when only blanks precede the tag; those blanks become the
        /// parent's indentation if the closing tag also ends its line (a standalone pair).
        let lineStart: Int?
        let tagStart: Int
    }

    let kind: Kind
    /// The name an end tag must repeat.
    let name: String
    let position: SourcePosition
    /// Completed nodes of the body; literal text still being accumulated is in `pendingText`.
    private(set) var nodes: [Node] = []
    /// Text not yet turned into a node, so that runs of text (split by comments, set-delimiter tags or
    /// removed standalone lines) become one node without repeated copying.
    private var pendingText: [UInt8] = []
    private var pendingLineStarts: [Int] = []
    /// Whether the body's first line produced an indentation point that was held back for the block expansion
    /// to emit (see `Parser.suppressedLineStart`).
    var bodyStartsLine = false
    /// Parser whitespace state to restore when the frame closes.
    var savedDedent: [UInt8] = []
    var savedSuppressedLineStart = -1

    init(kind: Kind, name: String, position: SourcePosition) {
        self.kind = kind
        self.name = name
        self.position = position
    }

    /// Adds literal text; `lineStarts` are offsets into `bytes`.
    mutating func appendText(_ bytes: [UInt8], lineStarts: [Int]) {
        let base = pendingText.count
        pendingText.append(contentsOf: bytes)
        pendingLineStarts.append(contentsOf: lineStarts.map { $0 + base })
    }

    /// Adds a node after any pending text.
    mutating func append(_ node: Node) {
        flushText()
        nodes.append(node)
    }

    /// Turns pending text into a node.
    mutating func flushText() {
        guard !pendingText.isEmpty || !pendingLineStarts.isEmpty else {
            return
        }
        nodes.append(.text(TextNode(bytes: pendingText, lineStarts: pendingLineStarts)))
        pendingText = []
        pendingLineStarts = []
    }
}
