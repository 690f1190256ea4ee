// LatestRecords: each recipient's latest journal record, streamed in file order, for per-recipient exports.

/// Streams the record that decides each recipient's state (the last one for its key), without holding
/// records in memory: the index numbers the keys, one pass notes the line of each key's last record (4
/// bytes per recipient), and a second pass hands those records out.
public enum LatestRecords {
    /// Calls `body` with every recipient's latest record and its line in the journal, in file order.
    ///
    /// While a send is still appending, recipients first seen after the index was read are left out, and
    /// each recipient is still handed out exactly once.
    /// - Throws: `JournalError` as `JournalIndex.load` does.
    public static func forEach(journalPath path: String, _ body: (JournalRecord, _ line: Int) -> Void)
        throws(JournalError)
    {
        let index = try JournalIndex.load(path: path)
        var lastLine = JournalChunkedArray<UInt32>()
        for _ in 0..<index.count { lastLine.append(0) }
        _ = try JournalReader.forEachRecord(path: path) { record, line in
            guard let entry = entryNumber(record.key, in: index) else { return }
            lastLine[entry] = UInt32(clamping: line)
        }
        _ = try JournalReader.forEachRecord(path: path) { record, line in
            guard let entry = entryNumber(record.key, in: index), lastLine[entry] == UInt32(clamping: line) else {
                return
            }
            body(record, line)
        }
    }

    private static func entryNumber(_ key: String, in index: JournalIndex) -> Int? {
        var key = key
        return key.withUTF8 { index.table.find($0) }
    }
}
