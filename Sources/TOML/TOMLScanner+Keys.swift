// TOMLScanner+Keys: bare, quoted and dotted keys (TOML 1.0.0 §Keys).

/// One part of a (possibly dotted) key, with the byte offset where it was written.
struct KeyPart {
    /// The key text after unquoting.
    let name: String
    /// The byte offset of the part's first character (its opening quote, if quoted).
    let offset: Int
}

extension TOMLScanner {
    /// A dotted key: simple keys separated by `.` with optional whitespace around the dots
    /// (§Keys: "Whitespace around dot-separated parts is ignored").
    mutating func scanKey() throws(TOMLError) -> [KeyPart] {
        var parts: [KeyPart] = []
        while true {
            parts.append(try scanSimpleKey())
            skipWhitespace()
            guard peek == Byte.dot else {
                return parts
            }
            index += 1
            skipWhitespace()
        }
    }

    /// One bare or quoted key. §Keys: quoted keys follow the basic/literal string rules but
    /// multi-line strings are not allowed; bare keys are `A-Za-z0-9_-` only.
    private mutating func scanSimpleKey() throws(TOMLError) -> KeyPart {
        let start = index
        guard let byte = peek else {
            throw error("expected a key, found end of file", at: index)
        }
        if byte == Byte.quote || byte == Byte.apostrophe {
            if matches("\"\"\"") || matches("'''") {
                throw error("multi-line strings cannot be used as keys", at: start)
            }
            let name = byte == Byte.quote ? try scanBasicString() : try scanLiteralString()
            return KeyPart(name: name, offset: start)
        }
        guard Byte.isBareKey(byte) else {
            if byte >= 0x80 {
                throw error("invalid character \(describe(at: index)) in key; bare keys may only contain "
                            + "A-Z, a-z, 0-9, '_' and '-' (quote other keys)", at: index)
            }
            throw error("expected a key, found \(describe(at: index))", at: index)
        }
        while let next = peek, Byte.isBareKey(next) {
            index += 1
        }
        let name = String(decoding: bytes[start..<index], as: UTF8.self)
        if let next = peek, next >= 0x80 || Self.isStrayKeyCharacter(next) {
            throw error("invalid character \(describe(at: index)) in bare key '\(name)'; bare keys may only "
                        + "contain A-Z, a-z, 0-9, '_' and '-' (quote other keys)", at: index)
        }
        return KeyPart(name: name, offset: start)
    }

    /// Printable ASCII that can never follow a bare key, so it must have been meant as part of it.
    private static func isStrayKeyCharacter(_ byte: UInt8) -> Bool {
        guard byte > 0x20, byte < 0x7F else {
            return false
        }
        switch byte {
        case Byte.dot, Byte.equals, Byte.rightBracket, Byte.leftBracket, Byte.hash, Byte.comma, Byte.rightBrace,
             Byte.quote, Byte.apostrophe:
            return false
        default:
            return true
        }
    }

    /// Renders a key path for messages: `server.port`, quoting parts that are not bare keys.
    static func displayKey(_ path: [String]) -> String {
        path.map { part in
            if !part.isEmpty, part.utf8.allSatisfy(Byte.isBareKey) {
                return part
            }
            var quoted = "\""
            for scalar in part.unicodeScalars {
                switch scalar {
                case "\"": quoted += "\\\""
                case "\\": quoted += "\\\\"
                default:
                    if scalar.value < 0x20 || scalar.value == 0x7F {
                        quoted += "\\u" + String(codePoint(scalar.value).dropFirst(2))
                    } else {
                        quoted.unicodeScalars.append(scalar)
                    }
                }
            }
            return quoted + "\""
        }.joined(separator: ".")
    }
}
