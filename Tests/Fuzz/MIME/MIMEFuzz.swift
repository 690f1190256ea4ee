// libFuzzer target for the MIME encoders and decoders (Sources/Mail/MIME, Sources/Mail/Bounce): RFC 2047
// encoded-words, RFC 2231 parameters, base64, quoted-printable and charset decoding. Built by scripts/fuzz
// with -enable-testing, for the internal encoders.
@testable import Mail

/// Removes folding (RFC 5322 §2.2.3): a CRLF followed by whitespace is dropped, the whitespace kept.
private func unfold(_ text: String) -> String {
    text.replacingOccurrences(of: "\r\n", with: "")
}

private extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

/// Line ends as the quoted-printable encoder writes them: CR, LF and CRLF each become CRLF.
private func crlfLines(_ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    var index = 0
    while index < bytes.count {
        let byte = bytes[index]
        if byte == 0x0D || byte == 0x0A {
            out += [0x0D, 0x0A]
            if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
        } else {
            out.append(byte)
        }
        index += 1
    }
    return out
}

/// The first byte picks a charset for the decoders; the rest is used both as hostile encoded input and as
/// text to encode. Properties checked: the decoders return for any input; what the encoders write decodes
/// back to the input (RFC 2047 header value, RFC 2231 parameter, base64, quoted-printable); encoded header
/// lines stay within 998 octets (RFC 5322 §2.1.1).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMIME(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let charsets: [String?] = [nil, "utf-8", "gb2312", "iso-2022-jp", "big5", "windows-1252", "x-unknown", "utf-16"]
    let charset = charsets[Int(data[0] & 0x07)]
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let text = String(decoding: bytes, as: UTF8.self)

    // Hostile input to the readers.
    _ = EncodedWordDecoder.decode(text)
    _ = HeaderParameters(text)
    _ = TransferDecoding.decode(bytes[...], encoding: "base64")
    _ = TransferDecoding.quotedPrintable(bytes[...], underscoreIsSpace: data[0] & 0x08 != 0)
    _ = CharsetDecoder.decode(bytes, charset: charset)

    // Round trips through the writers.
    if let encoded = try? RFC2047.encodeHeaderValue(text, fieldName: "Subject") {
        for line in encoded.utf8.split(separator: 0x0A) {
            check(line.count + "Subject: ".utf8.count <= HeaderWriter.maxLineLength, "a header line over 998")
        }
        let decoded = EncodedWordDecoder.decode(unfold(encoded))
        check(decoded == text.trimmingASCIISpace(),
              "RFC 2047 encode then decode changed \(text.debugDescription) to \(decoded.debugDescription)")
    }
    var writer = HeaderWriter(out: [])
    writer.begin("Content-Disposition")
    if (try? writer.append(spaced: Array("attachment".utf8))) != nil,
       (try? RFC2231.appendParameter(name: "filename", value: text, into: &writer)) != nil {
        let field = String(decoding: writer.out.dropFirst("Content-Disposition: ".utf8.count), as: UTF8.self)
        check(HeaderParameters(unfold(field)).parameters["filename"] == text,
                     "RFC 2231 encode then decode changed the value")
    }
    var base64: [UInt8] = []
    bytes.withUnsafeBufferPointer { Base64.appendLines($0, to: &base64) }
    check(TransferDecoding.base64(base64[...]) == bytes, "base64 encode then decode changed the bytes")
    var quoted: [UInt8] = []
    _ = bytes.withUnsafeBufferPointer { QuotedPrintable.append($0, to: &quoted) }
    let lines = crlfLines(bytes)
    let expected = lines.isEmpty || lines.last == 0x0A ? lines : lines + [0x0D, 0x0A]
    let decoded = TransferDecoding.quotedPrintable(quoted[...], underscoreIsSpace: false)
    check(decoded == expected, "quoted-printable encode then decode changed \(bytes) to \(decoded) via \(quoted)")
    return 0
}
