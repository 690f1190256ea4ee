// TranscriptSink: where the client reports its dialogue, if anyone listens.

/// Receives each line of the dialogue as it happens. Implementations must not block for long: the client
/// calls `record` synchronously between reads and writes.
public protocol TranscriptSink: AnyObject, Sendable {
    func record(_ entry: TranscriptEntry)
}
