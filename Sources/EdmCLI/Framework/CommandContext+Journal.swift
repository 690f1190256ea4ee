// CommandContext+Journal: the campaign and journal that the read-only commands (status, report) look at.
import Campaign

extension CommandContext {
    /// Loads and validates the campaign at `path` and finds its journal, or shard K's (docs/sharding.md).
    ///
    /// Warnings are not printed: these commands only read what a send wrote.
    /// - Throws: as `CampaignLoader.loadValid` does.
    func campaignJournal(_ path: String, shard: Shard?) throws -> (campaign: Campaign, journalPath: String) {
        let (campaign, _) = try CampaignLoader.loadValid(
            path: path, currentDirectory: currentDirectory, environment: environment)
        return (campaign, shard.map { $0.journalPath(for: campaign.journal.path) } ?? campaign.journal.path)
    }
}
