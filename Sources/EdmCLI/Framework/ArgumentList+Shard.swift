// ArgumentList+Shard: the `--shard K/N` option that status and report read the same way (docs/sharding.md).
import Campaign

extension ArgumentList {
    /// The `--shard K/N` option, checked; nil when absent.
    /// - Throws: `UsageError` when the value is not K/N with 0 ≤ K < N.
    mutating func shard() throws -> Shard? {
        guard let text = try option("--shard") else { return nil }
        guard let shard = Shard(text) else {
            throw usageError("--shard needs K/N with 0 ≤ K < N (e.g. 0/4), not '\(text)'")
        }
        return shard
    }
}
