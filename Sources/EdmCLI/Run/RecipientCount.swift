// RecipientCount: one pass over the list before sending, for campaign.max_recipients and guards.confirm_above.
import Campaign

/// How many rows the policy gate would let through, and why the others are left out.
struct RecipientCount {
    var deliverable = 0
    var skipped: [String: Int] = [:]

    /// Reads the whole list through a fresh policy gate (the run's own gate is a stream read once). Memory stays
    /// that of the gate (its duplicate index); nothing is rendered.
    static func count(_ campaign: Campaign, shard: Shard?, context: CommandContext) throws -> RecipientCount {
        let gate = try PreparedCampaign(campaign: campaign, environment: context.environment, displayPath: context.displayPath)
        var count = RecipientCount()
        while let decision = try gate.next() {
            if let shard, !shard.contains(decision.shardKey) { continue }
            switch decision {
            case .deliver: count.deliverable += 1
            case .skip(_, let reason): count.skipped[reason.state, default: 0] += 1
            }
        }
        return count
    }

    /// "12034 deliverable recipients (12500 rows: 300 suppressed, 166 invalid)".
    var description: String {
        let rows = deliverable + skipped.values.reduce(0, +)
        let reasons = SkipReason.states.compactMap { state in skipped[state].map { "\($0) \(state)" } }
        return "\(deliverable) deliverable recipients (\(rows) rows" + (reasons.isEmpty ? ")" : ": " + reasons.joined(separator: ", ") + ")")
    }
}
