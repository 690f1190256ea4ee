// JournalSink: where the group commit writes its batches: the journal file, or a failing double in tests.

/// The file operations the journal's single writer thread performs.
///
/// A protocol so tests can inject write and fsync failures (ENOSPC, EIO) without filling a real disk.
protocol JournalSink: Sendable {
    /// The path reported in errors.
    var path: String { get }
    /// Appends all of `bytes` or throws `.writeFailed`.
    func write(_ bytes: UnsafeRawBufferPointer) throws(JournalError)
    /// Makes everything written so far durable or throws `.syncFailed`.
    func synchronize() throws(JournalError)
    /// Releases the file; called once, after the last write.
    func close()
}
