// SuppressionGuard: the campaign's suppression lists, re-read when they change, safe to ask from any thread.
import Synchronization

/// Holds the loaded lists and their file stamps. Every `match` first checks (one `stat` per list file) whether
/// a list changed on disk and re-reads it if so, so an address added while a send runs is honoured from the
/// next transaction on (DESIGN.md invariant 2). A list that became unreadable or malformed fails closed: the
/// error is thrown and the caller stops.
public final class SuppressionGuard: Sendable {
    private struct Loaded {
        var list: SuppressionList
        var stamps: [FileStamp]
    }

    private let files: [(path: String, shown: String)]
    private let caseSensitive: Bool
    private let hmacKey: [UInt8]?
    private let state: Locked<Loaded>

    /// Loads every list now.
    /// - Throws: `FileError` (exit 66) or `CampaignFailure` (exit 65) for a missing or malformed list.
    public init(files: [(path: String, shown: String)], caseSensitive: Bool, hmacKey: [UInt8]?) throws {
        self.files = files
        self.caseSensitive = caseSensitive
        self.hmacKey = hmacKey
        let stamps = files.map { FileStamp(path: $0.path) }
        state = Locked(Loaded(list: try Self.load(files, caseSensitive: caseSensitive, hmacKey: hmacKey), stamps: stamps))
    }

    private static func load(
        _ files: [(path: String, shown: String)], caseSensitive: Bool, hmacKey: [UInt8]?
    ) throws -> SuppressionList {
        var lists = SuppressionList(caseSensitiveLocalPart: caseSensitive, hmacKey: hmacKey)
        for file in files { try lists.load(path: file.path, displayPath: file.shown) }
        return lists
    }

    /// The entry that suppresses `key` at `domain`, after re-reading any list that changed.
    public func match(key: String, domain: String) throws -> SuppressionList.Source? {
        let stamps = files.map { FileStamp(path: $0.path) }
        let current = state.withLock { $0.stamps == stamps ? $0.list : nil }
        if let current { return current.match(key: key, domain: domain) }
        // Changed: re-read outside the lock (it may take a while), then publish.
        let list = try Self.load(files, caseSensitive: caseSensitive, hmacKey: hmacKey)
        state.withLock { $0 = Loaded(list: list, stamps: stamps) }
        return list.match(key: key, domain: domain)
    }

    /// The lists as loaded now (for counts and reports).
    public var current: SuppressionList { state.withLock { $0.list } }
}
