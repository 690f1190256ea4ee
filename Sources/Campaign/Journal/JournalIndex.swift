// JournalIndex: the last state of every recipient in a journal: what resume skips, retries or asks about.
import Foundation

/// Every recipient the journal knows, with the state of its last record (last record per key wins).
///
/// DESIGN.md invariant 1: `accepted`, `failed`, `suppressed`, `invalid`, `expired` (and, for this input,
/// `duplicate`, `no-consent`) are final; `deferred` is retried when `due`; an `attempting` with no later
/// record reads as `uncertain` and is not resent unless the user asks. Loading streams the file, keeping
/// about 55 bytes per distinct recipient (see `JournalIndexTable`), so a million recipients need ~55 MB.
public struct JournalIndex: Sendable {
    /// What the journal says about one recipient.
    public struct Entry: Sendable, Equatable {
        /// The state resume acts on: the last record's state, except that an `attempting` with nothing after
        /// it is `uncertain` (the message may or may not have been accepted).
        public var state: JournalState
        /// The state exactly as last recorded.
        public var recordedState: JournalState
        /// Line in the recipient file, from the last record that gave one.
        public var line: Int?
        /// The last attempt number recorded (saturates at 255).
        public var attempt: Int?
        /// Time of the recipient's first record, in whole seconds.
        public var firstSeen: Date
        /// For `deferred`: not before this time (whole seconds, rounded up); nil when it may go now.
        public var due: Date?

        /// True when resume must not attempt this recipient again.
        public var isFinal: Bool { state.isFinal }
    }

    /// The journal file read.
    public let path: String
    /// The first record; nil only when the file holds no complete line at all.
    public let header: JournalHeader?
    /// A torn last line that was ignored (cut off when the journal is opened for writing).
    public let tornTail: JournalTornTail?
    /// Bytes up to the end of the last complete line.
    public let validLength: Int64
    /// Recipient records read (all of them, not distinct keys).
    public let recordCount: Int
    /// Distinct recipients, by state (attempting-without-outcome counted as `uncertain`).
    public let counts: [JournalState: Int]

    let table: JournalIndexTable

    /// Number of distinct recipient keys.
    public var count: Int { table.count }

    // MARK: - Loading

    /// Reads the whole journal at `path`.
    ///
    /// - Throws: `JournalError` `.notFound` when there is no journal; `.corruptRecord` (with the line) for a
    ///   damaged line that is not the last; `.missingHeader`; `.readFailed`; `.tooLarge`.
    public static func load(path: String) throws(JournalError) -> JournalIndex {
        var table = JournalIndexTable()
        var unescaped: [UInt8] = []
        let summary = try JournalFileScan.run(path: path) { fields, scanner, line throws(JournalError) in
            guard let key = fields.key else { return }
            let seconds = UInt32(clamping: fields.timeMilliseconds / 1000)
            let found: Int?
            if key.hasEscapes {
                unescaped.removeAll(keepingCapacity: true)
                scanner.appendUnescaped(key, to: &unescaped)
                found = unescaped.withUnsafeBufferPointer { table.findOrInsert($0, firstSeen: seconds) }
            } else {
                found = table.findOrInsert(UnsafeBufferPointer(rebasing: scanner.bytes[key.start..<key.end]),
                                           firstSeen: seconds)
            }
            guard let entry = found else { throw JournalError(.tooLarge, path: path, line: line.number) }
            update(&table, entry, with: fields, at: line.offset)
        }
        return JournalIndex(path: path, summary: summary, table: table)
    }

    init(path: String, summary: JournalScanSummary, table: JournalIndexTable) {
        self.path = path
        header = summary.header
        tornTail = summary.tornTail
        validLength = summary.validLength
        recordCount = summary.recordCount
        self.table = table
        var tally = [Int](repeating: 0, count: JournalState.allCases.count)
        table.fields.forEach { fields in
            let code = fields.state
            tally[Int(code == JournalState.attempting.code ? JournalState.uncertain.code : code)] += 1
        }
        var counts: [JournalState: Int] = [:]
        for state in JournalState.allCases where tally[Int(state.code)] > 0 {
            counts[state] = tally[Int(state.code)]
        }
        self.counts = counts
    }

    private static func update(_ table: inout JournalIndexTable, _ entry: Int, with record: JournalLineFields,
                               at offset: Int64) {
        var fields = table[entry]
        let state = record.checkedState
        fields.state = state.code
        if let line = record.line { fields.line = UInt32(clamping: line) }
        if let attempt = record.attempt { fields.attempt = UInt8(clamping: attempt) }
        if state == .deferred, let due = record.dueMilliseconds {
            fields.due = UInt32(clamping: max(due >= 0 ? (due + 999) / 1000 : 1, 1))
        } else {
            fields.due = 0
        }
        if record.messageID != nil { fields.messageIDOffset = offset }
        table[entry] = fields
    }

    // MARK: - Queries

    /// The recipient's entry, or nil when the journal has no record of `key`.
    public func entry(forKey key: String) -> Entry? {
        var key = key
        return key.withUTF8 { bytes in table.find(bytes) }.map(entry(at:))
    }

    public subscript(key: String) -> Entry? { entry(forKey: key) }

    /// Distinct recipients whose (resolved) state is `state`.
    public func count(of state: JournalState) -> Int { counts[state] ?? 0 }

    /// Calls `body` with every recipient key and entry, in order of first appearance.
    public func forEach(_ body: (String, Entry) throws -> Void) rethrows {
        for index in 0..<table.count {
            try body(table.key(index), entry(at: index))
        }
    }

    /// The Message-ID of the last record for `key` that carried one.
    ///
    /// For an `uncertain` recipient, the one to reuse with `--resend-uncertain`. Read back from the file, which is only
    /// ever appended to.
    ///
    /// - Throws: `JournalError` when the file can no longer be read or the record there is not `key`'s.
    public func messageID(forKey key: String) throws(JournalError) -> String? {
        var key = key
        guard let index = key.withUTF8({ table.find($0) }) else { return nil }
        let offset = table[index].messageIDOffset
        guard offset > 0 else { return nil }
        let record = try JournalReader.record(path: path, offset: offset)
        guard record.key == key else {
            throw JournalError(.corruptRecord(reason: "the record at offset \(offset) is not for this key"), path: path)
        }
        return record.messageID
    }

    private func entry(at index: Int) -> Entry {
        let fields = table[index]
        let recorded = JournalState(code: fields.state) ?? .attempting
        return Entry(
            state: recorded == .attempting ? .uncertain : recorded,
            recordedState: recorded,
            line: fields.line == 0 ? nil : Int(fields.line),
            attempt: fields.attempt == 0 ? nil : Int(fields.attempt),
            firstSeen: Date(timeIntervalSince1970: TimeInterval(fields.firstSeen)),
            due: fields.due == 0 ? nil : Date(timeIntervalSince1970: TimeInterval(fields.due))
        )
    }
}
