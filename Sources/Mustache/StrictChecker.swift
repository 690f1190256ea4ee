// StrictChecker: the walk behind MustacheTemplate.unknownReferences(knownNames:scalarNames:).

/// Visits only the places where names must resolve from the root context (see `unknownReferences`).
struct StrictChecker {
    private let library: TemplateLibrary
    private let knownNames: Set<String>
    private let scalarNames: Set<String>
    /// First segments of the known names: `sender` for `sender.name`.
    private let roots: Set<String>
    private let sortedRoots: [String]
    private let available: [String]
    /// Partials already checked; checking twice would repeat their errors.
    private var visited: Set<Int> = []
    private(set) var errors: [MustacheError] = []

    init(library: TemplateLibrary, knownNames: Set<String>, scalarNames: Set<String>) {
        self.library = library
        self.knownNames = knownNames
        self.scalarNames = scalarNames
        let roots = Set(knownNames.map { name in
            String(name.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        })
        self.roots = roots
        self.sortedRoots = roots.sorted()
        self.available = knownNames.sorted()
    }

    mutating func check() {
        guard let main = library.templates.first else {
            return
        }
        visited.insert(0)
        walk(main.nodes, in: main)
    }

    private mutating func walk(_ nodes: [Node], in template: CompiledTemplate) {
        for node in nodes {
            switch node {
            case .text, .lineStart:
                continue
            case .variable(let variable):
                verify(variable.name, at: variable.position, in: template)
            case .section(let section):
                verify(section.name, at: section.position, in: template)
                // Inverted sections render only when the value is falsey and push nothing.
                if section.inverted || scalarNames.contains(section.name.text) {
                    walk(section.body, in: template)
                }
            case .partial(let partial):
                follow(partial.target, at: partial.position, in: template)
            case .block(let block):
                walk(block.body, in: template)
            case .parent(let parent):
                for block in parent.overrides {
                    walk(block.body, in: template)
                }
                follow(parent.target, at: parent.position, in: template)
            }
        }
    }

    private mutating func follow(_ target: PartialTarget, at position: SourcePosition, in template: CompiledTemplate) {
        switch target {
        case .dynamic(let name):
            verify(name, at: position, in: template)
        case .fixed(_, let index?):
            guard !visited.contains(index), index < library.templates.count else {
                return
            }
            visited.insert(index)
            let partial = library.templates[index]
            walk(partial.nodes, in: partial)
        case .fixed(_, nil):
            return
        }
    }

    private mutating func verify(_ name: TagName, at position: SourcePosition, in template: CompiledTemplate) {
        // Each error quotes its whole source line, found by a scan from the top: thousands of unknown names
        // on one long (minified) line took a minute and gigabytes (found by timing large inputs on the fuzz
        // target; docs/fuzzing.md).
        guard errors.count < MustacheTemplate.maxUnknownReferences, !isKnown(name) else {
            return
        }
        let kind = MustacheError.Kind.unknownName(
            name: name.text, suggestion: suggestion(for: name), available: available)
        errors.append(template.error(kind, at: position))
    }

    /// Known when the name, one of its dotted prefixes, or a known name it is a prefix of is listed:
    /// `sender` (a section over the object) and `sender.name.x` are fine when `sender.name` is known.
    private func isKnown(_ name: TagName) -> Bool {
        guard let first = name.segments.first else {
            return true  // `.`, the implicit iterator
        }
        guard roots.contains(first) else {
            return false
        }
        var prefix = first
        if knownNames.contains(prefix) {
            return true
        }
        for segment in name.segments.dropFirst() {
            prefix += "." + segment
            if knownNames.contains(prefix) {
                return true
            }
        }
        let asPrefix = name.text + "."
        return knownNames.contains { $0.hasPrefix(asPrefix) }
    }

    /// A whole-name suggestion: within a known root, the closest known dotted name; otherwise the closest root
    /// with the rest of the dotted path kept.
    private func suggestion(for name: TagName) -> String? {
        guard let first = name.segments.first else {
            return nil
        }
        if roots.contains(first) {
            let siblings = available.filter { $0.hasPrefix(first + ".") }
            return NameSuggester.closest(to: name.text, among: siblings)
        }
        return NameSuggester.closest(to: first, among: sortedRoots).map { root in
            ([root] + name.segments.dropFirst()).joined(separator: ".")
        }
    }
}
