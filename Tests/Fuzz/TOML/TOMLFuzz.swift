// libFuzzer target for the TOML parser (Sources/TOML). Built by scripts/fuzz, not by SwiftPM; docs/fuzzing.md.
import TOML

/// Feeds the input to both entry points. Properties checked: the parser returns or throws (never crashes or
/// loops); bytes it accepts are valid UTF-8 (it promises to reject anything else); the String entry point
/// agrees with the byte one on valid UTF-8; an accepted document can be encoded as toml-test JSON.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTOML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let fromBytes = Result { () throws(TOMLError) in try TOMLParser.parse(bytes: bytes) }
    if let text = String(validating: bytes, as: UTF8.self) {
        let fromText = Result { () throws(TOMLError) in try TOMLParser.parse(text) }
        switch (fromBytes, fromText) {
        case (.success(let a), .success(let b)):
            check(TOMLTaggedJSON.encode(a) == TOMLTaggedJSON.encode(b), "the two entry points disagree")
        case (.failure(let a), .failure(let b)):
            check(a == b, "the two entry points report different errors")
        default:
            check(false, "one entry point accepted what the other refused")
        }
    } else if case .success = fromBytes, !bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
        check(false, "invalid UTF-8 was accepted")
    }
    return 0
}
