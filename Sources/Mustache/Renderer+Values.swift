// Renderer value output: interpolating strings, numbers and booleans, with HTML escaping on raw bytes.

extension Renderer {
    /// Appends an interpolated value (interpolation.yml). Lists and objects have no textual form in the spec;
    /// they render as nothing rather than as a debug dump.
    mutating func appendValue(_ value: MustacheValue, escaped: Bool) {
        switch value {
        case .null, .list, .object:
            return
        case .bool(let flag):
            let word: StaticString = flag ? "true" : "false"
            word.withUTF8Buffer { output.append(contentsOf: $0) }
        case .number(let number):
            appendNumber(number)
        case .string(let text):
            appendString(text, escaped: escaped)
        }
    }

    /// Integral values print without a fraction ("Basic Integer Interpolation"); others use Swift's shortest
    /// round-tripping form ("Basic Decimal Interpolation": 1.210 prints as 1.21).
    mutating func appendNumber(_ number: Double) {
        // The magnitude test comes first: it is false for NaN and infinities, which Int64(_:) would trap on.
        // (Comparing with a truncated Int64 also avoids `rounded()`, which needs libm on Linux.)
        if number.magnitude < 1e15 && Double(Int64(number)) == number {
            appendInteger(Int64(number))
        } else {
            appendString(number.description, escaped: false)  // rare path: non-integral numbers
        }
    }

    /// Writes decimal digits straight into the buffer, avoiding a temporary String.
    mutating func appendInteger(_ number: Int64) {
        if number < 0 {
            output.append(0x2D)
        }
        var magnitude = number.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(truncatingIfNeeded: magnitude % 10) + 0x30
                magnitude /= 10
                count += 1
            } while magnitude > 0
            while count > 0 {
                count -= 1
                output.append(buffer[count])
            }
        }
    }

    /// Appends a string's UTF-8, escaping it when the tag and the render both ask for HTML escaping.
    mutating func appendString(_ text: String, escaped: Bool) {
        let escape = escaped && escapesHTML
        // `withUTF8` on a native string hands out its storage without copying (bridged strings are made
        // native first).
        var text = text
        text.withUTF8 { bytes in
            if escape {
                appendEscaped(bytes)
            } else {
                appendSmall(bytes)
            }
        }
    }

    /// HTML-escapes `&` `<` `>` `"` (interpolation.yml "HTML Escaping") and `'`, copying unescaped runs whole.
    mutating func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        // One bit per byte below 64 that needs an entity: `"` `&` `'` `<` `>` are all below 64, so most bytes
        // are passed over with one comparison and a shift instead of five comparisons.
        let special: UInt64 = 1 << 0x22 | 1 << 0x26 | 1 << 0x27 | 1 << 0x3C | 1 << 0x3E
        var runStart = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= 64 || (special >> UInt64(byte)) & 1 == 0 {
                index += 1
                continue
            }
            let entity: StaticString?
            switch bytes[index] {
            case ASCII.ampersand: entity = "&amp;"
            case ASCII.lessThan: entity = "&lt;"
            case ASCII.greaterThan: entity = "&gt;"
            case ASCII.quote: entity = "&quot;"
            case ASCII.apostrophe: entity = "&#39;"
            default: entity = nil
            }
            if let entity {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                entity.withUTF8Buffer { output.append(contentsOf: $0) }
                runStart = index + 1
            }
            index += 1
        }
        appendSmall(UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
    }

    /// Appends `bytes`; a short value (a name, a city) one byte at a time, which costs less than the generic
    /// `append(contentsOf:)` with its capacity and copy set-up.
    @inline(__always)
    mutating func appendSmall(_ bytes: UnsafeBufferPointer<UInt8>) {
        if bytes.count <= 16 {
            for byte in bytes { output.append(byte) }
        } else {
            output.append(contentsOf: bytes)
        }
    }
}
