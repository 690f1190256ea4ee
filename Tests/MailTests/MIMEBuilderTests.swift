// MIMEBuilderTests: validation of envelope-independent headers, structure rules and encoded output shape.
import Foundation
import Mail
import Testing

@Suite struct MIMEBuilderTests {
    static func build(_ message: OutgoingMessage) throws -> String {
        let bytes = try MIMEBuilder.build(message, boundarySeed: 3)
        #expect(WireChecks.problems(bytes) == [])
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("Message-ID must be <id-left@id-right>; brackets are added when missing")
    func messageIDs() throws {
        var message = Samples.message()
        for (given, written) in [("<a.b@c.d>", "<a.b@c.d>"), ("a@b", "<a@b>"), (" <x@[10.0.0.1]> ", "<x@[10.0.0.1]>")] {
            message.messageID = given
            #expect(try Self.build(message).contains("\r\nMessage-ID: \(written)\r\n"))
        }
        for bad in ["<a b@c>", "<@c>", "<a@>", "<a@b", "<a..b@c>", "abc", "<a@b@>", "<中@文>", ""] {
            message.messageID = bad
            #expect(throws: MIMEError(.invalidMessageID(bad))) { try MIMEBuilder.build(message, boundarySeed: 1) }
        }
    }

    @Test("Date must be an RFC 5322 date-time")
    func dates() {
        var message = Samples.message()
        for bad in ["", "yesterday", "2025-07-01T10:52:37Z", "Tue, 32 Jul 2025 10:52:37 +0800",
                    "Tue, 01 Jul 2025 25:00:00 +0800", "Tue, 01 Jul 2025 10:52:37 CEST",
                    "Xyz, 01 Jul 2025 10:52 +0000"] {
            message.date = bad
            #expect(throws: MIMEError(.invalidDate(bad))) { try MIMEBuilder.build(message, boundarySeed: 1) }
        }
        #expect(RFC5322Date.isValid("1 Jul 2025 10:52 -0000"))
        #expect(RFC5322Date.isValid("Tue, 01 Jul 2025 10:52:37 +0800"))
    }

    @Test("a message needs a recipient; inline images need HTML; Content-IDs are unique")
    func structureRules() throws {
        var message = Samples.message(to: [])
        #expect(throws: MIMEError(.noRecipients)) { try MIMEBuilder.build(message, boundarySeed: 1) }
        message.cc = [Samples.mailbox("cc@example.com")]
        #expect(try Self.build(message).contains("\r\nCc: cc@example.com\r\n"))
        let image = try InlineImage(contentID: "a@b", filename: "a.png", data: [1])
        message = Samples.message(text: "x", inlineImages: [image])
        #expect(throws: MIMEError(.inlineImagesWithoutHTML)) { try MIMEBuilder.build(message, boundarySeed: 1) }
        message = Samples.message(html: "<img src=cid:a@b>", inlineImages: [image, image])
        #expect(throws: MIMEError(.duplicateContentID("a@b"))) { try MIMEBuilder.build(message, boundarySeed: 1) }
    }

    @Test("attachment content types: given (validated, lower-cased) or guessed from the extension")
    func contentTypes() throws {
        #expect(try Attachment(filename: "r.PDF", data: []).contentType == "application/pdf")
        #expect(try Attachment(filename: "noext", data: []).contentType == "application/octet-stream")
        #expect(try Attachment(filename: "x.png", contentType: "Image/PNG", data: []).contentType == "image/png")
        #expect(try InlineImage(contentID: "<i>", filename: "p.jpeg", data: []).contentType == "image/jpeg")
        for bad in ["pdf", "application/", "/pdf", "text/plain; charset=utf-8", "a b/c"] {
            #expect(throws: MIMEError(.invalidContentType(bad))) {
                try Attachment(filename: "x", contentType: bad, data: [])
            }
        }
        #expect(throws: MIMEError(.emptyFilename)) { try Attachment(filename: "", data: []) }
    }

    @Test("quoted-printable: =, trailing whitespace and From escaped; lines at most 76; UTF-8 kept whole")
    func quotedPrintableShape() throws {
        var text = "a=b \nFrom x\n"
        for offset in 70..<76 {
            text += String(repeating: "x", count: offset) + "é" + String(repeating: "y", count: 90) + "\n"
        }
        let raw = try Self.build(Samples.message(text: text))
        #expect(raw.contains("Content-Transfer-Encoding: quoted-printable"))
        let body = raw[(raw.range(of: "\r\n\r\n")?.upperBound ?? raw.startIndex)...]
        #expect(body.hasPrefix("a=3Db=20\r\n=46rom x\r\n"))
        for line in body.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 76)
            // A soft break never falls inside an escaped UTF-8 sequence for é (=C3=A9).
            #expect(!line.hasSuffix("=C3="), "\(line)")
        }
    }

    @Test("base64 bodies use 76-character lines")
    func base64Shape() throws {
        let raw = try Self.build(Samples.message(text: String(repeating: "中文内容", count: 200)))
        #expect(raw.contains("Content-Transfer-Encoding: base64"))
        let body = raw[(raw.range(of: "\r\n\r\n")?.upperBound ?? raw.startIndex)...]
        let lines = body.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.dropLast().allSatisfy { $0.utf8.count == 76 })
        let decoded = Data(base64Encoded: lines.joined()).map { String(decoding: $0, as: UTF8.self) }
        #expect(decoded == String(repeating: "中文内容", count: 200) + "\r\n")
    }

    @Test("plain ASCII text with CRLF line ends is copied as 7bit")
    func sevenBit() throws {
        let raw = try Self.build(Samples.message(text: "Line one\r\nLine two\r\n"))
        #expect(raw.hasSuffix("Content-Transfer-Encoding: 7bit\r\n\r\nLine one\r\nLine two\r\n"))
    }

    @Test("a body line of exactly 998 octets is 7bit, 999 is quoted-printable")
    func sevenBitLineLimit() throws {
        let at = try Self.build(Samples.message(text: String(repeating: "a", count: 998)))
        #expect(at.contains("Content-Transfer-Encoding: 7bit"))
        let over = try Self.build(Samples.message(text: String(repeating: "a", count: 999)))
        #expect(over.contains("Content-Transfer-Encoding: quoted-printable"))
    }
}
