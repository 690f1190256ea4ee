// RowSlots: where each column and per-row built-in goes in a row's template data, found once per campaign.
import Mustache

/// Positions in the row template dictionary (`MessageRenderer`): a column's value goes at its slot, the
/// address and unsubscribe link at theirs. A column named like a per-row built-in has no slot: the built-in
/// wins, as it always has; a column named like a constant (`today`, `sender`, `campaign`) replaces it.
struct RowSlots: Sendable {
    /// (column index, slot) for every column that is not shadowed by a per-row built-in.
    var columns: [(Int, Dictionary<String, MustacheValue>.Index)]
    var email: Dictionary<String, MustacheValue>.Index
    var unsubscribeURL: Dictionary<String, MustacheValue>.Index

    /// The row template (every key present) and the slots in it.
    static func make(
        constantData: [String: MustacheValue], header: [String]
    ) -> ([String: MustacheValue], RowSlots) {
        var template = constantData
        let builtIns: Set<String> = ["email", "unsubscribe_url"]
        for name in header + builtIns.sorted() { template[name] = .null }
        // Looked up only after every key is in: inserting can move what is already there.
        let columns = header.enumerated().compactMap { column, name in
            builtIns.contains(name) ? nil : template.index(forKey: name).map { (column, $0) }
        }
        let email = template.index(forKey: "email") ?? template.startIndex
        let unsubscribeURL = template.index(forKey: "unsubscribe_url") ?? template.startIndex
        return (template, RowSlots(columns: columns, email: email, unsubscribeURL: unsubscribeURL))
    }
}
