// ScratchCursor: reads the fixed-size records of one stretch of a ScratchFile in order, a block at a time.

/// Reads records of type `Record` from `start..<end` (byte offsets) of a `ScratchFile`, keeping one small
/// block in memory, so memory stays the same however many records the stretch holds.
struct ScratchCursor<Record: BitwiseCopyable> {
    private let file: ScratchFile
    private var offset: Int
    private let end: Int
    private var block: [UInt8]
    private var position = 0
    private var filled = 0

    /// - Parameter blockRecords: how many records to read at once.
    init(_ file: ScratchFile, from start: Int, to end: Int, blockRecords: Int = 1024) {
        self.file = file
        offset = start
        self.end = end
        block = [UInt8](repeating: 0, count: blockRecords * MemoryLayout<Record>.size)
    }

    /// The next record, or nil after the last.
    /// - Throws: `FileError` when the file cannot be read, or ends before `end`.
    mutating func next() throws -> Record? {
        let size = MemoryLayout<Record>.size
        if position + size > filled {
            guard offset < end else { return nil }
            let wanted = min(block.count, end - offset)
            let file = file
            let start = offset
            let count = try block.withUnsafeMutableBytes { try file.read(at: start, into: .init(rebasing: $0[0..<wanted])) }
            // The stretch was written before it is read, so a short file means it was damaged under us.
            guard count >= size else {
                throw FileError(.unreadable(reason: "the file ended early"), path: file.path, role: ScratchFile.role)
            }
            offset += count - count % size
            filled = count - count % size
            position = 0
        }
        let record = block.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: position, as: Record.self) }
        position += size
        return record
    }
}
