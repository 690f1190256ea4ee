// MustacheReference: one tag of a compiled template that names data or another template.

/// A tag found in a template or one of its partials, listed by ``MustacheTemplate/references``.
public struct MustacheReference: Sendable, Equatable {
    /// What sort of tag made the reference.
    public enum Kind: Sendable, Equatable {
        /// `{{name}}`: an escaped interpolation.
        case variable
        /// `{{{name}}}` or `{{&name}}`: an unescaped interpolation.
        case unescapedVariable
        /// `{{#name}}`: a section.
        case section
        /// `{{^name}}`: an inverted section.
        case invertedSection
        /// `{{>name}}`: a partial (the name is a template name, not data).
        case partial
        /// `{{>*name}}`: a dynamic partial; the name is data whose value names the partial.
        case dynamicPartial
        /// `{{<name}}`: a parent template (inheritance); the name is a template name.
        case parent
        /// `{{$name}}`: a block (inheritance); the name is a parameter name, not data.
        case block
    }

    /// The tag name as written, e.g. `first_name`, `user.email`, `.` or a partial name.
    public var name: String
    /// 1-based line of the tag's opening delimiter.
    public var line: Int
    /// 1-based column (in Unicode scalars) of the tag's opening delimiter.
    public var column: Int
    /// What sort of tag it is.
    public var kind: Kind
    /// The template or partial whose source contains the tag.
    public var templateName: String

    /// Creates a reference.
    public init(name: String, line: Int, column: Int, kind: Kind, templateName: String) {
        self.name = name
        self.line = line
        self.column = column
        self.kind = kind
        self.templateName = templateName
    }

    /// Whether the name is looked up in the data (as opposed to naming a template or a block).
    public var isDataReference: Bool {
        switch kind {
        case .variable, .unescapedVariable, .section, .invertedSection, .dynamicPartial:
            return true
        case .partial, .parent, .block:
            return false
        }
    }
}
