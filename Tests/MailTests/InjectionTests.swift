// InjectionTests: CR, LF, CRLF and NUL in any header-bound value are refused or encoded, so the parsed
// message always has exactly the intended header fields (design invariant 3).
import Mail
import Testing

@Suite struct InjectionTests {
    static let controls = ["\r", "\n", "\r\n", "\0", "\u{85}", "\u{2028}", "\u{2029}", "\u{1B}"]
    static let payload = "Bcc: victim@example.net"

    static func expectControlError(_ code: String = "control-character", _ build: () throws -> Void,
                                   sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            try build()
            Issue.record("accepted", sourceLocation: sourceLocation)
        } catch let error as MIMEError {
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test("display names", arguments: controls)
    func displayNames(_ control: String) throws {
        let evil = Samples.mailbox(name: "Evil\(control)\(Self.payload)", "evil@example.com")
        var message = Samples.message(from: evil)
        Self.expectControlError { _ = try MIMEBuilder.build(message, boundarySeed: 1) }
        message = Samples.message(to: [Samples.mailbox("ok@example.org"), evil])
        Self.expectControlError { _ = try MIMEBuilder.build(message, boundarySeed: 1) }
        message = Samples.message()
        message.cc = [evil]
        Self.expectControlError { _ = try MIMEBuilder.build(message, boundarySeed: 1) }
        message = Samples.message()
        message.replyTo = evil
        Self.expectControlError { _ = try MIMEBuilder.build(message, boundarySeed: 1) }
    }

    @Test("subject", arguments: controls)
    func subject(_ control: String) {
        let message = Samples.message(subject: "Hello\(control)\(Self.payload)")
        Self.expectControlError { _ = try MIMEBuilder.build(message, boundarySeed: 1) }
        Self.expectControlError { _ = try RFC2047.encodeHeaderValue("x\(control)y", fieldName: "Subject") }
    }

    @Test("custom header values and names", arguments: controls)
    func customHeaders(_ control: String) {
        let value = Samples.message(headers: [HeaderField(name: "X-Tag", value: "a\(control)\(Self.payload)")])
        Self.expectControlError { _ = try MIMEBuilder.build(value, boundarySeed: 1) }
        let name = Samples.message(headers: [HeaderField(name: "X-Tag\(control)Bcc", value: "v")])
        Self.expectControlError("invalid-header-name") { _ = try MIMEBuilder.build(name, boundarySeed: 1) }
    }

    @Test("attachment and inline image names and Content-IDs", arguments: controls)
    func attachmentNames(_ control: String) {
        Self.expectControlError { _ = try Attachment(filename: "a\(control)b.pdf", data: [1]) }
        Self.expectControlError { _ = try InlineImage(contentID: "logo@x", filename: "a\(control).png", data: [1]) }
        Self.expectControlError("invalid-content-id") {
            _ = try InlineImage(contentID: "logo\(control)@x", filename: "a.png", data: [1])
        }
        Self.expectControlError("invalid-content-type") {
            _ = try Attachment(filename: "a.pdf", contentType: "application/pdf\(control)X-A: b", data: [1])
        }
    }

    @Test("Message-ID and Date", arguments: controls)
    func messageIDAndDate(_ control: String) {
        var message = Samples.message()
        message.messageID = "<a\(control)b@example.com>"
        Self.expectControlError("invalid-message-id") { _ = try MIMEBuilder.build(message, boundarySeed: 1) }
        message = Samples.message()
        message.date = Samples.date + control + Self.payload
        Self.expectControlError("invalid-date") { _ = try MIMEBuilder.build(message, boundarySeed: 1) }
    }

    @Test("headers hidden in bodies stay in the body")
    func bodies() throws {
        for control in ["\r\n", "\n", "\r", "\r\n\r\n"] {
            let body = "Hello\(control)\(Self.payload)\(control)X-Evil: 1\(control)"
            let message = Samples.message(text: body, html: "<p>\(body)</p>")
            let (_, parsed) = try RoundTrip.check(message)
            #expect(parsed.headerNames == RoundTrip.expectedHeaderNames(message))
        }
    }

    @Test("tabs are whitespace in subjects and custom values, not an injection")
    func tabs() throws {
        let message = Samples.message(subject: "a\tb", headers: [HeaderField(name: "X-T", value: "c\td")])
        let (_, parsed) = try RoundTrip.check(message)
        #expect(parsed.header("Subject") == "a\tb")
        #expect(parsed.header("X-T") == "c\td")
    }

    @Test("reserved and malformed header names are refused")
    func reservedNames() {
        for name in ["From", "to", "BCC", "Subject", "Content-Type", "content-transfer-encoding", "MIME-Version",
                     "Message-ID", "Date", "Reply-To", "Sender"] {
            let message = Samples.message(headers: [HeaderField(name: name, value: "x")])
            Self.expectControlError("reserved-header-name") { _ = try MIMEBuilder.build(message, boundarySeed: 1) }
        }
        for name in ["", "X Tag", "X:Tag", "X-Tâg"] {
            let message = Samples.message(headers: [HeaderField(name: name, value: "x")])
            Self.expectControlError("invalid-header-name") { _ = try MIMEBuilder.build(message, boundarySeed: 1) }
        }
    }
}
