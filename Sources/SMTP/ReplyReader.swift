// ReplyReader: reads complete SMTP replies from a ByteStream, however the bytes are split, within bounds.

/// Buffers bytes from the server and cuts them into replies (RFC 5321 §4.2). Replies may arrive split
/// across reads or several in one read (pipelining, RFC 2920); each line is bounded, as is each reply,
/// so a hostile server cannot make the client buffer without limit (Go's sticky ErrTooLongLine).
struct ReplyReader {
    /// Longest accepted reply line, CRLF excluded. RFC 5321 §4.5.3.1.5 allows 512; servers send longer text.
    static let maximumLineLength = 8192
    /// Most lines in one reply (an EHLO reply has a few dozen at most).
    static let maximumLines = 256
    /// Most bytes in one reply.
    static let maximumReplySize = 64 * 1024
    private static let readSize = 16 * 1024

    private var buffer: [UInt8] = []
    /// The read timeout to set before the next read from the stream (see `readReply`).
    private var pendingTimeout: Duration?
    /// Index of the first unconsumed byte in `buffer`.
    private var start = 0
    /// Bytes before this index (and after `start`) are known to contain no LF.
    private var scanned = 0

    /// Reads one complete reply, returning it with its lines exactly as received (for transcripts).
    /// - Parameter timeout: set on the stream before it is read; not set when the reply is already buffered
    ///   (a pipelined group's replies usually arrive together), which spares a system call per reply.
    mutating func readReply(from stream: any ByteStream, timeout: Duration? = nil) throws(SMTPError) -> (Reply, [String]) {
        pendingTimeout = timeout
        var code: ReplyCode?
        var lines: [String] = []
        var rawLines: [String] = []
        var size = 0
        while true {
            let line = try readLine(from: stream)
            size += line.count + 2
            guard size <= Self.maximumReplySize, lines.count < Self.maximumLines else {
                throw SMTPError(.malformedReply(
                    "reply longer than \(Self.maximumLines) lines or \(Self.maximumReplySize) bytes"))
            }
            let display = String(escapingForDisplay: line)
            // RFC 5321 §4.2: Reply-line = *( Reply-code "-" [ textstring ] CRLF ) Reply-code [ SP textstring ] CRLF
            guard line.count >= 3, line.prefix(3).allSatisfy({ (0x30...0x39).contains($0) }),
                  let value = Int(String(decoding: line.prefix(3), as: UTF8.self)), let lineCode = ReplyCode(value)
            else {
                throw SMTPError(.malformedReply("not a reply line: \"\(String(display.prefix(80)))\""))
            }
            if let code, code != lineCode {
                throw SMTPError(.malformedReply("reply lines carry different codes (\(code) and \(lineCode))"))
            }
            code = lineCode
            let separator = line.count > 3 ? line[line.startIndex + 3] : UInt8(ascii: " ")
            guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else {
                throw SMTPError(.malformedReply("not a reply line: \"\(String(display.prefix(80)))\""))
            }
            lines.append(String(escapingForDisplay: line.dropFirst(4)))
            rawLines.append(display)
            if separator == UInt8(ascii: " ") {
                return (Reply(code: lineCode, lines: lines), rawLines)
            }
        }
    }

    /// RFC 3207 §4.2 / CVE-2011-0411: bytes the server sent after its 220 reply to STARTTLS were sent in
    /// plaintext and could have been injected by an attacker; they must never be read as post-TLS replies.
    /// Returns how many bytes were dropped.
    mutating func discardBuffered() -> Int {
        let count = buffer.count - start
        buffer.removeAll(keepingCapacity: true)
        start = 0
        scanned = 0
        return count
    }

    /// One line without its line end. LF ends a line; a CR before it is dropped (lenient, as Go's textproto).
    private mutating func readLine(from stream: any ByteStream) throws(SMTPError) -> ArraySlice<UInt8> {
        while true {
            if let newline = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > start && buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                guard end - start <= Self.maximumLineLength else { throw Self.lineTooLong() }
                let line = buffer[start..<end]
                start = newline + 1
                scanned = start
                return line
            }
            scanned = buffer.count
            guard buffer.count - start <= Self.maximumLineLength + 1 else { throw Self.lineTooLong() }
            if start > 0 && start >= buffer.count / 2 {
                buffer.removeFirst(start)
                scanned -= start
                start = 0
            }
            if let timeout = pendingTimeout {
                try stream.setReadTimeout(timeout)
                pendingTimeout = nil
            }
            let bytes = try stream.read(upTo: Self.readSize)
            guard !bytes.isEmpty else { throw SMTPError(.connectionClosed) }
            buffer.append(contentsOf: bytes)
        }
    }

    private static func lineTooLong() -> SMTPError {
        SMTPError(.malformedReply("reply line longer than \(maximumLineLength) bytes"))
    }
}
