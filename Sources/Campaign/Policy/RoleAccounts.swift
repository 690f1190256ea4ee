// RoleAccounts: local parts that name a function rather than a person, skipped with `role_accounts = true`.

/// The role-account list (docs/campaign.md "[blocklist]" explains each choice).
///
/// In: the mailboxes RFC 2142 reserves for operations and abuse reporting (`postmaster`, `abuse`,
/// `hostmaster`, `webmaster`, `security`, `noc`), which are read by people who report spam, so marketing mail
/// to them earns complaints and blocklistings; addresses that by name are never read (`noreply` and its
/// spellings, `mailer-daemon`, `nobody`); and system accounts (`root`, `admin`, `administrator`).
/// Out: `info`, `support`, `sales`, `contact`, `office`: shared inboxes that small businesses really use
/// and often subscribe with, so dropping them by default would silently lose wanted recipients. Put such
/// addresses in a suppression list when they are unwanted.
public enum RoleAccounts {
    public static let names: Set<String> = [
        "postmaster", "abuse", "hostmaster", "webmaster", "security", "noc",
        "noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "do_not_reply", "mailer-daemon", "nobody",
        "root", "admin", "administrator",
    ]

    /// The role name when `localPart` is a role account; `+tag` subaddresses and case are ignored
    /// (`Abuse+spam@` is `abuse@`).
    public static func match(localPart: String) -> String? {
        var name = localPart.lowercased()
        if let plus = name.firstIndex(of: "+") { name = String(name[..<plus]) }
        return names.contains(name) ? name : nil
    }
}
