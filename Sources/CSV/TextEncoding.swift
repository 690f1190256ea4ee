// TextEncoding.swift — resolves the `encoding` option and a byte-order mark to the decoding a file needs.

/// The encoding a CSV file's bytes are decoded from.
enum TextEncoding: Equatable {
    /// UTF-8, read without conversion and validated field by field.
    case utf8
    /// Anything else, converted by iconv: `name` is passed to `iconv_open`, `label` appears in messages.
    case iconv(name: String, label: String)

    /// Resolves the user's encoding name.
    ///
    /// - Parameter name: The `encoding` option, e.g. `"GB18030"` or `"utf-8"`.
    /// - Throws: `CSVError` `.unknownEncoding` for names iconv could misread: empty ones and ones with
    ///   characters outside `[A-Za-z0-9._:-]`, which rules out suffixes like `//IGNORE` and `//TRANSLIT`
    ///   that would silently drop or replace characters. Whether iconv knows the name is checked when the
    ///   decoder is opened.
    init(named name: String) throws(CSVError) {
        let label = name.lowercased().trimmingWhitespace()
        let allowed = label.utf8.allSatisfy { byte in
            (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x2D || byte == 0x2E
                || byte == 0x5F || byte == 0x3A
        }
        guard !label.isEmpty, allowed else { throw CSVError(.unknownEncoding(name)) }
        switch label {
        case "utf-8", "utf8", "utf-8-sig":
            self = .utf8
        default:
            self = .iconv(name: label.uppercased(), label: label)
        }
    }

    /// The encoding a byte-order mark at the start of `prefix` announces, and how many bytes to skip.
    ///
    /// The mark overrides the `encoding` option, as in the WHATWG Encoding Standard's "decode" algorithm:
    /// no file that starts with one of these marks is plausibly in anything else. A UTF-8 mark is not
    /// skipped here: the reader strips U+FEFF from the start of the decoded text, whatever the encoding.
    static func byteOrderMark(in prefix: [UInt8]) -> (encoding: TextEncoding, length: Int)? {
        if prefix.starts(with: [0xEF, 0xBB, 0xBF]) {
            return (.utf8, 0)
        }
        if prefix.starts(with: [0xFF, 0xFE]) {
            return (.iconv(name: "UTF-16LE", label: "utf-16le"), 2)
        }
        if prefix.starts(with: [0xFE, 0xFF]) {
            return (.iconv(name: "UTF-16BE", label: "utf-16be"), 2)
        }
        return nil
    }

    /// Picks the byte order of a UTF-16 file without a byte-order mark.
    ///
    /// glibc's "UTF-16" decoder assumes big-endian without a mark, Python's assumes the machine's order
    /// (little-endian). CSV text is full of ASCII (delimiters, line breaks, e-mail addresses), whose high byte
    /// is zero: zeros at even offsets mean big-endian, at odd offsets little-endian. Without any zero,
    /// little-endian, which is what Windows writes.
    func resolvingUnmarkedUTF16(prefix: [UInt8]) -> TextEncoding {
        guard case .iconv("UTF-16", let label) = self else { return self }
        var evenZeros = 0
        var oddZeros = 0
        for (offset, byte) in prefix.enumerated() where byte == 0 {
            if offset % 2 == 0 {
                evenZeros += 1
            } else {
                oddZeros += 1
            }
        }
        return .iconv(name: evenZeros > oddZeros ? "UTF-16BE" : "UTF-16LE", label: label)
    }
}
