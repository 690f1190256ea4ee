// TemplateNames: the names a template may use besides the CSV columns (docs/campaign.md "[message]").

/// Built-in template names. Dotted names are nested objects (`{{sender.name}}`).
public enum TemplateNames {
    /// Every built-in, as documented.
    public static let builtins: [String] = [
        "email", "unsubscribe_url", "sender.name", "sender.email", "sender.postal_address", "campaign.name",
        "campaign.id", "today",
    ]

    /// Top-level roots of the built-ins, for strict mode's known names.
    static let roots: Set<String> = ["email", "unsubscribe_url", "sender", "campaign", "today"]
}
