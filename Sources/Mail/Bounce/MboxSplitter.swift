// MboxSplitter: splits an mbox file into messages (RFC 4155 §2: "From " separator lines; mboxrd quoting).

/// Splits mbox data. A line starting `From ` is a separator when it is the first line or follows a blank
/// line (RFC 4155 §2: each message ends with an empty line); `>From ` quoting (mboxrd) is undone.
public enum MboxSplitter {
    /// Whether `bytes` start like an mbox file.
    public static func isMbox(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.starts(with: fromPrefix)
    }

    static let fromPrefix: [UInt8] = Array("From ".utf8)

    /// The messages in `bytes`, each without its separator line, with the 1-based line it starts on.
    public static func split(_ bytes: [UInt8]) -> [(line: Int, message: [UInt8])] {
        var messages: [(Int, [UInt8])] = []
        var current: [UInt8] = []
        var currentLine = 0
        var lineNumber = 0
        var previousBlank = true
        var index = 0
        var inMessage = false
        while index < bytes.count {
            let lineEnd = bytes[index...].firstIndex(of: 0x0A) ?? bytes.count
            let next = lineEnd < bytes.count ? lineEnd + 1 : lineEnd
            lineNumber += 1
            let line = bytes[index..<next]
            if previousBlank, line.starts(with: fromPrefix) {
                if inMessage { messages.append((currentLine, trimmedEnd(current))) }
                current = []
                currentLine = lineNumber + 1
                inMessage = true
            } else if inMessage {
                // mboxrd: ">From ", ">>From ", ... lose one ">".
                var quoted = line.startIndex
                while quoted < line.endIndex, line[quoted] == 0x3E { quoted += 1 }
                if quoted > line.startIndex, line[quoted...].starts(with: fromPrefix) {
                    current.append(contentsOf: line.dropFirst())
                } else {
                    current.append(contentsOf: line)
                }
            }
            let content = bytes[index..<lineEnd]
            previousBlank = content.isEmpty || content.elementsEqual([0x0D])
            index = next
        }
        if inMessage { messages.append((currentLine, trimmedEnd(current))) }
        return messages
    }

    /// The message without the blank line that separated it from the next "From " line.
    private static func trimmedEnd(_ bytes: [UInt8]) -> [UInt8] {
        if bytes.suffix(4).elementsEqual([0x0D, 0x0A, 0x0D, 0x0A]) { return Array(bytes.dropLast(2)) }
        if bytes.suffix(2).elementsEqual([0x0A, 0x0A]) { return Array(bytes.dropLast()) }
        return bytes
    }
}
