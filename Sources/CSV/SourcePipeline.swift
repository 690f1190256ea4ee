// SourcePipeline.swift — turns raw file bytes into a UTF-8 ByteSource: byte-order-mark sniffing, then iconv.

/// Builds the chain of sources that yields a file's text as UTF-8.
enum SourcePipeline {
    /// How many bytes to read ahead to recognise a byte-order mark, and the byte order of UTF-16 without
    /// one.
    private static let sniffLength = 512

    /// Wraps `raw` so that it yields UTF-8.
    ///
    /// - Parameters:
    ///   - raw: The file's bytes.
    ///   - encoding: The `encoding` option; a byte-order mark overrides it.
    ///   - chunkSize: How many raw bytes a decoder reads at a time.
    /// - Returns: `raw` itself (behind the bytes read ahead) for UTF-8, else a decoding source.
    /// - Throws: `CSVError` for an unknown encoding name (even when a byte-order mark makes it moot, so a
    ///   typo in the configuration surfaces on the first file) or a failed read.
    static func utf8Source(from raw: any ByteSource, encoding: String, chunkSize: Int) throws(CSVError)
        -> any ByteSource
    {
        let declared = try TextEncoding(named: encoding)
        var declaredDecoder: IconvDecoder?
        if case .iconv(let name, let label) = declared {
            declaredDecoder = try IconvDecoder(from: name, label: label)
        }
        let prefix = try readAhead(raw)
        let marked = TextEncoding.byteOrderMark(in: prefix)
        let (chosen, skipped) = marked ?? (declared.resolvingUnmarkedUTF16(prefix: prefix), 0)
        let source = PrefixedByteSource(prefix: Array(prefix.dropFirst(skipped)), rest: raw)
        switch chosen {
        case .utf8:
            return source
        case .iconv(let name, let label):
            let decoder: IconvDecoder
            if let declaredDecoder, chosen == declared {
                decoder = declaredDecoder
            } else {
                decoder = try IconvDecoder(from: name, label: label)
            }
            return DecodingByteSource(upstream: source, decoder: decoder, chunkSize: chunkSize)
        }
    }

    private static func readAhead(_ raw: any ByteSource) throws(CSVError) -> [UInt8] {
        var prefix = [UInt8](repeating: 0, count: sniffLength)
        var count = 0
        do {
            while count < sniffLength {
                let read = try prefix.withUnsafeMutableBufferPointer { buffer throws(SourceError) in
                    try raw.read(into: UnsafeMutableBufferPointer(rebasing: buffer[count...]))
                }
                if read == 0 { break }
                count += read
            }
        } catch {
            throw CSVError(error.kind, line: 1, column: 1)
        }
        prefix.removeLast(sniffLength - count)
        return prefix
    }
}
