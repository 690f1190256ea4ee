// StrictChecker: the walk behind MustacheTemplate.unknownReferences(knownNames:scalarNames:).

/// Visits only the places where names must resolve from the root context (see `unknownReferences`).
struct StrictChecker {
    private let library: TemplateLibrary
    private let knownNames: Set<String>
    private let scalarNames: Set<String>
    private let available: [String]
    /// Partials already checked; checking twice would repeat their errors.
    private var visited: Set<Int> = []
    private(set) var errors: [MustacheError] = []

    init(library: TemplateLibrary, knownNames: Set<String>, scalarNames: Set<String>) {
        self.library = library
        self.knownNames = knownNames
        self.scalarNames = scalarNames
        self.available = knownNames.sorted()
    }

    mutating func check() {
        guard let main = library.templates.first else {
            return
        }
        visited.insert(0)
        walk(main.nodes, templateName: main.name)
    }

    private mutating func walk(_ nodes: [Node], templateName: String) {
        for node in nodes {
            switch node {
            case .text, .lineStart:
                continue
            case .variable(let variable):
                verify(variable.name, at: variable.position, in: templateName)
            case .section(let section):
                verify(section.name, at: section.position, in: templateName)
                // Inverted sections render only when the value is falsey and push nothing.
                if section.inverted || scalarNames.contains(section.name.text) {
                    walk(section.body, templateName: templateName)
                }
            case .partial(let partial):
                follow(partial.target, at: partial.position, in: templateName)
            case .block(let block):
                walk(block.body, templateName: templateName)
            case .parent(let parent):
                for block in parent.overrides {
                    walk(block.body, templateName: templateName)
                }
                follow(parent.target, at: parent.position, in: templateName)
            }
        }
    }

    private mutating func follow(_ target: PartialTarget, at position: SourcePosition, in templateName: String) {
        switch target {
        case .dynamic(let name):
            verify(name, at: position, in: templateName)
        case .fixed(_, let index?):
            guard !visited.contains(index) else {
                return
            }
            visited.insert(index)
            let template = library.templates[index]
            walk(template.nodes, templateName: template.name)
        case .fixed(_, nil):
            return
        }
    }

    private mutating func verify(_ name: TagName, at position: SourcePosition, in templateName: String) {
        guard let first = name.segments.first, !knownNames.contains(first) else {
            return
        }
        // Suggest a whole name: the closest root name with the rest of the dotted path kept.
        let suggestion = NameSuggester.closest(to: first, among: available).map { match in
            ([match] + name.segments.dropFirst()).joined(separator: ".")
        }
        let kind = MustacheError.Kind.unknownName(name: name.text, suggestion: suggestion, available: available)
        errors.append(MustacheError(
            kind: kind, templateName: templateName, line: position.line, column: position.column))
    }
}
