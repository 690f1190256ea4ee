// Node: the precompiled template tree that rendering walks (no source text is consulted at render time).

/// A compiled piece of a template.
///
/// Payloads other than text are final classes so that a `Node` stays two words wide and node arrays stay
/// compact; everything is immutable after compilation, which is what makes templates `Sendable`.
enum Node: Sendable {
    /// Literal text, already UTF-8 encoded.
    case text(TextNode)
    /// The start of a source line that begins with a non-standalone tag: where partial indentation goes
    /// (partials.yml: "each line of the partial should be indented").
    case lineStart
    /// `{{name}}`, `{{{name}}}` or `{{&name}}`.
    case variable(VariableNode)
    /// `{{#name}}…{{/name}}` or `{{^name}}…{{/name}}`.
    case section(SectionNode)
    /// `{{>name}}` or `{{>*name}}`.
    case partial(PartialNode)
    /// `{{$name}}…{{/name}}` outside a parent tag: a block with default content (~inheritance.yml).
    case block(BlockNode)
    /// `{{<name}}…{{/name}}`: a parent template with block overrides (~inheritance.yml).
    case parent(ParentNode)
}

/// A 1-based line and column (in Unicode scalars) in a template source.
struct SourcePosition: Sendable, Equatable {
    let line: Int
    let column: Int
}

/// A tag name split at compile time into its dotted segments (interpolation.yml "Dotted Names").
final class TagName: Sendable {
    /// The name as written, e.g. `user.email` or `.`.
    let text: String
    /// The dotted segments; empty for the implicit iterator `.`.
    let segments: [String]

    init(text: String, segments: [String]) {
        self.text = text
        self.segments = segments
    }

    /// Whether this is the implicit iterator `.`, which names the top of the context stack.
    var isImplicit: Bool {
        segments.isEmpty
    }
}

/// Literal text plus the offsets at which partial indentation must be inserted.
struct TextNode: Sendable {
    /// The text as UTF-8.
    let bytes: [UInt8]
    /// Offsets into `bytes` that begin a source line; only consulted when rendering with indentation.
    let lineStarts: [Int]
}

/// An interpolation tag.
final class VariableNode: Sendable {
    let name: TagName
    /// `false` for `{{{name}}}` and `{{&name}}`, which are never escaped.
    let escaped: Bool
    let position: SourcePosition

    init(name: TagName, escaped: Bool, position: SourcePosition) {
        self.name = name
        self.escaped = escaped
        self.position = position
    }
}

/// A section or inverted section.
final class SectionNode: Sendable {
    let name: TagName
    let inverted: Bool
    let body: [Node]
    let position: SourcePosition

    init(name: TagName, inverted: Bool, body: [Node], position: SourcePosition) {
        self.name = name
        self.inverted = inverted
        self.body = body
        self.position = position
    }
}

/// Which template a partial or parent tag includes.
enum PartialTarget: Sendable {
    /// A name fixed in the source, resolved at compile time to an index into the template library
    /// (`nil` when no such partial was given: the spec renders it as empty).
    case fixed(name: String, index: Int?)
    /// `*name` (~dynamic-names.yml): the data value at `name`, looked up when rendering.
    case dynamic(TagName)

    /// The name as written in the tag, with the `*` for dynamic names.
    var displayName: String {
        switch self {
        case .fixed(let name, _):
            return name
        case .dynamic(let name):
            return "*" + name.text
        }
    }
}

/// A partial tag.
final class PartialNode: Sendable {
    let target: PartialTarget
    /// Whitespace before a standalone tag, prepended to every line of the partial (partials.yml).
    let indent: [UInt8]
    /// The index of the template containing the tag, for render-time errors.
    let templateIndex: Int
    let position: SourcePosition

    init(target: PartialTarget, indent: [UInt8], templateIndex: Int, position: SourcePosition) {
        self.target = target
        self.indent = indent
        self.templateIndex = templateIndex
        self.position = position
    }
}

/// A block: either a default (outside any parent tag) or an override (directly inside a parent tag).
final class BlockNode: Sendable {
    let name: String
    /// Default content, or the override's content. Intrinsic indentation is already removed when the opening
    /// tag is standalone ("Block reindentation" in ~inheritance.yml).
    let body: [Node]
    /// Whether `body` begins a line whose indentation point was held back: the expansion emits it only at a
    /// standalone site (an inline site already has its blanks as literal text).
    let bodyStartsLine: Bool
    /// Indentation added to every line of whatever content is expanded here (relative to the enclosing
    /// indentation); only meaningful for defaults.
    let expansionIndent: [UInt8]
    /// Whether the opening tag stood alone on its line, so the expansion itself must emit the first line's
    /// indentation (the tag's own whitespace was removed with the line).
    let standalone: Bool
    let position: SourcePosition

    init(
        name: String,
        body: [Node],
        bodyStartsLine: Bool,
        expansionIndent: [UInt8],
        standalone: Bool,
        position: SourcePosition
    ) {
        self.name = name
        self.body = body
        self.bodyStartsLine = bodyStartsLine
        self.expansionIndent = expansionIndent
        self.standalone = standalone
        self.position = position
    }
}

/// A parent tag and the block overrides it passes.
final class ParentNode: Sendable {
    let target: PartialTarget
    /// Overrides in source order (for references); lookups go through `overrideByName`.
    let overrides: [BlockNode]
    let overrideByName: [String: BlockNode]
    /// Whitespace before a standalone parent tag pair, prepended to every line of the parent.
    let indent: [UInt8]
    /// The index of the template containing the tag, for render-time errors.
    let templateIndex: Int
    let position: SourcePosition

    init(
        target: PartialTarget,
        overrides: [BlockNode],
        indent: [UInt8],
        templateIndex: Int,
        position: SourcePosition
    ) {
        self.target = target
        self.overrides = overrides
        // The first override of a name wins, so that an accidental duplicate behaves predictably.
        self.overrideByName = Dictionary(overrides.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.indent = indent
        self.templateIndex = templateIndex
        self.position = position
    }
}

/// One compiled template (the main one or a partial).
final class CompiledTemplate: Sendable {
    let name: String
    let nodes: [Node]
    /// The source, kept only to quote the offending line in errors found after compilation.
    let source: [UInt8]

    init(name: String, nodes: [Node], source: [UInt8]) {
        self.name = name
        self.nodes = nodes
        self.source = source
    }

    /// An error located in this template, quoting its line.
    func error(_ kind: MustacheError.Kind, at position: SourcePosition) -> MustacheError {
        MustacheError(
            kind: kind, templateName: name, line: position.line, column: position.column,
            sourceLine: SourceLines.text(ofLine: position.line, in: source))
    }
}

/// The main template and all partials, compiled once and shared by every render.
final class TemplateLibrary: Sendable {
    /// Index 0 is the main template; partials follow.
    let templates: [CompiledTemplate]
    /// Partial name to index into `templates`.
    let partialIndex: [String: Int]

    init(templates: [CompiledTemplate], partialIndex: [String: Int]) {
        self.templates = templates
        self.partialIndex = partialIndex
    }
}
