// SuppressionLine: splits one line of a suppression list into its fields, working on bytes for speed.

/// The fields of one list line. A million-line list must load in well under a second, so lines are
/// scanned as UTF-8 bytes and only the entry itself becomes a `String` in the common case.
public enum SuppressionLine {
    private static let quote: UInt8 = 0x22
    private static let comma: UInt8 = 0x2C
    private static let hash: UInt8 = 0x23
    private static let space: UInt8 = 0x20
    private static let tab: UInt8 = 0x09
    private static let carriageReturn: UInt8 = 0x0D

    /// The trimmed fields of `line` (`entry`, then optional `reason`, `date`), or nil for a blank or comment
    /// line. A `#` at the start, or after a space or tab outside quotes, starts a comment.
    /// - Parameter maxFields: more fields than this is an error (lists have three; imports may have more).
    public static func fields(_ line: ArraySlice<UInt8>,
        maxFields: Int = 3) -> Result<[String], SuppressionLineError>? {
        let (start, end) = trim(line, line.startIndex, line.endIndex)
        if start == end || line[start] == hash { return nil }
        // Fast path: one bare entry (most lines of a large list).
        var simple = true
        for byte in line[start..<end] where byte == quote || byte == comma || byte == hash {
            simple = false
            break
        }
        if simple { return .success([String(decoding: line[start..<end], as: UTF8.self)]) }
        return split(line[start..<end], maxFields: maxFields)
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == space || byte == tab || byte == carriageReturn }

    private static func trim(_ bytes: ArraySlice<UInt8>, _ from: Int, _ to: Int) -> (Int, Int) {
        var start = from, end = to
        while start < end, isBlank(bytes[start]) { start += 1 }
        while end > start, isBlank(bytes[end - 1]) { end -= 1 }
        return (start, end)
    }

    /// RFC 4180 quoting within one line: `"a ""b"", c"` is one field. Unquoted fields are sliced, not copied.
    private static func split(_ bytes: ArraySlice<UInt8>, maxFields: Int) -> Result<[String], SuppressionLineError>? {
        var fields: [String] = []
        var index = bytes.startIndex
        let end = bytes.endIndex
        var commentStarted = false
        while true {
            while index < end, isBlank(bytes[index]) { index += 1 }
            if index < end, bytes[index] == quote {
                var text: [UInt8] = []
                index += 1
                var closed = false
                while index < end {
                    if bytes[index] == quote {
                        if index + 1 < end, bytes[index + 1] == quote {
                            text.append(quote)
                            index += 2
                            continue
                        }
                        closed = true
                        index += 1
                        break
                    }
                    text.append(bytes[index])
                    index += 1
                }
                guard closed else { return .failure(SuppressionLineError("a quoted field is not closed on this line")) }
                while index < end, isBlank(bytes[index]) { index += 1 }
                if index < end, bytes[index] != comma {
                    if bytes[index] == hash, isBlank(bytes[index - 1]) {
                        commentStarted = true
                    } else {
                        return .failure(SuppressionLineError("text after a closing quote; quote the whole field"))
                    }
                }
                fields.append(String(decoding: text, as: UTF8.self))
            } else {
                let start = index
                while index < end, bytes[index] != comma {
                    if bytes[index] == quote {
                        return .failure(SuppressionLineError("a quote (\") may only start a field"))
                    }
                    if bytes[index] == hash, index == start || isBlank(bytes[index - 1]) {
                        commentStarted = true
                        break
                    }
                    index += 1
                }
                let (from, to) = trim(bytes, start, index)
                fields.append(String(decoding: bytes[from..<to], as: UTF8.self))
            }
            if commentStarted || index >= end { break }
            index += 1      // past the comma
        }
        if fields.count == 1, fields[0].isEmpty { return nil }
        guard fields.count <= maxFields else {
            return .failure(SuppressionLineError("expected entry,reason,date but found \(fields.count) fields"))
        }
        return .success(fields)
    }
}
