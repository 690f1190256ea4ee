// ReferenceCollector: lists the tags of a template and of the partials it includes, in source order.

/// Walks compiled templates depth-first, expanding each included partial once, at its first inclusion.
struct ReferenceCollector {
    private let library: TemplateLibrary
    private var expanded: Set<Int> = []
    private(set) var references: [MustacheReference] = []

    init(library: TemplateLibrary) {
        self.library = library
    }

    mutating func collect() {
        guard let main = library.templates.first else {
            return
        }
        expanded.insert(0)
        walk(main.nodes, templateName: main.name)
    }

    private mutating func walk(_ nodes: [Node], templateName: String) {
        for node in nodes {
            switch node {
            case .text, .lineStart:
                continue
            case .variable(let variable):
                add(variable.name.text, variable.escaped ? .variable : .unescapedVariable, variable.position,
                    templateName)
            case .section(let section):
                add(section.name.text, section.inverted ? .invertedSection : .section, section.position,
                    templateName)
                walk(section.body, templateName: templateName)
            case .partial(let partial):
                addTarget(partial.target, kind: .partial, position: partial.position, templateName: templateName)
            case .block(let block):
                walkBlock(block, templateName: templateName)
            case .parent(let parent):
                // The overrides are written between the parent's tags, so they come before its expansion.
                if case .dynamic(let name) = parent.target {
                    add(name.text, .dynamicPartial, parent.position, templateName)
                } else {
                    add(parent.target.displayName, .parent, parent.position, templateName)
                }
                for block in parent.overrides {
                    walkBlock(block, templateName: templateName)
                }
                expand(parent.target)
            }
        }
    }

    private mutating func walkBlock(_ block: BlockNode, templateName: String) {
        add(block.name, .block, block.position, templateName)
        walk(block.body, templateName: templateName)
    }

    private mutating func addTarget(
        _ target: PartialTarget,
        kind: MustacheReference.Kind,
        position: SourcePosition,
        templateName: String
    ) {
        if case .dynamic(let name) = target {
            add(name.text, .dynamicPartial, position, templateName)
        } else {
            add(target.displayName, kind, position, templateName)
            expand(target)
        }
    }

    /// Lists a fixed target's own tags the first time it is reached.
    private mutating func expand(_ target: PartialTarget) {
        guard case .fixed(_, let index?) = target, !expanded.contains(index) else {
            return
        }
        expanded.insert(index)
        let template = library.templates[index]
        walk(template.nodes, templateName: template.name)
    }

    private mutating func add(
        _ name: String,
        _ kind: MustacheReference.Kind,
        _ position: SourcePosition,
        _ templateName: String
    ) {
        references.append(MustacheReference(
            name: name, line: position.line, column: position.column, kind: kind, templateName: templateName))
    }
}
