// IconvDecoder.swift — one glibc iconv conversion descriptor, turning a legacy encoding into UTF-8 piecewise.

import Glibc

/// Converts text in one encoding to UTF-8 with glibc's iconv(3), a chunk at a time.
///
/// Owns its `iconv_t` and closes it in `deinit`. iconv keeps no partial character between calls; instead it
/// stops before an incomplete sequence at the end of the input (`EINVAL`), and the caller feeds those bytes
/// again with the next chunk. That is how a character split across two `read(2)` chunks is decoded whole.
final class IconvDecoder {
    /// Why a conversion call stopped.
    enum Stop: Equatable {
        /// All input was converted.
        case complete
        /// The input ends inside a multibyte sequence; the unconverted bytes need the next chunk.
        case incomplete
        /// The input holds a sequence that is invalid in the source encoding (`EILSEQ`).
        case invalid
    }

    /// The encoding's name as the user wrote it (lower-cased), for messages.
    let label: String
    private let descriptor: iconv_t

    /// Opens a converter from `iconvName` to UTF-8.
    ///
    /// - Parameters:
    ///   - iconvName: The name passed to `iconv_open`.
    ///   - label: The name to show in messages.
    /// - Throws: `CSVError` `.unknownEncoding` when iconv does not know the name.
    init(from iconvName: String, label: String) throws(CSVError) {
        guard let descriptor = iconv_open("UTF-8", iconvName), Int(bitPattern: descriptor) != -1 else {
            let code = errno
            if code == EINVAL {
                throw CSVError(.unknownEncoding(label))
            }
            throw CSVError(.readFailed(reason: "iconv_open: \(FileByteSource.text(errno: code))"))
        }
        self.descriptor = descriptor
        self.label = label
    }

    deinit {
        iconv_close(descriptor)
    }

    /// Converts `input`, appending UTF-8 to `output`.
    ///
    /// - Parameters:
    ///   - input: Bytes in the source encoding.
    ///   - output: Receives the converted text.
    /// - Returns: How many input bytes were consumed and why conversion stopped. For `.incomplete` and
    ///   `.invalid`, the unconsumed bytes start at the sequence that stopped it.
    func convert(
        _ input: UnsafeBufferPointer<UInt8>, appendingTo output: inout [UInt8]
    ) -> (consumed: Int, stop: Stop) {
        guard let inputBase = input.baseAddress, input.count > 0 else { return (0, .complete) }
        var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: inputBase)
            .assumingMemoryBound(to: CChar.self)
        var inLeft = input.count
        while true {
            // UTF-8 never needs more than 4 bytes per input byte (latin1 needs 2, GB18030 and UTF-16 at most
            // 3 per 2); E2BIG below covers anything else.
            let room = inLeft * 4 + 16
            let oldCount = output.count
            output.append(contentsOf: repeatElement(0, count: room))
            var outLeft = room
            let result = output.withUnsafeMutableBytes { bytes -> Int in
                var outPointer: UnsafeMutablePointer<CChar>? = bytes.baseAddress.map {
                    ($0 + oldCount).assumingMemoryBound(to: CChar.self)
                }
                return iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
            }
            let code = errno
            output.removeLast(outLeft)
            let consumed = input.count - inLeft
            if result != -1 {
                return (consumed, .complete)
            }
            switch code {
            case E2BIG: continue
            case EINVAL: return (consumed, .incomplete)
            default: return (consumed, .invalid)
            }
        }
    }
}
