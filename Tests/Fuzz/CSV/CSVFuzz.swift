// libFuzzer target for the CSV reader (Sources/CSV): sniffer, scanner, limits and the iconv decoding path.
import CSV

/// The first input byte picks the options (encoding, delimiter, chunk size, small limits); the rest is the
/// file. Every record is read, going on after the errors the reader documents as recoverable. Properties
/// checked: no crash or hang; reading goes on only after the errors documented as recoverable; every
/// record has as many fields as the header; a record's fields are each within the field limit.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let selector = data[0]
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let encodings = ["utf-8", "gb18030", "utf-16", "windows-1252", "shift_jis", "utf-16le", "big5", "iso-8859-1"]
    let delimiters: [UInt8?] = [nil, nil, UInt8(ascii: ","), UInt8(ascii: ";")]
    var options = CSVOptions()
    options.encoding = encodings[Int(selector & 0x07)]
    options.delimiter = delimiters[Int(selector >> 3 & 0x03)]
    // Small chunks split multi-byte characters, quotes and CRLF across reads.
    options.chunkSize = selector & 0x20 != 0 ? 1 + Int(selector >> 6) * 3 : 4096
    if selector & 0x40 != 0 {
        options.maxFieldBytes = 64
        options.maxColumns = 8
        options.maxRecordBytes = 256
    }
    guard let reader = try? CSVReader(bytes: bytes, options: options) else { return 0 }
    check(!reader.header.isEmpty, "a header without names")
    // Every record (good or bad) takes at least one byte of input, so more calls than bytes means a loop.
    var remaining = bytes.count + 2
    while remaining > 0 {
        remaining -= 1
        do {
            guard let record = try reader.next() else { break }
            check(record.fields.count == reader.header.count, "a record of the wrong width")
            for field in record.fields {
                check(field.utf8.count <= options.maxFieldBytes, "a field over the limit")
            }
        } catch {
            // The reader's contract: only errors about one complete record let reading go on.
            if reader.hasFailed { return 0 }
            switch error.kind {
            case .fieldCountMismatch, .invalidUTF8: continue
            default: check(false, "reading went on after \(error)")
            }
        }
    }
    check(remaining > 0, "more records than input bytes: the reader loops")
    return 0
}
