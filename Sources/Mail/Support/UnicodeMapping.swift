// UnicodeMapping: the only Foundation use in address handling (NFC), kept off the ASCII fast path.
import Foundation

/// Unicode normalisation needed by IDNA (RFC 5891 §5.2) and RFC 6532 §3.1 local parts.
enum UnicodeMapping {
    /// The string in Normalization Form C.
    static func nfc(_ text: String) -> String { text.precomposedStringWithCanonicalMapping }
}
