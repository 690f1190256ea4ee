// RecursionCheck: rejects at compile time partials that include themselves unconditionally.

/// Finds include cycles that no data can stop: a template reaching itself through partial or parent tags
/// that sit outside every section and block. Such a template recurses for every input, so it is a compile
/// error rather than something to discover at render time. Cycles through sections (partials.yml
/// "Recursion") are legitimate and left to the render-time depth bound.
struct RecursionCheck {
    private enum State {
        case unvisited, inProgress, done
    }

    private let library: TemplateLibrary
    private var states: [State]

    init(library: TemplateLibrary) {
        self.library = library
        self.states = Array(repeating: .unvisited, count: library.templates.count)
    }

    mutating func verify() throws(MustacheError) {
        for index in library.templates.indices {
            try visit(index)
        }
    }

    private mutating func visit(_ index: Int) throws(MustacheError) {
        guard states[index] == .unvisited else {
            return
        }
        states[index] = .inProgress
        let template = library.templates[index]
        for include in unconditionalIncludes(template.nodes) {
            if states[include.index] == .inProgress {
                throw template.error(
                    .partialRecursionTooDeep(name: include.name, limit: MustacheTemplate.maxRenderDepth),
                    at: include.position)
            }
            try visit(include.index)
        }
        states[index] = .done
    }

    /// Fixed partial and parent targets that render whatever the data: not inside a section or a block.
    private func unconditionalIncludes(_ nodes: [Node]) -> [(index: Int, name: String, position: SourcePosition)] {
        var found: [(index: Int, name: String, position: SourcePosition)] = []
        for node in nodes {
            switch node {
            case .partial(let partial):
                if case .fixed(let name, let index?) = partial.target {
                    found.append((index, name, partial.position))
                }
            case .parent(let parent):
                if case .fixed(let name, let index?) = parent.target {
                    found.append((index, name, parent.position))
                }
            case .text, .lineStart, .variable, .section, .block:
                continue
            }
        }
        return found
    }
}
