// MemoryByteSource.swift — serves an in-memory byte array as a ByteSource (CSVReader(bytes:), tests).

/// Bytes already in memory, handed out in pieces no larger than the caller asks for.
final class MemoryByteSource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0

    /// Creates a source over `bytes`.
    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    func read(into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let count = buffer.fill(from: bytes, at: offset)
        offset += count
        return count
    }
}
