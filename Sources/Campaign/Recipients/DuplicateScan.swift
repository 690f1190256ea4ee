// DuplicateScan: the dedupe pre-pass: which rows repeat an earlier row's key, found in bounded memory.
import CSV
import Mail

/// Finds every later row of a recipient key before the main pass, in memory that does not grow with the list.
///
/// 1. Stream the list once (the same CSV reader, address parser and key as the main pass) and append each
///    valid row's (key fingerprint, line) to one of K scratch files, chosen by the fingerprint's high bits.
///    Rows arrive in file order, so each partition is in line order too.
/// 2. Per partition, replay its records into a `DuplicateIndex` (fingerprint → first line): a record whose
///    fingerprint is already there is a later row; its (line, first line, fingerprint) is appended to one
///    scratch file of duplicates. A partition's duplicates come out sorted by line.
/// 3. The main pass merges the K sorted stretches as it reads the list (`DuplicateList`).
///
/// Memory is K write buffers, one partition's index (its distinct keys: many repeats of one key cost one
/// slot) and one small read block per partition. K grows with the file size (up to 64) so a partition holds
/// about 64k rows. Scratch files are unlinked when created (`ScratchFile`).
enum DuplicateScan {
    /// Rows of a typical recipient list per byte of file, for sizing partitions (as with the old in-memory index).
    private static let bytesPerRow = 40
    static let rowsPerPartition = 65536
    private static let maxPartitions = 64

    /// One valid row: its key's fingerprint and the line it starts on.
    private struct Sighting: BitwiseCopyable {
        var fingerprint: UInt64
        var line: UInt32
    }

    /// Reads `reader` to its end, or to its first CSV error (the main pass stops at the same row with that error).
    /// - Parameters:
    ///   - emailIndex: the address column.
    ///   - fileBytes: the list's size on disk, to choose the number of partitions.
    ///   - displayPath: the list as messages name it.
    ///   - scratchFolder: where the scratch files go.
    ///   - rowsPerPartition: the rows a partition should hold (tests make it small to get many partitions).
    /// - Throws: `FileError` when a scratch file cannot be written or read; `CampaignFailure` for a list
    ///   longer than line numbers in scratch records can say (2³² − 1).
    static func run(
        _ reader: CSVReader, emailIndex: Int, addressOptions: AddressOptions, caseSensitiveLocalPart: Bool,
        fileBytes: Int, displayPath: String, scratchFolder: String = ScratchFile.defaultFolder,
        rowsPerPartition: Int = DuplicateScan.rowsPerPartition
    ) throws -> DuplicateList {
        var partitionCount = 1
        while partitionCount < maxPartitions && partitionCount * rowsPerPartition * bytesPerRow < fileBytes {
            partitionCount *= 2
        }
        var partitions: [ScratchFile?] = []
        var counts = [Int](repeating: 0, count: partitionCount)
        var any = false
        // The partition comes from fingerprint bits 56–61: bit 63 is always set, and DuplicateIndex picks
        // slots with the low bits.
        let shift = UInt64(56)
        let mask = UInt64(partitionCount - 1)
        while let record = try? reader.next(column: emailIndex) {
            guard let address = try? AddressParser.parse(record.field, options: addressOptions) else { continue }
            guard record.line <= Int(UInt32.max) else {
                throw CampaignFailure(category: .badData, diagnostics: [Diagnostic(
                    .error, file: displayPath, line: record.line, column: 0,
                    message: "the recipient list has more than \(UInt32.max) lines; split it")])
            }
            if !any {
                // Created only now: a list without a valid row needs no scratch files.
                partitions = try (0..<partitionCount).map { _ in try ScratchFile(folder: scratchFolder, bufferSize: 8192) }
                any = true
            }
            let fingerprint = DuplicateIndex.fingerprint(address.key(caseSensitiveLocalPart: caseSensitiveLocalPart))
            let partition = Int((fingerprint >> shift) & mask)
            try partitions[partition]?.append(Sighting(fingerprint: fingerprint, line: UInt32(record.line)))
            counts[partition] += 1
        }
        guard any else { return try DuplicateList.empty }
        let duplicates = try ScratchFile(folder: scratchFolder)
        var stretches: [Range<Int>] = []
        for partition in 0..<partitionCount {
            guard let file = partitions[partition] else { continue }
            try file.flush()
            let start = duplicates.size
            var index = DuplicateIndex(expectedCount: min(counts[partition], rowsPerPartition))
            var cursor = ScratchCursor<Sighting>(file, from: 0, to: file.size)
            while let sighting = try cursor.next() {
                if let first = index.insert(fingerprint: sighting.fingerprint, line: Int(sighting.line)) {
                    try duplicates.append(DuplicateEntry(
                        line: sighting.line, firstLine: UInt32(first), fingerprint: sighting.fingerprint))
                }
            }
            // Closing the partition's file now frees its disk space (it is already unlinked).
            partitions[partition] = nil
            if duplicates.size > start { stretches.append(start..<duplicates.size) }
        }
        try duplicates.flush()
        return try DuplicateList(file: duplicates, stretches: stretches)
    }
}
