// JournalReader: every record of a journal, decoded and in file order, for reports and bounce matching.
import Foundation

/// Streams a journal's records, for callers that need more than the last state per recipient.
///
/// Reports and the bounce matcher (Message-ID to recipient) read this way. Same checks as `JournalIndex`: a torn last
/// line is skipped and reported, damage elsewhere throws.
public enum JournalReader {
    /// What was read besides the records.
    public struct Summary: Sendable, Equatable {
        public var header: JournalHeader?
        public var tornTail: JournalTornTail?
        public var recordCount: Int
    }

    /// Calls `body` with each recipient record and its 1-based line number.
    ///
    /// - Throws: `JournalError` as `JournalIndex.load` does.
    public static func forEachRecord(
        path: String, _ body: (JournalRecord, _ line: Int) -> Void
    ) throws(JournalError) -> Summary {
        let summary = try JournalFileScan.run(path: path) { fields, scanner, line throws(JournalError) in
            body(JournalRecord(checked: fields, in: scanner), line.number)
        }
        return Summary(header: summary.header, tornTail: summary.tornTail, recordCount: summary.recordCount)
    }

    /// The record on the line starting at `offset` (an offset `JournalIndex` noted while loading).
    static func record(path: String, offset: Int64) throws(JournalError) -> JournalRecord {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw JournalError(.readFailed(reason: JournalFiles.reason(errno)), path: path)
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        var position = offset
        while !bytes.contains(0x0A) {
            guard bytes.count <= JournalLineReader.maximumLineLength else { break }
            let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(position)) }
            if count < 0 {
                let code = errno
                if code == EINTR { continue }
                throw JournalError(.readFailed(reason: JournalFiles.reason(code)), path: path)
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            position += Int64(count)
        }
        guard let newline = bytes.firstIndex(of: 0x0A) else {
            throw JournalError(.corruptRecord(reason: "no complete record at offset \(offset)"), path: path)
        }
        return try bytes[..<newline].withUnsafeBufferPointer { line throws(JournalError) in
            var scanner = JournalJSONScanner(line)
            do throws(JournalScanError) {
                var fields = try JournalLineFields.scan(&scanner)
                guard try fields.check(scanner) == .record else {
                    throw JournalScanError(reason: "not a recipient record")
                }
                return JournalRecord(checked: fields, in: scanner)
            } catch {
                throw JournalError(.corruptRecord(reason: "at offset \(offset): \(error.reason)"), path: path)
            }
        }
    }
}
