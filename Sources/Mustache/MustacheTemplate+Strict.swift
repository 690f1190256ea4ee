// MustacheTemplate strict mode: compile-time detection of names the data can never provide.

extension MustacheTemplate {
    /// Strict mode: the data references that cannot resolve, as errors with positions and suggestions.
    ///
    /// The spec renders unknown names as nothing, which in a campaign silently sends "Dear ,". edm knows the
    /// root names of every recipient row (its column names), so this reports each reference whose first
    /// dotted segment is not among `knownNames` — but only where the answer cannot depend on the data.
    ///
    /// `knownNames` may also list dotted names (`sender.name`): a root known only through such members is
    /// checked in full, so `{{sender.nmae}}` is reported while `{{sender.name}}` and `{{#sender}}` are not.
    /// A plain root (`user`) accepts any path below it (`user.anything`).
    ///
    /// - A reference is checked at the top level of the template, inside inverted sections and blocks (which
    ///   push no context), and inside sections over names listed in `scalarNames` (known names holding strings,
    ///   numbers or booleans: a section over a scalar pushes nothing with names, so lookups still reach the
    ///   root).
    /// - Inside any other section, a name may come from the pushed list item or object, so it is not checked.
    /// - `.` (the implicit iterator) is never reported.
    /// - Partials and parents are checked where they are included, once each; block overrides are checked
    ///   as if they rendered where the parent tag is; partials named dynamically cannot be followed.
    ///
    /// Each error's kind is ``MustacheError/Kind/unknownName(name:suggestion:available:)``: the suggestion is
    /// the closest known name (edit distance, transpositions counting once) when one is close enough, and
    /// `available` lists the known names sorted. The `description` reads like
    /// `newsletter.html:12:5: unknown name 'frist_name' (did you mean 'first_name'? available: email, first_name)`.
    ///
    /// Errors carry ``MustacheError/sourceLine`` for caret displays.
    ///
    /// - Returns: One error per offending tag, in source order (empty when everything resolves), at most
    ///   ``maxUnknownReferences``.
    public func unknownReferences(knownNames: Set<String>, scalarNames: Set<String> = []) -> [MustacheError] {
        var checker = StrictChecker(library: library, knownNames: knownNames, scalarNames: scalarNames)
        checker.check()
        return checker.errors
    }
}
