// DuplicateList: the later rows of each recipient key, in line order, as the dedupe pre-pass found them.

/// One later row of a key: its line, the key's first line, and the key's fingerprint (to notice a list that
/// changed between the pre-pass and the main pass).
struct DuplicateEntry: BitwiseCopyable {
    var line: UInt32
    var firstLine: UInt32
    var fingerprint: UInt64
}

/// Answers "is the row on this line a duplicate, and of which line?" for rows asked about in file order.
///
/// The pre-pass (`DuplicateScan`) leaves one line-sorted stretch of `DuplicateEntry` per hash partition in a
/// scratch file; this merges them on the fly, one small block per partition in memory.
final class DuplicateList {
    private var cursors: [ScratchCursor<DuplicateEntry>]
    private var heads: [DuplicateEntry?]
    /// The partition whose head has the lowest line, nil when all are used up.
    private var lowest: Int?

    /// - Parameter stretches: the byte ranges of `file` holding each partition's entries, each sorted by line.
    init(file: ScratchFile?, stretches: [Range<Int>]) throws {
        cursors = file.map { file in stretches.map { ScratchCursor(file, from: $0.lowerBound, to: $0.upperBound, blockRecords: 256) } } ?? []
        heads = []
        for index in cursors.indices { heads.append(try cursors[index].next()) }
        findLowest()
    }

    /// No duplicates at all (a list with no valid row).
    static var empty: DuplicateList {
        get throws { try DuplicateList(file: nil, stretches: []) }
    }

    /// The entry for the row on `line` when that row repeats an earlier key, else nil. Rows must be asked
    /// about in increasing line order; an entry for a line before `line` means the row is gone.
    /// - Throws: `DuplicateList.Gone` with the skipped entry's line; `FileError` when the scratch file fails.
    func entry(forLine line: Int) throws -> DuplicateEntry? {
        guard let index = lowest, let head = heads[index] else { return nil }
        if Int(head.line) > line { return nil }
        heads[index] = try cursors[index].next()
        findLowest()
        if Int(head.line) < line { throw Gone(line: Int(head.line)) }
        return head
    }

    /// A row the pre-pass saw is not where the main pass expected it: the file changed in between.
    struct Gone: Error {
        var line: Int
    }

    private func findLowest() {
        lowest = nil
        var best = UInt32.max
        for (index, head) in heads.enumerated() {
            if let head, lowest == nil || head.line < best {
                best = head.line
                lowest = index
            }
        }
    }
}
