// Renderer: walks a compiled node tree against a context stack, appending UTF-8 to a byte buffer.

/// Block overrides in effect, by block name (~inheritance.yml). Outer parents take precedence.
typealias BlockScope = [String: BlockNode]

/// One render of one template. A value type so each render owns its buffer and context stack. Nothing here
/// touches Foundation or re-reads template source, and the only allocations are the buffer's growth, the
/// context stack and (for indented partials or blocks) concatenated indentation.
struct Renderer {
    /// The rendered bytes; callers swap their own buffer in and out to avoid copying it.
    var output: [UInt8] = []
    /// The context stack (spec overview: "the context stack"); the last element is the innermost context.
    private var stack: ContiguousArray<MustacheValue> = []
    private let library: TemplateLibrary
    /// Whether `{{name}}` tags are HTML-escaped in this render.
    let escapesHTML: Bool
    /// Sections and partials currently open, to bound recursion through partials.
    private var depth = 0
    /// The first depth overflow met; non-throwing renders drop the partial and carry on.
    private(set) var failure: MustacheError?
    /// Nodes visited so far, against `MustacheTemplate.maxRenderSteps`.
    private var steps = 0
    /// Where this render's bytes start in `output` (callers may append to a buffer that holds more).
    private var outputStart = 0
    /// Set once the step or byte budget is spent: every render call then returns at once.
    private var exhausted = false
    /// Root-context values already looked up in this render (see `rootValue`): names and values in two
    /// arrays, so the search compares plain identifiers without copying (retaining) a value per entry.
    private var rootCacheNames: [ObjectIdentifier] = []
    private var rootCacheValues: [MustacheValue?] = []

    init(library: TemplateLibrary, escaping: MustacheEscaping) {
        self.library = library
        self.escapesHTML = escaping == .html
    }

    /// Renders the main template.
    mutating func render(_ data: MustacheValue) {
        stack.reserveCapacity(8)
        stack.append(data)
        outputStart = output.count
        if let main = library.templates.first {
            render(main.nodes, indent: [], scope: [:])
        }
        stack.removeAll(keepingCapacity: true)
    }

    /// Renders nodes with `indent` inserted at every line start (partials.yml, "Standalone Indentation").
    private mutating func render(_ nodes: [Node], indent: [UInt8], scope: BlockScope) {
        for node in nodes {
            guard spendStep() else { return }
            switch node {
            case .text(let text):
                if indent.isEmpty || text.lineStarts.isEmpty {
                    output.append(contentsOf: text.bytes)
                } else {
                    appendIndented(text, indent: indent)
                }
            case .lineStart:
                output.append(contentsOf: indent)
            case .variable(let variable):
                appendValue(lookup(variable.name), escaped: variable.escaped)
            case .section(let section):
                renderSection(section, indent: indent, scope: scope)
            case .partial(let partial):
                renderPartial(partial.target, indent: indent + partial.indent, scope: scope,
                              templateIndex: partial.templateIndex, position: partial.position)
            case .block(let block):
                renderBlock(block, indent: indent, scope: scope)
            case .parent(let parent):
                // Overrides already in scope come from further out and win ("Multi-level inheritance").
                let inner = scope.merging(parent.overrideByName, uniquingKeysWith: { outer, _ in outer })
                renderPartial(parent.target, indent: indent + parent.indent, scope: inner,
                              templateIndex: parent.templateIndex, position: parent.position)
            }
        }
    }

    /// Counts one node against the budget; false (with `failure` set) once the budget is spent.
    private mutating func spendStep() -> Bool {
        if exhausted { return false }
        steps += 1
        guard steps > MustacheTemplate.maxRenderSteps || output.count - outputStart > MustacheTemplate.maxRenderBytes
        else { return true }
        exhausted = true
        // Truncated output is no use to anyone: the checked render reports it, whatever else happened first.
        failure = MustacheError(
            kind: .renderTooLarge(steps: MustacheTemplate.maxRenderSteps, bytes: MustacheTemplate.maxRenderBytes),
            templateName: library.templates.first?.name ?? "template", line: 1, column: 1)
        return false
    }

    /// sections.yml: lists repeat the body once per item with the item pushed; other truthy values push
    /// themselves once; falsey values skip the body. Inverted sections render only for falsey values.
    private mutating func renderSection(_ section: SectionNode, indent: [UInt8], scope: BlockScope) {
        let value = lookup(section.name)
        if section.inverted {
            if !value.isTruthy {
                render(section.body, indent: indent, scope: scope)
            }
            return
        }
        depth += 1
        defer { depth -= 1 }
        switch value {
        case .list(let items):
            for item in items {
                stack.append(item)
                render(section.body, indent: indent, scope: scope)
                stack.removeLast()
            }
        default:
            if value.isTruthy {
                stack.append(value)
                render(section.body, indent: indent, scope: scope)
                stack.removeLast()
            }
        }
    }

