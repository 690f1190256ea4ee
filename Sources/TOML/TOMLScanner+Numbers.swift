// TOMLScanner+Numbers: integers, floats and dates/times (TOML 1.0.0 §Integer, §Float, §Offset Date-Time ff.).

extension TOMLScanner {
    /// Scans a number, date or time at the cursor, which is at a digit, `+`, `-`, `i` or `n`.
    ///
    /// The whole run of characters that can appear in such values is taken as one token and then
    /// checked strictly, so `1.2.3` or `2024-13-01` is reported as a whole rather than half-read.
    mutating func scanNumberOrDateTime() throws(TOMLError) -> TOMLValue {
        let start = index
        var end = tokenEnd(from: start)
        // §Offset Date-Time: "you may replace the T delimiter … with a space character".
        if end - start == 10, isFullDate(at: start), end + 3 < bytes.count, bytes[end] == Byte.space,
           Byte.isDigit(bytes[end + 1]), Byte.isDigit(bytes[end + 2]), bytes[end + 3] == Byte.colon {
            end = tokenEnd(from: end + 1)
        }
        index = end
        if looksLikeDateTime(from: start, to: end) {
            return try parseDateTime(from: start, to: end)
        }
        return try parseNumber(from: start, to: end)
    }

    // MARK: Tokens

    /// The end of the run of bytes that may belong to a number or date/time.
    private func tokenEnd(from start: Int) -> Int {
        var end = start
        while end < bytes.count {
            let byte = bytes[end]
            guard Byte.isBareKey(byte) || byte == Byte.dot || byte == Byte.plus || byte == Byte.colon else {
                break
            }
            end += 1
        }
        return end
    }

    /// `DDDD-DD-DD` at `offset`.
    private func isFullDate(at offset: Int) -> Bool {
        guard offset + 10 <= bytes.count else {
            return false
        }
        for step in 0..<10 {
            let byte = bytes[offset + step]
            let ok = step == 4 || step == 7 ? byte == Byte.minus : Byte.isDigit(byte)
            if !ok {
                return false
            }
        }
        return true
    }

    /// A token whose characters before the first `-` or `:` are all digits, and that has one:
    /// `1979-05-27`, `07:32:00`, `199709-09` (a bad date), but not `1e-5` or `0x-1`.
    private func looksLikeDateTime(from start: Int, to end: Int) -> Bool {
        for offset in start..<end {
            let byte = bytes[offset]
            if byte == Byte.colon || byte == Byte.minus {
                return offset > start
            }
            if !Byte.isDigit(byte) {
                return false
            }
        }
        return false
    }

    // MARK: Numbers

