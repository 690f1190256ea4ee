// HTMLEntities: decodes character references (HTML Living Standard §13.2.5.72–80): common names, numeric.

/// Character reference decoding for the HTML-to-text converter.
enum HTMLEntities {
    /// Decodes the reference starting at `bytes[index]` (which is `&`).
    ///
    /// - Returns: the decoded scalars and the index after the reference, or nil when there is no
    ///   recognisable reference (the `&` is then literal text).
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (String, Int)? {
        var position = index + 1
        guard position < bytes.count else { return nil }
        if bytes[position] == 0x23 {   // '#'
            return decodeNumeric(bytes, from: position + 1)
        }
        let nameStart = position
        while position < bytes.count, position - nameStart < 32, isAlphanumeric(bytes[position]) { position += 1 }
        guard position > nameStart else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[nameStart..<position]), as: UTF8.self)
        if position < bytes.count, bytes[position] == ASCII.semicolon, let value = named[name] {
            return (value, position + 1)
        }
        // Legacy references that browsers accept without the semicolon.
        if legacyWithoutSemicolon.contains(name), let value = named[name] { return (value, position) }
        return nil
    }

    private static func decodeNumeric(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (String, Int)? {
        var position = start
        var hex = false
        if position < bytes.count, bytes[position] | 0x20 == 0x78 {   // 'x' or 'X'
            hex = true
            position += 1
        }
        let digitsStart = position
        var value: UInt32 = 0
        while position < bytes.count {
            let byte = bytes[position]
            let digit: UInt32
            if ASCII.isDigit(byte) {
                digit = UInt32(byte - ASCII.zero)
            } else if hex, (0x61...0x66).contains(byte | 0x20) {
                digit = UInt32((byte | 0x20) - 0x61 + 10)
            } else {
                break
            }
            value = min(value * (hex ? 16 : 10) + digit, 0x11_0000)
            position += 1
        }
        guard position > digitsStart else { return nil }
        if position < bytes.count, bytes[position] == ASCII.semicolon { position += 1 }
        return (String(scalar(for: value)), position)
    }

    /// HTML §13.2.5.80: NUL, surrogates and out-of-range values become U+FFFD; 0x80–0x9F are read as
    /// Windows-1252, as browsers do.
    private static func scalar(for value: UInt32) -> Character {
        if (0x80...0x9F).contains(value) {
            let mapped = windows1252[Int(value - 0x80)]
            return Character(Unicode.Scalar(mapped) ?? replacement)
        }
        guard value != 0, let scalar = Unicode.Scalar(value) else { return Character(replacement) }
        return Character(scalar)
    }

    private static let replacement: Unicode.Scalar = "\u{FFFD}"

    private static let windows1252: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
        0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        ASCII.isDigit(byte) || (byte | 0x20) &- 0x61 < 26
    }

    private static let legacyWithoutSemicolon: Set<String> = ["amp", "lt", "gt", "quot", "nbsp", "copy", "reg"]

    // The references that occur in real mail, not the full 2,231-name table.
    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
        "ensp": "\u{2002}", "emsp": "\u{2003}", "thinsp": "\u{2009}", "zwnj": "\u{200C}", "zwj": "\u{200D}",
        "lrm": "\u{200E}", "rlm": "\u{200F}", "shy": "\u{AD}",
        "copy": "©", "reg": "®", "trade": "™", "hellip": "…", "mdash": "—", "ndash": "–",
        "lsquo": "‘", "rsquo": "’", "sbquo": "‚", "ldquo": "“", "rdquo": "”", "bdquo": "„",
        "laquo": "«", "raquo": "»", "lsaquo": "‹", "rsaquo": "›", "bull": "•", "middot": "·",
        "dagger": "†", "Dagger": "‡", "permil": "‰", "prime": "′", "Prime": "″",
        "euro": "€", "pound": "£", "yen": "¥", "cent": "¢", "curren": "¤", "sect": "§", "para": "¶",
        "deg": "°", "plusmn": "±", "times": "×", "divide": "÷", "micro": "µ", "not": "¬", "macr": "¯",
        "acute": "´", "cedil": "¸", "uml": "¨", "ordf": "ª", "ordm": "º", "brvbar": "¦",
        "iexcl": "¡", "iquest": "¿", "frac12": "½", "frac14": "¼", "frac34": "¾",
        "sup1": "¹", "sup2": "²", "sup3": "³", "larr": "←", "rarr": "→", "uarr": "↑", "darr": "↓",
        "harr": "↔", "hearts": "♥", "check": "✓", "star": "☆", "minus": "−", "infin": "∞",
        "le": "≤", "ge": "≥", "ne": "≠", "asymp": "≈", "fnof": "ƒ", "circ": "ˆ", "tilde": "˜",
        "Agrave": "À", "Aacute": "Á", "Acirc": "Â", "Atilde": "Ã", "Auml": "Ä", "Aring": "Å", "AElig": "Æ",
        "Ccedil": "Ç", "Egrave": "È", "Eacute": "É", "Ecirc": "Ê", "Euml": "Ë", "Igrave": "Ì", "Iacute": "Í",
        "Icirc": "Î", "Iuml": "Ï", "ETH": "Ð", "Ntilde": "Ñ", "Ograve": "Ò", "Oacute": "Ó", "Ocirc": "Ô",
        "Otilde": "Õ", "Ouml": "Ö", "Oslash": "Ø", "Ugrave": "Ù", "Uacute": "Ú", "Ucirc": "Û", "Uuml": "Ü",
        "Yacute": "Ý", "THORN": "Þ", "szlig": "ß", "agrave": "à", "aacute": "á", "acirc": "â",
        "atilde": "ã", "auml": "ä", "aring": "å", "aelig": "æ", "ccedil": "ç", "egrave": "è", "eacute": "é",
        "ecirc": "ê", "euml": "ë", "igrave": "ì", "iacute": "í", "icirc": "î", "iuml": "ï", "eth": "ð",
        "ntilde": "ñ", "ograve": "ò", "oacute": "ó", "ocirc": "ô", "otilde": "õ", "ouml": "ö",
        "oslash": "ø", "ugrave": "ù", "uacute": "ú", "ucirc": "û", "uuml": "ü", "yacute": "ý",
        "thorn": "þ", "yuml": "ÿ", "OElig": "Œ", "oelig": "œ", "Scaron": "Š", "scaron": "š", "Yuml": "Ÿ",
    ]
}
