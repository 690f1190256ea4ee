// JournalFileSink: the journal file descriptor, opened O_APPEND, written and fdatasync'ed by one thread.

/// The real journal file.
///
/// Only the group-commit thread writes through it, so no lock is needed here; the descriptor is immutable and `close`
/// runs after that thread has finished.
final class JournalFileSink: JournalSink {
    let path: String
    let descriptor: Int32

    /// Takes ownership of `descriptor` (open for writing with `O_APPEND`).
    init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws(JournalError) {
        try JournalFiles.writeAll(descriptor, bytes, path: path)
    }

    func synchronize() throws(JournalError) {
        try JournalFiles.syncData(descriptor, path: path)
    }

    func close() {
        JournalFiles.closeDescriptor(descriptor)
    }
}
