// TranscriptRecorder: a TranscriptSink that keeps every entry in memory (for --trace output and tests).
import Foundation

/// Collects transcript entries; safe to read from another thread while a client writes.
public final class TranscriptRecorder: TranscriptSink, @unchecked Sendable {
    // @unchecked: `entries` is only touched under `lock`.
    private let lock = NSLock()
    private var stored: [TranscriptEntry] = []

    public init() {}

    public func record(_ entry: TranscriptEntry) {
        lock.lock()
        stored.append(entry)
        lock.unlock()
    }

    /// Everything recorded so far.
    public var entries: [TranscriptEntry] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }

    /// The entries as text, one per line.
    public var text: String { entries.map(\.description).joined(separator: "\n") }
}
