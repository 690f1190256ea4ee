// WireChecks: structural checks every built message must pass (CRLF only, lines within 998 octets).
import Foundation

/// Problems with a message's line structure, empty when it is well-formed for SMTP DATA.
enum WireChecks {
    /// Bare CR, bare LF, lines over 998 octets (RFC 5322 §2.1.1) and a missing final CRLF.
    static func problems(_ message: [UInt8]) -> [String] {
        var problems: [String] = []
        var lineStart = 0
        var index = 0
        var lineNumber = 1
        while index < message.count {
            let byte = message[index]
            if byte == 0x0D {
                if index + 1 < message.count && message[index + 1] == 0x0A {
                    if index - lineStart > 998 { problems.append("line \(lineNumber) is \(index - lineStart) octets") }
                    index += 2
                    lineStart = index
                    lineNumber += 1
                    continue
                }
                problems.append("bare CR on line \(lineNumber)")
            } else if byte == 0x0A {
                problems.append("bare LF on line \(lineNumber)")
            } else if byte == 0 {
                problems.append("NUL on line \(lineNumber)")
            }
            index += 1
        }
        if lineStart != message.count { problems.append("no final CRLF") }
        return problems
    }

    /// Header lines (up to the first blank line) longer than `limit` characters.
    static func longHeaderLines(_ message: [UInt8], limit: Int = 78) -> [String] {
        let text = String(decoding: message, as: UTF8.self)
        var long: [String] = []
        for line in text.components(separatedBy: "\r\n") {
            if line.isEmpty { break }
            if line.utf8.count > limit { long.append(line) }
        }
        return long
    }

    /// The header section's field names in order (continuation lines skipped).
    static func headerNames(_ message: [UInt8]) -> [String] {
        let text = String(decoding: message, as: UTF8.self)
        var names: [String] = []
        for line in text.components(separatedBy: "\r\n") {
            if line.isEmpty { break }
            if line.first == " " || line.first == "\t" { continue }
            names.append(String(line.prefix { $0 != ":" }))
        }
        return names
    }
}
