// Shard: `edm send --shard K/N`: one of N disjoint parts of a campaign, for N hosts or an indexed job.
import EdmCrypto

/// Shard K of N (K from 0 to N-1, as Kubernetes' `JOB_COMPLETION_INDEX`). A recipient belongs to the shard its
/// key hashes to: the first 8 bytes of SHA-256 of the key, modulo N, the same on every host and every run
/// (the standard library's `Hasher` is seeded per process, so it cannot be used here). Every shard reads the
/// whole list, so dedupe and the policy gate see all rows; each shard keeps its own journal.
public struct Shard: Sendable, Equatable {
    public let index: Int
    public let count: Int

    /// Parses "K/N"; nil unless 0 ≤ K < N ≤ 10,000.
    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]),
              (1...10_000).contains(count), (0..<count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    /// Whether the recipient with `key` belongs to this shard.
    public func contains(_ key: String) -> Bool {
        let digest = SHA256.hash(Array(key.utf8))
        let value = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Int(value % UInt64(count)) == index
    }

    /// This shard's journal beside the campaign's: `spring.journal` → `spring.shard-2-of-4.journal`.
    public func journalPath(for path: String) -> String {
        let suffix = ".shard-\(index)-of-\(count)"
        if path.hasSuffix(".journal") { return String(path.dropLast(".journal".count)) + suffix + ".journal" }
        return path + suffix
    }
}

extension GateDecision {
    /// The key a decision is sharded by (rows without a valid address: their line and text).
    public var shardKey: String {
        switch self {
        case .deliver(_, _, let key): key
        case .skip(let recipient, _): recipient.key ?? "invalid:\(recipient.line):\(recipient.rawEmail)"
        }
    }
}
