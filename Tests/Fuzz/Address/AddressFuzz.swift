// libFuzzer target for the address parser, IDNA and Punycode (Sources/Mail/Address). Built by scripts/fuzz.
import Mail

/// The first byte picks the options; the rest is the address text. Properties checked: parsing returns or
/// throws; an accepted address is within RFC 5321's limits, has no CR, LF or NUL (design invariant 3), and
/// parses again to itself from its wire form; Punycode decodes what it encodes; IDNA's ASCII form of a
/// domain is stable under a second conversion and survives a trip through its Unicode form.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAddress(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let flags = data[0]
    let text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    let options = AddressOptions(allowIPLiterals: flags & 1 != 0, caseSensitiveLocalPart: flags & 2 != 0)
    if let address = try? AddressParser.parse(text, options: options) {
        let wire = address.wireForm
        // RFC 5321 §4.5.3.1.3: a path is at most 256 octets with its angle brackets.
        check(wire.utf8.count <= 254, "an address over 254 octets was accepted")
        check(!wire.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0 }, "a control character got through")
        check(address.domain.allSatisfy(\.isASCII), "the domain is not in ASCII form")
        let again = try? AddressParser.parse(wire, options: options)
        check(again == address, "the wire form \(wire) parses to \(String(describing: again))")
        _ = address.key(options: options)
    }
    if let encoded = Punycode.encode(text) {
        check(Punycode.decode(encoded)?.unicodeScalars.elementsEqual(text.unicodeScalars) == true,
                     "Punycode does not decode what it encoded")
    }
    _ = Punycode.decode(text)
    if let ascii = try? IDNA.toASCII(text) {
        check((try? IDNA.toASCII(ascii)) == ascii, "IDNA.toASCII is not idempotent")
        check((try? IDNA.toASCII(IDNA.toUnicode(ascii))) == ascii, "A-labels do not survive toUnicode")
    }
    return 0
}
