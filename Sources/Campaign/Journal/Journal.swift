// Journal: opens a campaign's journal for a run: lock, read what is done, repair a torn tail, then append.
import Foundation

/// A journal opened for writing by one `edm send`: the campaign lock, the state left by earlier runs, and
/// the writer for this run.
///
/// ```swift
/// let journal = try Journal.open(path: path, header: header)
/// if let old = journal.index.header, !old.inputs.changes(from: header.inputs).isEmpty { … refuse … }
/// if let entry = journal.index[key], entry.isFinal { skip }
/// try journal.writer.recordIntent(JournalRecord(key: key, state: .attempting, messageID: mid, attempt: 1))
/// … send up to the final "." only now …
/// try journal.writer.append(JournalRecord(key: key, state: .accepted, messageID: mid, code: 250))
/// try journal.close()
/// ```
public final class Journal: Sendable {
    /// The journal file.
    public let path: String
    /// The campaign lock, held until `close` or deinit.
    public let lock: CampaignLock
    /// What earlier runs recorded (empty for a new journal).
    ///
    /// Its `tornTail`, if any, has been cut off.
    public let index: JournalIndex
    /// Appends this run's records.
    public let writer: JournalWriter
    /// True when this call wrote the header (new file, or a file left with no complete line by a crash).
    public let isNew: Bool

    private init(path: String, lock: CampaignLock, index: JournalIndex, writer: JournalWriter, isNew: Bool) {
        self.path = path
        self.lock = lock
        self.index = index
        self.writer = writer
        self.isNew = isNew
    }

    deinit {
        // Stored properties are released in declaration order, which would drop the lock before the writer's
        // last commit; close the writer first so no other run can start while this one still appends.
        try? writer.close()
        lock.release()
    }

    /// The header in effect: the existing journal's, or `header` for a new one.
    public var header: JournalHeader? { index.header }

    /// Opens (or creates) the journal at `path` for this run.
    ///
    /// Takes `CampaignLock` on `<path>.lock` first, so the file cannot change between reading it and
    /// appending. A new journal is created mode 0600 (it holds addresses), its header written and fsynced and
    /// its directory entry made durable. An existing journal is indexed; a torn last line is truncated away
    /// (and fsynced) so the next record starts on a clean line; it stays reported in `index.tornTail`.
    /// `header` is written only to a new journal: comparing fingerprints with `index.header` is the caller's.
    ///
    /// - Throws: `JournalError`: `.locked` (another run), `.corruptRecord` (with the line), `.missingHeader`,
    ///   `.otherCampaign` (the header names another campaign),
    ///   `.cannotCreate`, `.notRegularFile`, `.readFailed`, `.writeFailed`, `.syncFailed`.
    public static func open(
        path: String, header: JournalHeader, options: JournalWriter.Options = .init()
    ) throws(JournalError) -> Journal {
        let directory = JournalFiles.parent(of: path)
        try JournalFiles.makeDirectories(directory)
        let lock = try CampaignLock(path: CampaignLock.path(forJournal: path))

        guard JournalFiles.exists(path) else {
            let flags = O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC
            let descriptor = JournalFiles.openDescriptor(path, flags, 0o600)
            guard descriptor >= 0 else {
                throw JournalError(.cannotCreate(reason: JournalFiles.reason(errno)), path: path)
            }
            let sink = JournalFileSink(descriptor: descriptor, path: path)
            try start(sink, header: header)
            // POSIX: the new name is durable only once its directory is fsynced.
            try JournalFiles.syncDirectory(directory)
            let index = JournalIndex(path: path, summary: .init(header: header, tornTail: nil,
                                     validLength: Int64(header.encodedLine.count), recordCount: 0),
                                     table: JournalIndexTable())
            return Journal(path: path, lock: lock, index: index, writer: JournalWriter(sink: sink, options: options),
                           isNew: true)
        }

        var index = try JournalIndex.load(path: path)
        if let existing = index.header, existing.campaign != header.campaign {
            throw JournalError(.otherCampaign(found: existing.campaign, expected: header.campaign), path: path,
                               line: 1)
        }
        let descriptor = JournalFiles.openDescriptor(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw JournalError(.cannotCreate(reason: JournalFiles.reason(errno)), path: path)
        }
        let sink = JournalFileSink(descriptor: descriptor, path: path)
        var isNew = false
        if index.header == nil {
            // No complete line: the crash came before the header was durable. Start the file afresh.
            try truncate(sink, to: 0)
            try start(sink, header: header)
            index = JournalIndex(path: path, summary: .init(header: header, tornTail: index.tornTail,
                                 validLength: Int64(header.encodedLine.count), recordCount: 0),
                                 table: JournalIndexTable())
            isNew = true
        } else if index.tornTail != nil {
            try truncate(sink, to: index.validLength)
        }
        return Journal(path: path, lock: lock, index: index, writer: JournalWriter(sink: sink, options: options),
                       isNew: isNew)
    }

    /// Commits what is pending, closes the file and releases the lock.
    public func close() throws(JournalError) {
        defer { lock.release() }
        try writer.close()
    }

    /// Writes and fsyncs the header line.
    private static func start(_ sink: JournalFileSink, header: JournalHeader) throws(JournalError) {
        do throws(JournalError) {
            try JournalFiles.withBytes(header.encodedLine) { bytes throws(JournalError) in try sink.write(bytes) }
            try sink.synchronize()
        } catch {
            sink.close()
            throw error
        }
    }

    /// Cuts the file at `length` (the end of the last good line) and makes that durable before appending.
    private static func truncate(_ sink: JournalFileSink, to length: Int64) throws(JournalError) {
        guard ftruncate(sink.descriptor, off_t(length)) == 0 else {
            let reason = JournalFiles.reason(errno)
            sink.close()
            throw JournalError(.writeFailed(reason: "cannot cut off the torn last line: " + reason), path: sink.path)
        }
        do throws(JournalError) {
            try sink.synchronize()
        } catch {
            sink.close()
            throw error
        }
    }
}
