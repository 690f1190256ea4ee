// MustacheEscaping: how `{{name}}` interpolations are escaped for the part being rendered.

/// The escaping applied to double-mustache interpolations (`{{name}}`).
///
/// Triple mustaches (`{{{name}}}`) and ampersand tags (`{{&name}}`) are never escaped, as the spec requires
/// (interpolation.yml). The choice is made per render, not per template, so one compiled template can serve
/// both an HTML part and a plain-text part.
public enum MustacheEscaping: Sendable, Equatable {
    /// HTML escaping: `&` `<` `>` `"` as the spec requires, plus `'` as `&#39;` so values are also safe inside
    /// single-quoted attributes.
    case html
    /// No escaping: for text/plain parts, subjects and other header values.
    case none
}
