// JournalWriter: appends recipient records to the journal: intents durable at once, outcomes group-committed.
import Foundation

/// Appends records to an open journal from any number of threads (DESIGN.md invariant 1).
///
/// - `recordIntent` is for the `attempting` record: it returns only when the record is on disk (fdatasync),
///   and the caller sends the message's final `.` only after that. Concurrent intents share one fsync.
/// - `append` is for outcomes: buffered and committed when `commitRecords` are pending or `commitInterval`
///   after the first of them, whichever comes first.
/// - `sync` forces a commit (shutdown, signals).
///
/// Any write or fsync failure is sticky: that call and every later one throws, so sending stops at once.
/// Obtain a writer from `Journal.open`, which also holds the campaign lock.
public final class JournalWriter: Sendable {
    /// Group-commit tuning, `[journal] commit_records` and `commit_interval` in campaign.toml.
    public struct Options: Sendable, Equatable {
        /// Most outcomes per fsync.
        public var commitRecords: Int
        /// Longest time an outcome waits for its fsync.
        public var commitInterval: Duration

        public init(commitRecords: Int = 256, commitInterval: Duration = .milliseconds(50)) {
            self.commitRecords = commitRecords
            self.commitInterval = commitInterval
        }
    }

    /// Counters for progress output and tests.
    public struct Statistics: Sendable, Equatable {
        /// Records appended (intents included).
        public var records = 0
        /// Records appended with `recordIntent` or `beginIntent`.
        public var intents = 0
        /// Successful write-and-fdatasync rounds: the number of fsyncs.
        public var commits = 0
        /// `waitUntilDurable` calls that found their intent not yet durable and had to wait for an fsync.
        public var intentWaits = 0
        public var bytesWritten = 0
    }

    /// Longest record accepted, newline included; `JournalLineReader` treats longer lines as damage.
    public static let maximumRecordLength = 64 << 10

    /// The journal file.
    public let path: String
    private let group: JournalGroupCommit

    init(sink: any JournalSink, options: Options) {
        path = sink.path
        let (seconds, attoseconds) = options.commitInterval.components
        // Clamped to a day: a longer interval means nothing more, and the nanosecond count must not overflow.
        let nanoseconds = min(max(seconds, 0), 86_400) * 1_000_000_000 + max(attoseconds, 0) / 1_000_000_000
        let commitRecords = max(options.commitRecords, 1)
        group = JournalGroupCommit(
            sink: sink,
            settings: .init(
                commitRecords: commitRecords,
                commitInterval: UInt64(nanoseconds),
                maximumPendingRecords: max(4 * commitRecords, 1024)
            )
        )
    }

    deinit {
        try? group.close()
    }

    /// Appends `record` and returns once it is durable.
    ///
    /// Use it for `attempting`, before the final `.`.
    ///
    /// - Throws: `JournalError`: the sticky `.writeFailed`/`.syncFailed`, `.closed`, `.recordTooLong`.
    public func recordIntent(_ record: JournalRecord) throws(JournalError) {
        try waitUntilDurable(beginIntent(record))
    }

    /// A record appended with `beginIntent`, not yet known to be durable.
    public struct IntentTicket: Sendable {
        fileprivate let ticket: JournalGroupCommit.Ticket
    }

    /// Appends an `attempting` record and asks for its fsync without waiting for it: the caller opens the
    /// transaction meanwhile and calls `waitUntilDurable` right before the point of no return. The fsync then
    /// overlaps the MAIL/RCPT/DATA round trip instead of adding to it; concurrent intents share one. The commit
    /// starts at once, or a little later when intents typically arrive long before they are needed (the delay
    /// is measured, see `JournalGroupCommit`); a `waitUntilDurable` on it starts it at once.
    ///
    /// - Throws: `JournalError`: the sticky `.writeFailed`/`.syncFailed`, `.closed`, `.recordTooLong`.
    public func beginIntent(_ record: JournalRecord) throws(JournalError) -> IntentTicket {
        IntentTicket(ticket: try group.appendRequestingCommit(try line(record)))
    }

    /// Returns once the intent behind `ticket` is on disk.
    ///
    /// - Throws: `JournalError`: the sticky failure of the commit that should have covered it, or `.closed`.
    public func waitUntilDurable(_ ticket: IntentTicket) throws(JournalError) {
        try group.waitUntilDurable(ticket.ticket)
    }

    /// Typical nanoseconds one commit (write + fdatasync) takes on this journal's disk; 0 before the first.
    public var typicalCommitTime: UInt64 { group.typicalCommitTime }

    /// How long the writer thread would now hold a commit for more intents to join it (nanoseconds; for tests).
    var intentDelay: UInt64 { group.currentIntentDelay }

    /// Appends `record` to the next group commit and returns without waiting for it (except when more than
    /// `4 × commitRecords` records are already pending, which means the disk is behind).
    ///
    /// - Throws: `JournalError`: the sticky `.writeFailed`/`.syncFailed` of an earlier commit, `.closed`,
    ///   `.recordTooLong`.
    public func append(_ record: JournalRecord) throws(JournalError) {
        try group.append(try line(record))
    }

    /// Returns once every record appended so far is durable.
    ///
    /// Not async-signal-safe: on SIGINT/SIGTERM call it from a `DispatchSource` signal handler or the thread that
    /// notices the flag, not from the handler itself.
    public func sync() throws(JournalError) {
        try group.sync()
    }

    /// Commits what is pending and closes the file; later appends throw `.closed`.
    public func close() throws(JournalError) {
        try group.close()
    }

    public var statistics: Statistics { group.statistics }

    private func line(_ record: JournalRecord) throws(JournalError) -> [UInt8] {
        let line = record.encodedLine
        guard line.count <= Self.maximumRecordLength else {
            throw JournalError(.recordTooLong(limit: Self.maximumRecordLength), path: path)
        }
        return line
    }
}