    /// Renders an included template, or nothing when it is missing (partials.yml "Failed Lookup") or when the
    /// depth bound is reached (recorded in `failure`).
    private mutating func renderPartial(
        _ target: PartialTarget,
        indent: [UInt8],
        scope: BlockScope,
        templateIndex: Int,
        position: SourcePosition
    ) {
        guard let index = resolve(target), index < library.templates.count else {
            return
        }
        guard depth < MustacheTemplate.maxRenderDepth else {
            if failure == nil, templateIndex < library.templates.count {
                let kind = MustacheError.Kind.partialRecursionTooDeep(
                    name: target.displayName, limit: MustacheTemplate.maxRenderDepth)
                failure = library.templates[templateIndex].error(kind, at: position)
            }
            return
        }
        depth += 1
        defer { depth -= 1 }
        render(library.templates[index].nodes, indent: indent, scope: scope)
    }

    /// Expands a block: the override in scope, else the default content, reindented for this site.
    private mutating func renderBlock(_ block: BlockNode, indent: [UInt8], scope: BlockScope) {
        // An override that contains a block of its own name expands into itself for ever (~inheritance.yml
        // has no such case); blocks count towards the depth bound like partials, or the stack overflows
        // (found by fuzzing; docs/fuzzing.md).
        guard depth < MustacheTemplate.maxRenderDepth else {
            if failure == nil {
                failure = MustacheError(
                    kind: .partialRecursionTooDeep(name: "$" + block.name, limit: MustacheTemplate.maxRenderDepth),
                    templateName: library.templates.first?.name ?? "template", line: 1, column: 1)
            }
            return
        }
        depth += 1
        defer { depth -= 1 }
        let content = scope[block.name] ?? block
        let inner = indent + block.expansionIndent
        if block.standalone && content.bodyStartsLine {
            // The site's own line (with its indentation) was removed, so the expansion starts the line.
            output.append(contentsOf: inner)
        }
        render(content.body, indent: inner, scope: scope)
    }

    /// The partial index a target names, resolving dynamic names against the context (~dynamic-names.yml).
    private mutating func resolve(_ target: PartialTarget) -> Int? {
        switch target {
        case .fixed(_, let index):
            return index
        case .dynamic(let name):
            guard case .string(let partialName) = lookup(name) else {
                return nil
            }
            return library.partialIndex[partialName]
        }
    }

    /// Name resolution per the spec overview: `.` is the top of the stack; otherwise the first segment is
    /// looked up from the innermost context outwards, and the remaining segments only within what it found
    /// (interpolation.yml "Dotted Names - Broken Chain Resolution").
    private mutating func lookup(_ name: TagName) -> MustacheValue {
        let segments = name.segments
        guard let first = segments.first else {
            return stack.last ?? .null
        }
        var index = stack.count - 1
        var found: MustacheValue?
        while index > 0 {
            if case .object(let fields) = stack[index], let value = fields[first] {
                found = value
                break
            }
            index -= 1
        }
        guard var value = found ?? rootValue(name) else { return .null }
        var segment = 1
        while segment < segments.count {
            guard case .object(let nested) = value, let next = nested[segments[segment]] else {
                return .null
            }
            value = next
            segment += 1
        }
        return value
    }

    /// The root context's value for `name`'s first segment, remembered for the rest of this render: the root
    /// never changes while a template renders, and a newsletter names the same few columns dozens of times.
    /// The parser makes one `TagName` per distinct name, so a pointer comparison finds a name already seen,
    /// where a dictionary look-up would hash the string every time.
    private mutating func rootValue(_ name: TagName) -> MustacheValue? {
        let id = ObjectIdentifier(name)
        if let index = rootCacheNames.firstIndex(of: id) { return rootCacheValues[index] }
        guard case .object(let fields) = stack[0], let first = name.segments.first else { return nil }
        let value = fields[first]
        if rootCacheNames.isEmpty {
            // Room for the whole cache at once: growing 1, 2, 4, … cost more than the look-ups it saves.
            rootCacheNames.reserveCapacity(Self.rootCacheSize)
            rootCacheValues.reserveCapacity(Self.rootCacheSize)
        }
        if rootCacheNames.count < Self.rootCacheSize {
            rootCacheNames.append(id)
            rootCacheValues.append(value)
        }
        return value
    }

    /// Distinct root names remembered per render; beyond that, look-ups go to the dictionary each time.
    private static let rootCacheSize = 24

    private mutating func appendIndented(_ text: TextNode, indent: [UInt8]) {
        text.bytes.withUnsafeBufferPointer { bytes in
            var copied = 0
            for lineStart in text.lineStarts {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<lineStart]))
                output.append(contentsOf: indent)
                copied = lineStart
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
        }
    }
}
