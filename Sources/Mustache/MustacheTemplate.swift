// MustacheTemplate: the public entry point — compile once per campaign, render once per recipient.

/// A compiled Mustache template with its partials.
///
/// Compilation parses the source and every partial once into an immutable node tree; rendering walks that
/// tree, appending UTF-8 bytes, and never re-parses anything. Values from the data are output as text and are
/// never evaluated as template source, so `{{x}}` inside a recipient's data stays literal.
///
/// Supported: the core spec (comments, delimiters, interpolation, inverted, partials, sections) and the
/// optional `~inheritance` and `~dynamic-names` modules. Lambdas are deliberately not supported: data is data.
///
/// Templates are `Sendable` and can be shared by concurrent renders.
public struct MustacheTemplate: Sendable {
    /// How deeply sections and partials may nest while rendering. Partials recurse as the spec requires
    /// (partials.yml "Recursion"), bounded by the data; this bound turns runaway recursion into an error
    /// instead of a stack overflow.
    public static let maxRenderDepth = 256

    /// How deeply sections, blocks and parents may nest within one template source.
    public static let maxSectionNesting = 100

    /// How many nodes (texts, tags, sections, partials) one render may visit. A long newsletter over a few
    /// dozen list items visits a few thousand; the bound stops the exponential case: a partial that
    /// includes itself twice inside a section doubles the work at each of ``maxRenderDepth`` levels
    /// (confirmed as a hang with the fuzz target; docs/fuzzing.md).
    public static let maxRenderSteps = 100_000

    /// How many bytes one render may write; far above any email a relay accepts.
    public static let maxRenderBytes = 32 * 1024 * 1024

    /// How many errors strict mode (``unknownReferences(knownNames:scalarNames:)``) reports at most: the
    /// first ones in source order. Nobody reads more, and each quotes its source line.
    public static let maxUnknownReferences = 100

    /// The name used in error positions of the main template.
    public let name: String

    let library: TemplateLibrary

    /// The main template's source size in bytes: a first guess at a render's size, to reserve a buffer once
    /// instead of growing it step by step.
    public var sourceByteCount: Int { library.templates.first?.source.count ?? 0 }

    /// Compiles a template and its partials.
    ///
    /// - Parameters:
    ///   - source: The template text.
    ///   - name: The name used in error messages (`name:line:column: …`), e.g. a file name.
    ///   - partials: Partial templates by name, for `{{>name}}`, `{{>*name}}` and `{{<name}}`. All of them are
    ///     compiled (and checked) now, each with the default delimiters as the spec requires.
    ///   - requirePartials: When `true`, a `{{>name}}` or `{{<name}}` naming no partial is a compile error.
    ///     When `false` (the spec's behaviour, partials.yml "Failed Lookup") it renders as nothing.
    ///     Dynamic names can only be checked at render time and always follow the spec.
    /// - Throws: ``MustacheError`` for syntax errors, missing partials (with `requirePartials`) and partials
    ///   that include themselves outside any section or block, which would recurse for every input.
    public init(
        source: String,
        name: String = "template",
        partials: [String: String] = [:],
        requirePartials: Bool = false
    ) throws(MustacheError) {
        // Sorted so that compile errors in partials are reported in a stable order.
        let partialNames = partials.keys.sorted()
        var partialIndex: [String: Int] = [:]
        for (offset, partialName) in partialNames.enumerated() {
            partialIndex[partialName] = offset + 1
        }
        var templates: [CompiledTemplate] = []
        for (index, (templateName, text)) in ([(name, source)] + partialNames.map { ($0, partials[$0] ?? "") })
            .enumerated() {
            var parser = Parser(
                source: text, templateName: templateName, templateIndex: index, partialIndex: partialIndex,
                requirePartials: requirePartials)
            let nodes = try parser.parse()
            templates.append(CompiledTemplate(name: templateName, nodes: nodes, source: parser.bytes))
        }
        let library = TemplateLibrary(templates: templates, partialIndex: partialIndex)
        var recursion = RecursionCheck(library: library)
        try recursion.verify()
        self.name = name
        self.library = library
    }

    /// Renders to a `String`.
    ///
    /// Never fails: missing names render as nothing (as the spec requires), a partial beyond
    /// ``maxRenderDepth`` renders as nothing, and a render past ``maxRenderSteps`` or ``maxRenderBytes``
    /// stops there. Use ``renderChecked(_:escaping:)`` to get those as errors.
    public func render(_ data: MustacheValue, escaping: MustacheEscaping = .html) -> String {
        var buffer: [UInt8] = []
        render(data, escaping: escaping, into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// Appends the rendered UTF-8 bytes to `buffer`: the fast path. Reuse one buffer across recipients
    /// (`removeAll(keepingCapacity: true)`) to render without reallocating.
    public func render(_ data: MustacheValue, escaping: MustacheEscaping, into buffer: inout [UInt8]) {
        var renderer = Renderer(library: library, escaping: escaping)
        swap(&renderer.output, &buffer)
        renderer.render(data)
        swap(&renderer.output, &buffer)
    }

    /// Renders to a `String`, failing when partial recursion exceeds ``maxRenderDepth`` or the render exceeds
    /// ``maxRenderSteps`` or ``maxRenderBytes``.
    public func renderChecked(
        _ data: MustacheValue,
        escaping: MustacheEscaping = .html
    ) throws(MustacheError) -> String {
        var buffer: [UInt8] = []
        try renderChecked(data, escaping: escaping, into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// Appends the rendered bytes to `buffer`, failing as ``renderChecked(_:escaping:)`` does; on failure
    /// `buffer` is left as it was.
    public func renderChecked(
        _ data: MustacheValue,
        escaping: MustacheEscaping,
        into buffer: inout [UInt8]
    ) throws(MustacheError) {
        let originalCount = buffer.count
        var renderer = Renderer(library: library, escaping: escaping)
        swap(&renderer.output, &buffer)
        renderer.render(data)
        swap(&renderer.output, &buffer)
        if let failure = renderer.failure {
            buffer.removeSubrange(originalCount...)
            throw failure
        }
    }

    /// Every tag that names data or another template, in source order, with positions.
    ///
    /// A partial's (or parent's) tags follow the tag that first includes it; each partial is listed once even
    /// when included several times or recursively. Partials reached only through dynamic names are not listed,
    /// since which one is used depends on the data.
    public var references: [MustacheReference] {
        var collector = ReferenceCollector(library: library)
        collector.collect()
        return collector.references
    }
}