    /// An integer or float token (§Integer, §Float).
    private mutating func parseNumber(from start: Int, to end: Int) throws(TOMLError) -> TOMLValue {
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        var cursor = start
        let signed = bytes[cursor] == Byte.plus || bytes[cursor] == Byte.minus
        let negative = bytes[cursor] == Byte.minus
        if signed {
            cursor += 1
        }
        let body = String(decoding: bytes[cursor..<end], as: UTF8.self)
        // §Float: special float values are always lower-case.
        if body == "inf" {
            return .float(negative ? -Double.infinity : Double.infinity)
        }
        if body == "nan" {
            return .float(Double.nan)
        }
        guard cursor < end else {
            throw error("expected digits after the sign in '\(text)'", at: cursor)
        }
        if !Byte.isDigit(bytes[cursor]) {
            throw invalidNumberStart(text: text, body: body, at: cursor)
        }
        if bytes[cursor] == Byte.zero, cursor + 1 < end, let radix = Self.radix(for: bytes[cursor + 1]) {
            guard !signed else {
                throw error("a sign is not allowed on \(radix.name) integers: '\(text)'", at: start)
            }
            return try parseRadixInteger(from: cursor + 2, to: end, radix: radix, text: text)
        }
        if bytes[cursor] == Byte.zero, cursor + 1 < end, [0x58, 0x4F, 0x42].contains(bytes[cursor + 1]) {
            throw error("integer prefixes are lower-case ('0x', '0o', '0b'): '\(text)'", at: cursor + 1)
        }

        let integerStart = cursor
        cursor = try scanDigitGroup(from: cursor, to: end, text: text)
        // §Integer: "Leading zeros are not allowed." The same holds for a float's integer part.
        if bytes[integerStart] == Byte.zero, cursor - integerStart > 1 {
            throw error("leading zeros are not allowed in '\(text)'", at: integerStart)
        }
        var isFloat = false
        if cursor < end, bytes[cursor] == Byte.dot {
            isFloat = true
            cursor += 1
            guard cursor < end, Byte.isDigit(bytes[cursor]) else {
                throw error("expected a digit after the decimal point in '\(text)'", at: cursor)
            }
            cursor = try scanDigitGroup(from: cursor, to: end, text: text)
        }
        if cursor < end, bytes[cursor] | 0x20 == 0x65 {   // e or E
            isFloat = true
            cursor += 1
            if cursor < end, bytes[cursor] == Byte.plus || bytes[cursor] == Byte.minus {
                cursor += 1
            }
            guard cursor < end, Byte.isDigit(bytes[cursor]) else {
                throw error("expected digits in the exponent of '\(text)'", at: cursor)
            }
            cursor = try scanDigitGroup(from: cursor, to: end, text: text)
        }
        if cursor < end {
            throw error("invalid character \(describe(at: cursor)) in number '\(text)'", at: cursor)
        }

        if isFloat {
            let digits = String(decoding: bytes[start..<end].filter { $0 != Byte.underscore }, as: UTF8.self)
            guard let value = Double(digits), value.isFinite else {
                throw error("float '\(text)' is out of range for a 64-bit float", at: start)
            }
            return .float(value)
        }
        var value: Int64 = 0
        for offset in integerStart..<end where bytes[offset] != Byte.underscore {
            let digit = Int64(bytes[offset] - Byte.zero)
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowB) = negative ? shifted.subtractingReportingOverflow(digit)
                                             : shifted.addingReportingOverflow(digit)
            guard !overflowA, !overflowB else {
                throw error("integer '\(text)' is out of range for a 64-bit signed integer", at: start)
            }
            value = next
        }
        return .integer(value)
    }

    /// Digits with single underscores between them (§Integer: "each underscore must be
    /// surrounded by at least one digit on each side"). Returns the end of the group.
    private mutating func scanDigitGroup(from start: Int, to end: Int, text: String) throws(TOMLError) -> Int {
        var cursor = start
        while cursor < end {
            let byte = bytes[cursor]
            if Byte.isDigit(byte) {
                cursor += 1
            } else if byte == Byte.underscore {
                guard cursor + 1 < end, Byte.isDigit(bytes[cursor + 1]) else {
                    throw error("underscores in numbers must be between digits: '\(text)'", at: cursor)
                }
                cursor += 1
            } else {
                break
            }
        }
        return cursor
    }

    /// An error for a token that starts like a number (or inf/nan) but is not one.
    private mutating func invalidNumberStart(text: String, body: String, at offset: Int) -> TOMLError {
        if body.lowercased() == "inf" || body.lowercased() == "nan" {
            return error("special float values must be lower-case: '\(text)'", at: offset)
        }
        if bytes[offset] == Byte.underscore {
            return error("underscores in numbers must be between digits: '\(text)'", at: offset)
        }
        if bytes[offset] == Byte.dot {
            return error("a float needs a digit before the decimal point: '\(text)'", at: offset)
        }
        return error("invalid value '\(text)'", at: offset)
    }

    /// A radix-prefixed integer (§Integer: `0x`, `0o`, `0b`; non-negative, no sign).
    private mutating func parseRadixInteger(
        from start: Int, to end: Int, radix: (base: UInt64, name: String), text: String
    ) throws(TOMLError) -> TOMLValue {
        guard start < end else {
            throw error("expected \(radix.name) digits after the prefix in '\(text)'", at: start)
        }
        var value: UInt64 = 0
        var previousWasDigit = false
        for offset in start..<end {
            let byte = bytes[offset]
            if byte == Byte.underscore {
                guard previousWasDigit, offset + 1 < end, bytes[offset + 1] != Byte.underscore else {
                    throw error("underscores in numbers must be between digits: '\(text)'", at: offset)
                }
                previousWasDigit = false
                continue
            }
            guard let digit = Byte.hexValue(byte).map(UInt64.init), digit < radix.base else {
                throw error("invalid \(radix.name) digit \(describe(at: offset)) in '\(text)'", at: offset)
            }
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: radix.base)
            let (next, overflowB) = shifted.addingReportingOverflow(digit)
            guard !overflowA, !overflowB, next <= UInt64(Int64.max) else {
                throw error("integer '\(text)' is out of range for a 64-bit signed integer", at: start - 2)
            }
            value = next
            previousWasDigit = true
        }
        return .integer(Int64(value))
    }

    /// The base and name for an integer prefix letter (`x`, `o`, `b`).
    private static func radix(for letter: UInt8) -> (base: UInt64, name: String)? {
        switch letter {
        case 0x78: return (16, "hexadecimal")
        case 0x6F: return (8, "octal")
        case 0x62: return (2, "binary")
        default: return nil
        }
    }

    // MARK: Dates and times

    /// A date, time or date-time token (§Offset Date-Time, §Local Date-Time, §Local Date,
    /// §Local Time; the formats are RFC 3339 with TOML's relaxations).
    private mutating func parseDateTime(from start: Int, to end: Int) throws(TOMLError) -> TOMLValue {
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        var cursor = start
        var result = TOMLDateTime(kind: .localTime)
        // A time alone has its first ':' before any '-' (the date's separators come first).
        let timeOnly = bytes[start..<end].firstIndex { $0 == Byte.colon || $0 == Byte.minus }
            .map { bytes[$0] == Byte.colon } ?? false

        if !timeOnly {
            guard let year = number(at: cursor, digits: 4, end: end), separator(Byte.minus, at: cursor + 4, end: end),
                  let month = number(at: cursor + 5, digits: 2, end: end),
                  separator(Byte.minus, at: cursor + 7, end: end),
                  let day = number(at: cursor + 8, digits: 2, end: end) else {
                throw error("invalid date '\(text)': expected YYYY-MM-DD", at: start)
            }
            guard (1...12).contains(month) else {
                throw error("invalid date '\(text)': month \(month) does not exist", at: cursor + 5)
            }
            let days = TOMLDateTime.daysInMonth(year: year, month: month)
            guard (1...days).contains(day) else {
                throw error("invalid date '\(text)': day \(day) is out of range for "
                            + "\(Self.monthNames[month - 1]) \(year), which has \(days) days", at: cursor + 8)
            }
            result.year = year
            result.month = month
            result.day = day
            result.kind = .localDate
            cursor += 10
            if cursor == end {
                return .localDate(result)
            }
            // §Offset Date-Time: the delimiter is T (any case) or a space.
            guard bytes[cursor] | 0x20 == 0x74 || bytes[cursor] == Byte.space else {
                throw error("invalid date-time '\(text)': expected 'T' between the date and the time", at: cursor)
            }
            cursor += 1
        }

        guard let hour = number(at: cursor, digits: 2, end: end), separator(Byte.colon, at: cursor + 2, end: end),
              let minute = number(at: cursor + 3, digits: 2, end: end),
              separator(Byte.colon, at: cursor + 5, end: end),
              let second = number(at: cursor + 6, digits: 2, end: end) else {
            throw error("invalid time in '\(text)': expected HH:MM:SS (seconds are required)", at: cursor)
        }
        guard hour <= 23 else {
            throw error("invalid time in '\(text)': hour \(hour) is out of range (00-23)", at: cursor)
        }
        guard minute <= 59 else {
            throw error("invalid time in '\(text)': minute \(minute) is out of range (00-59)", at: cursor + 3)
        }
        // RFC 3339 §5.7 allows second 60 for leap seconds.
        guard second <= 60 else {
            throw error("invalid time in '\(text)': second \(second) is out of range (00-60)", at: cursor + 6)
        }
        result.hour = hour
        result.minute = minute
        result.second = second
        cursor += 8
        if cursor < end, bytes[cursor] == Byte.dot {
            cursor += 1
            let fractionStart = cursor
            var nanos = 0
            while cursor < end, Byte.isDigit(bytes[cursor]) {
                // §Local Time: precision beyond what is supported is truncated, not rounded.
                if cursor - fractionStart < 9 {
                    nanos = nanos * 10 + Int(bytes[cursor] - Byte.zero)
                }
                cursor += 1
            }
            let written = cursor - fractionStart
            guard written > 0 else {
                throw error("invalid time in '\(text)': expected digits after the decimal point", at: cursor)
            }
            for _ in min(written, 9)..<9 {
                nanos *= 10
            }
            result.nanosecond = nanos
            result.fractionDigits = min(written, 9)
        }

        if timeOnly {
            result.kind = .localTime
        } else if cursor < end {
            result.offsetMinutes = try parseOffset(at: &cursor, end: end, text: text)
            result.kind = .offsetDateTime
        } else {
            result.kind = .localDateTime
        }
        guard cursor == end else {
            throw error("invalid date/time '\(text)': unexpected \(describe(at: cursor))", at: cursor)
        }
        return TOMLValue(result)
    }

    /// `Z`, `z` or `±HH:MM` (RFC 3339 §5.6 `time-offset`), in minutes.
    private mutating func parseOffset(at cursor: inout Int, end: Int, text: String) throws(TOMLError) -> Int {
        let byte = bytes[cursor]
        if byte | 0x20 == 0x7A {   // Z or z
            cursor += 1
            return 0
        }
        guard byte == Byte.plus || byte == Byte.minus,
              let hours = number(at: cursor + 1, digits: 2, end: end),
              separator(Byte.colon, at: cursor + 3, end: end),
              let minutes = number(at: cursor + 4, digits: 2, end: end) else {
            throw error("invalid date-time '\(text)': expected a UTC offset such as Z or +01:00", at: cursor)
        }
        guard hours <= 23, minutes <= 59 else {
            throw error("invalid date-time '\(text)': offset out of range (hours 00-23, minutes 00-59)", at: cursor)
        }
        let sign = byte == Byte.minus ? -1 : 1
        cursor += 6
        return sign * (hours * 60 + minutes)
    }

    /// Exactly `digits` decimal digits at `offset` (before `end`), as a number.
    private func number(at offset: Int, digits: Int, end: Int) -> Int? {
        guard offset + digits <= end else {
            return nil
        }
        var value = 0
        for step in 0..<digits {
            let byte = bytes[offset + step]
            guard Byte.isDigit(byte) else {
                return nil
            }
            value = value * 10 + Int(byte - Byte.zero)
        }
        return value
    }

    /// Whether `byte` is at `offset` (before `end`).
    private func separator(_ byte: UInt8, at offset: Int, end: Int) -> Bool {
        offset < end && bytes[offset] == byte
    }

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]
}
