// JournalFileScan: reads a journal once, checking every line, forgiving only a torn last line.
import Foundation

/// What a scan found besides the records themselves.
struct JournalScanSummary {
    var header: JournalHeader?
    var tornTail: JournalTornTail?
    /// Bytes up to the end of the last good line: where the next append must start.
    var validLength: Int64
    var recordCount: Int
}

/// The one reading loop behind `JournalIndex` and `JournalReader`.
///
/// DESIGN.md invariant 1 says a torn last line is ignored. A line counts as torn when it has no newline, or
/// has NUL bytes (what a power cut leaves) and does not check out as a record, but only if it is the last
/// non-blank line: such damage is remembered and becomes `corruptRecord` (with the line number) as soon as
/// another line follows it. A complete line that is simply wrong (an edit by hand, an unknown state, a line
/// over 1 MiB) is `corruptRecord` at once, and a first line that is not a header (or, unterminated, the start
/// of one) is `missingHeader`: neither is cut away, so no recipient in it can be mailed again.
enum JournalFileScan {
    static func run(
        path: String,
        record: (inout JournalLineFields, JournalJSONScanner, JournalLineReader.Line) throws(JournalError) -> Void
    ) throws(JournalError) -> JournalScanSummary {
        let reader = try JournalLineReader(path: path)
        var summary = JournalScanSummary(header: nil, tornTail: nil, validLength: 0, recordCount: 0)
        var sawFirstLine = false
        var damaged: (line: JournalLineReader.Line, reason: String)?

        try reader.forEachLine { line throws(JournalError) in
            if line.terminated, !line.overlong, isBlank(line.bytes) {
                if damaged == nil { summary.validLength = line.end }
                return
            }
            if let damaged {
                throw JournalError(.corruptRecord(reason: damaged.reason), path: path, line: damaged.line.number)
            }
            guard line.terminated else {
                if !sawFirstLine, line.overlong || !couldBeTornHeader(line.bytes) {
                    throw JournalError(.missingHeader, path: path, line: line.number)
                }
                summary.tornTail = JournalTornTail(offset: line.offset, length: 0, line: line.number,
                                                   reason: "no newline at the end")
                return
            }
            // A complete first line that is not a header is not a crash leftover: the file is not a journal
            // (another file put in its place), and cutting it away would forget every recipient in it.
            guard sawFirstLine || !line.overlong else {
                throw JournalError(.missingHeader, path: path, line: line.number)
            }
            // A complete line over the bound is no crash leftover either (a crash leaves no newline after it).
            guard !line.overlong else {
                let reason = "line longer than \(JournalLineReader.maximumLineLength) bytes"
                throw JournalError(.corruptRecord(reason: reason), path: path, line: line.number)
            }
            var scanner = JournalJSONScanner(line.bytes)
            var fields: JournalLineFields
            let kind: JournalLineKind
            do throws(JournalScanError) {
                fields = try JournalLineFields.scan(&scanner)
                kind = try fields.check(scanner)
            } catch {
                guard sawFirstLine else { throw JournalError(.missingHeader, path: path, line: line.number) }
                // A complete line that fails to parse is a crash leftover only with NUL bytes in it (a power cut
                // after the size update, before the data); anything else is an edit, and cutting it away could
                // mail its recipient again.
                guard line.bytes.contains(0) else {
                    throw JournalError(.corruptRecord(reason: error.reason), path: path, line: line.number)
                }
                damaged = (line, error.reason)
                return
            }
            if !sawFirstLine {
                sawFirstLine = true
                guard kind == .header else { throw JournalError(.missingHeader, path: path, line: line.number) }
                summary.header = JournalHeader(checked: fields, in: scanner)
            } else {
                switch kind {
                case .header:
                    damaged = (line, "a second header record")
                    return
                case .record:
                    summary.recordCount += 1
                    try record(&fields, scanner, line)
                case .unknown:
                    break
                }
            }
            summary.validLength = line.end
        }
        if let damaged {
            summary.tornTail = JournalTornTail(offset: damaged.line.offset, length: 0, line: damaged.line.number,
                                               reason: damaged.reason)
        }
        if var torn = summary.tornTail {
            torn.length = reader.bytesRead - torn.offset
            summary.tornTail = torn
        }
        return summary
    }

    /// The start of every header line `JournalHeader.encodedLine` writes.
    private static let headerPrefix = Array(#"{"type":"header""#.utf8)

    /// Whether an unterminated first line can be what a crash left of the header: a prefix of a header
    /// line, or NUL bytes (a power cut after the size update, before the data reached the disk).
    private static func couldBeTornHeader(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if bytes.allSatisfy({ $0 == 0 }) { return true }
        let common = min(bytes.count, headerPrefix.count)
        return bytes.prefix(common).elementsEqual(headerPrefix.prefix(common))
    }

    private static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }
}
