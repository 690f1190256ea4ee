// JournalChunkedArray: an array grown in fixed chunks, so growing never copies and never over-allocates.

/// Elements in chunks of 65,536.
///
/// A plain `Array` grows by reallocating and copying; at a million entries that briefly doubles the array (and leaves
/// glibc holding freed heap), so the index's peak memory would be about twice its size. Chunks are allocated once and
/// never moved; the waste is under one chunk.
struct JournalChunkedArray<Element: Sendable>: Sendable {
    private static var shift: Int { 16 }
    private static var chunkSize: Int { 1 << shift }

    private var chunks: [[Element]] = []
    private(set) var count = 0

    subscript(index: Int) -> Element {
        get { chunks[index >> Self.shift][index & (Self.chunkSize - 1)] }
        set { chunks[index >> Self.shift][index & (Self.chunkSize - 1)] = newValue }
    }

    mutating func append(_ element: Element) {
        if count & (Self.chunkSize - 1) == 0 {
            var chunk: [Element] = []
            chunk.reserveCapacity(Self.chunkSize)
            chunks.append(chunk)
        }
        chunks[chunks.count - 1].append(element)
        count += 1
    }

    /// Calls `body` with each element in order.
    func forEach(_ body: (Element) -> Void) {
        for chunk in chunks {
            for element in chunk { body(element) }
        }
    }
}
