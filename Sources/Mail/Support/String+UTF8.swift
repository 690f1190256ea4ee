// String+UTF8: zero-copy access to a string's UTF-8 bytes for the byte-scanning code paths.

extension String {
    /// Calls `body` with the string's UTF-8 bytes.
    ///
    /// Native Swift strings are stored as contiguous UTF-8, so this normally costs nothing; a copy is made
    /// only for the rare non-contiguous (bridged) string.
    @inline(__always)
    func withUTF8Buffer<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return copy.withUTF8(body)
    }

    /// True when every scalar is ASCII.
    var isASCII: Bool {
        withUTF8Buffer { bytes in
            for byte in bytes where byte >= 0x80 { return false }
            return true
        }
    }
}

extension Array where Element == UInt8 {
    /// Appends the UTF-8 bytes of `string`.
    @inline(__always)
    mutating func append(utf8 string: String) {
        string.withUTF8Buffer { append(contentsOf: $0) }
    }

    /// Appends CR LF.
    @inline(__always)
    mutating func appendCRLF() {
        append(ASCII.carriageReturn)
        append(ASCII.lineFeed)
    }

    /// Grows the array by `count` bytes and lets `body` fill them through a pointer, avoiding a
    /// capacity check per byte in the encoders' inner loops.
    @inline(__always)
    mutating func appendUninitialized(count: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Void) {
        guard count > 0 else { return }
        let start = self.count
        append(contentsOf: repeatElement(0, count: count))
        withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            body(base + start)
        }
    }
}
