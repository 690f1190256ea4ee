// MustacheError: compile errors, strict-mode findings and render-depth failures, with file:line:column.

/// An error located in a template source, printed as `name:line:column: message`.
///
/// Lines and columns are 1-based; columns count Unicode scalars, so a tag after CJK text or an emoji gets the
/// column a human counts rather than a byte offset.
public struct MustacheError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// An opening delimiter with no matching closing delimiter before the end of the source.
        case unclosedTag(closingDelimiter: String)
        /// A section, inverted section, block or parent tag never closed; located at the opening tag.
        case unclosedSection(name: String)
        /// An end tag whose name differs from the innermost open section.
        case mismatchedSectionEnd(expected: String, found: String)
        /// An end tag while no section is open.
        case unexpectedSectionEnd(name: String)
        /// A tag with nothing but whitespace between its delimiters.
        case emptyTagName
        /// A tag name containing whitespace or an empty dotted segment (`a..b`); the spec requires
        /// non-whitespace names.
        case invalidTagName(String)
        /// A set-delimiter tag whose content is not two delimiters free of whitespace and `=`.
        case invalidDelimiters(String)
        /// Strict mode: a name that cannot resolve against the known root names.
        case unknownName(name: String, suggestion: String?, available: [String])
        /// A partial that is not in the partials given to the template (only with `requirePartials`).
        case partialNotFound(name: String)
        /// Partials nested deeper than the limit: unbounded recursion, found at compile time when a partial
        /// includes itself outside any section, otherwise at render time.
        case partialRecursionTooDeep(name: String, limit: Int)
        /// Sections nested deeper than the limit; rejected so that rendering cannot exhaust the stack.
        case nestingTooDeep(limit: Int)
        /// A render that would visit more than ``MustacheTemplate/maxRenderSteps`` tags and texts or write
        /// more than ``MustacheTemplate/maxRenderBytes``: partials that include themselves twice inside a
        /// section double the work at every level, so two lines of template could otherwise run for ever.
        case renderTooLarge(steps: Int, bytes: Int)
    }

    /// What went wrong.
    public var kind: Kind
    /// The name of the template (or partial) the position refers to.
    public var templateName: String
    /// 1-based line of the offending tag.
    public var line: Int
    /// 1-based column (in Unicode scalars) of the offending tag's opening delimiter.
    public var column: Int
    /// The text of the offending line (without its line end), for a caret display; empty when unknown.
    public var sourceLine: String

    /// Creates an error at a position.
    public init(kind: Kind, templateName: String, line: Int, column: Int, sourceLine: String = "") {
        self.kind = kind
        self.templateName = templateName
        self.line = line
        self.column = column
        self.sourceLine = sourceLine
    }

    /// `templateName:line:column: message`, the format compilers use, so editors can jump to it.
    public var description: String {
        "\(templateName):\(line):\(column): \(message)"
    }

    /// The message without the location prefix: one lower-case sentence without a final period.
    public var message: String {
        switch kind {
        case .unclosedTag(let closing):
            return "unclosed tag (no closing '\(closing)' found)"
        case .unclosedSection(let name):
            return "unclosed section '\(name)' (no matching end tag)"
        case .mismatchedSectionEnd(let expected, let found):
            return "end tag '\(found)' does not match the open section '\(expected)'"
        case .unexpectedSectionEnd(let name):
            return "end tag '\(name)' without an open section"
        case .emptyTagName:
            return "empty tag name"
        case .invalidTagName(let name):
            return "invalid tag name '\(name)'"
        case .invalidDelimiters(let content):
            return "invalid set-delimiter tag '\(content)' (expected two delimiters without whitespace or '=')"
        case .unknownName(let name, let suggestion, let available):
            let list = available.isEmpty ? "no names available" : "available: " + available.joined(separator: ", ")
            if let suggestion {
                return "unknown name '\(name)' (did you mean '\(suggestion)'? \(list))"
            }
            return "unknown name '\(name)' (\(list))"
        case .partialNotFound(let name):
            return "partial '\(name)' not found"
        case .partialRecursionTooDeep(let name, let limit):
            return "partial '\(name)' nested more than \(limit) levels deep (unbounded recursion?)"
        case .nestingTooDeep(let limit):
            return "sections nested more than \(limit) levels deep"
        case .renderTooLarge(let steps, let bytes):
            return "rendering needs more than \(steps) steps or \(bytes) bytes (partials that include themselves "
                + "more than once?)"
        }
    }
}
