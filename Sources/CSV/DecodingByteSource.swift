// DecodingByteSource.swift — a ByteSource that yields another source's bytes converted to UTF-8 by iconv.

/// Reads raw chunks from `upstream`, converts them with an `IconvDecoder`, and hands out UTF-8.
///
/// Decoding errors are deferred until every byte converted before the bad sequence has been handed out, so
/// the reader reports them at the line and column where the readable text stops.
final class DecodingByteSource: ByteSource {
    private let upstream: any ByteSource
    private let decoder: IconvDecoder
    private let chunkSize: Int
    /// Raw bytes not converted yet: at most an incomplete character left from the previous chunk.
    private var pending: [UInt8] = []
    private var output: [UInt8] = []
    private var outputOffset = 0
    private var deferredError: SourceError?
    private var upstreamEnded = false

    /// Creates a decoding source.
    ///
    /// - Parameters:
    ///   - upstream: Where the encoded bytes come from.
    ///   - decoder: The converter to UTF-8.
    ///   - chunkSize: How many raw bytes to read at a time.
    init(upstream: any ByteSource, decoder: IconvDecoder, chunkSize: Int) {
        self.upstream = upstream
        self.decoder = decoder
        self.chunkSize = chunkSize
    }

    func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(SourceError) -> Int {
        while outputOffset == output.count {
            if let deferredError { throw deferredError }
            if upstreamEnded { return 0 }
            try decodeNextChunk()
        }
        let count = buffer.fill(from: output, at: outputOffset)
        outputOffset += count
        return count
    }

    private func decodeNextChunk() throws(SourceError) {
        output.removeAll(keepingCapacity: true)
        outputOffset = 0
        guard try readUpstream() > 0 else {
            upstreamEnded = true
            if !pending.isEmpty {
                deferredError = SourceError(kind: .truncatedEncodedInput(encoding: decoder.label, bytes: pending))
            }
            return
        }
        let (consumed, stop) = pending.withUnsafeBufferPointer { decoder.convert($0, appendingTo: &output) }
        pending.removeFirst(consumed)
        if stop == .invalid {
            // Show the same bytes whatever the chunk size: read on until four are at hand.
            while pending.count < 4, try readUpstream() > 0 {}
            let bytes = Array(pending.prefix(4))
            deferredError = SourceError(kind: .invalidEncodedInput(encoding: decoder.label, bytes: bytes))
        }
    }

    /// Appends up to one chunk from upstream to `pending`; returns how many bytes came.
    private func readUpstream() throws(SourceError) -> Int {
        let kept = pending.count
        pending.append(contentsOf: repeatElement(0, count: chunkSize))
        let upstream = self.upstream
        let count = try pending.withUnsafeMutableBufferPointer { buffer throws(SourceError) in
            try upstream.read(into: UnsafeMutableBufferPointer(rebasing: buffer[kept...]))
        }
        pending.removeLast(chunkSize - count)
        return count
    }
}
