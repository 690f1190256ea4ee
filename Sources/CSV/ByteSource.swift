// ByteSource.swift — the pull interface bytes reach the reader through (file, memory, iconv decoder).

/// A producer of bytes, read one chunk at a time.
///
/// Used by one owner at a time; not thread-safe.
protocol ByteSource: AnyObject {
    /// Copies the next bytes into `buffer`, at most `buffer.count` of them.
    ///
    /// - Parameter buffer: Where to put the bytes.
    /// - Returns: How many bytes were copied; 0 only at the end of the input (or when `buffer` is empty).
    /// - Throws: `SourceError` when reading or decoding fails.
    func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(SourceError) -> Int
}

/// A failure below the CSV grammar: reading or decoding.
///
/// The scanner turns it into a `CSVError` at the line and column where the decoded text stops, which is
/// where the bad input begins.
struct SourceError: Error {
    /// What went wrong.
    var kind: CSVError.Kind
}

extension UnsafeMutableBufferPointer<UInt8> {
    /// Copies as many bytes of `bytes[offset...]` as fit; returns how many were copied.
    func fill(from bytes: [UInt8], at offset: Int) -> Int {
        let count = Swift.min(self.count, bytes.count - offset)
        guard count > 0 else { return 0 }
        _ = UnsafeMutableBufferPointer(rebasing: self[0..<count]).update(fromContentsOf: bytes[offset..<offset + count])
        return count
    }
}
