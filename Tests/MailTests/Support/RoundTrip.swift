// RoundTrip: builds a message, checks its line structure and parses it with Python (policy.strict).
import Mail
import Testing

enum RoundTrip {
    /// The header names the builder writes for `message`, in order.
    static func expectedHeaderNames(_ message: OutgoingMessage) -> [String] {
        var names = ["Date", "From"]
        if !message.to.isEmpty { names.append("To") }
        if !message.cc.isEmpty { names.append("Cc") }
        if message.replyTo != nil { names.append("Reply-To") }
        if message.subject.contains(where: { !$0.isWhitespace }) { names.append("Subject") }
        names.append("Message-ID")
        names += message.headers.map(\.name)
        names += ["MIME-Version", "Content-Type"]
        let singlePart = message.attachments.isEmpty && message.inlineImages.isEmpty
            && (message.html == nil || (message.text == nil && !message.generatesTextFromHTML))
        if singlePart { names.append("Content-Transfer-Encoding") }
        return names
    }

    /// Builds `message`, checks CRLF-only lines within 998 octets and header lines within 78 characters,
    /// parses it with Python and checks there are no defects and exactly the intended header fields.
    static func check(
        _ message: OutgoingMessage, seed: UInt64 = 42, allowLongHeaderLines: Bool = false,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> (bytes: [UInt8], parsed: ParsedEmail) {
        let bytes = try MIMEBuilder.build(message, boundarySeed: seed)
        #expect(WireChecks.problems(bytes) == [], sourceLocation: sourceLocation)
        if !allowLongHeaderLines {
            #expect(WireChecks.longHeaderLines(bytes) == [], sourceLocation: sourceLocation)
        }
        let parsed = try PythonEmail.parse(bytes)
        #expect(parsed.error == nil, sourceLocation: sourceLocation)
        #expect(parsed.defects == [], sourceLocation: sourceLocation)
        #expect(parsed.headerNames == expectedHeaderNames(message), sourceLocation: sourceLocation)
        if let text = message.text {
            #expect(parsed.text("text/plain") == Samples.expectedText(text), sourceLocation: sourceLocation)
        }
        if let html = message.html {
            #expect(parsed.text("text/html") == Samples.expectedText(html), sourceLocation: sourceLocation)
        }
        return (bytes, parsed)
    }
}
