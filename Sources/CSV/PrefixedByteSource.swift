// PrefixedByteSource.swift — puts back the bytes read ahead for byte-order-mark sniffing.

/// Serves `prefix` first, then everything from `rest`.
final class PrefixedByteSource: ByteSource {
    private let prefix: [UInt8]
    private var offset = 0
    private let rest: any ByteSource

    /// Creates a source that yields `prefix`, then `rest`.
    init(prefix: [UInt8], rest: any ByteSource) {
        self.prefix = prefix
        self.rest = rest
    }

    func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(SourceError) -> Int {
        if offset < prefix.count {
            let count = buffer.fill(from: prefix, at: offset)
            offset += count
            return count
        }
        return try rest.read(into: buffer)
    }
}
