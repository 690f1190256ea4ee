// EmailRoundTripTests: built messages parse with Python's email package (policy.strict) without defects
// and decode back exactly to the input.
import Foundation
import Mail
import Testing

@Suite struct EmailRoundTripTests {
    // MARK: - Subjects and names

    @Test("Chinese subject and display names")
    func chineseSubjectAndNames() throws {
        let message = Samples.message(
            subject: "你好，世界 — 2025 年第二季度报告",
            from: Samples.mailbox("张伟 <zhang@example.com>"),
            to: [Samples.mailbox("李娜 <li@例子.广告>")])
        let (bytes, parsed) = try RoundTrip.check(message)
        #expect(parsed.header("Subject") == message.subject)
        #expect(parsed.addresses["From"]?.first?.name == "张伟")
        #expect(parsed.addresses["To"]?.first?.name == "李娜")
        #expect(parsed.addresses["To"]?.first?.address == "li@xn--fsqu00a.xn--4rr70v")
        #expect(!String(decoding: bytes, as: UTF8.self).contains("例子"))
    }

    @Test("emoji subject and name, including ZWJ sequences, flags and skin tones")
    func emojiSubject() throws {
        let message = Samples.message(
            subject: "🎉🎉 Big sale 👨‍👩‍👧‍👦 today 🇨🇳🇫🇷 👍🏽 — don't miss it! 🎉",
            from: Samples.mailbox(name: "Emoji 😀 Fan", "fan@example.com"))
        let (_, parsed) = try RoundTrip.check(message)
        #expect(parsed.header("Subject") == message.subject)
        #expect(parsed.addresses["From"]?.first?.name == "Emoji 😀 Fan")
    }

    @Test("a 300-character Chinese subject folds into encoded-words of at most 75 characters")
    func longChineseSubject() throws {
        let sentence = "我们很高兴地通知您，您的订单已经发货，请注意查收。"
        let subject = String(String(repeating: sentence, count: 13).prefix(300))
        #expect(subject.count == 300)
        let message = Samples.message(subject: subject)
        let (bytes, parsed) = try RoundTrip.check(message)
        #expect(parsed.header("Subject") == subject)
        let raw = String(decoding: bytes, as: UTF8.self)
        for word in Self.encodedWords(raw) { #expect(word.count <= 75) }
    }

    @Test("ASCII and CJK words interleaved keep every space")
    func mixedSubject() throws {
        let subject = (0..<30).map { $0 % 3 == 0 ? "订单\($0)" : "order-\($0)" }.joined(separator: " ")
            + "  double  spaced\tand tabbed 结束"
        let (_, parsed) = try RoundTrip.check(Samples.message(subject: subject))
        #expect(parsed.header("Subject") == subject)
    }

    @Test("ASCII subjects are folded at whitespace, never encoded")
    func longASCIISubject() throws {
        let subject = (1...60).map { "word\($0)" }.joined(separator: " ")
        let (bytes, parsed) = try RoundTrip.check(Samples.message(subject: subject))
        #expect(parsed.header("Subject") == subject)
        #expect(!String(decoding: bytes, as: UTF8.self).contains("=?"))
    }

    @Test("ASCII that looks like an encoded-word is encoded so it reads literally")
    func lookalikeEncodedWord() throws {
        let subject = "Price =?utf-8?q?free?= today"
        let (_, parsed) = try RoundTrip.check(Samples.message(subject: subject))
        #expect(parsed.header("Subject") == subject)
    }

    @Test("an unbreakable 1,200-character word is encoded so no line passes 78")
    func unbreakableWord() throws {
        let subject = "see " + String(repeating: "x", count: 1200) + " now"
        let (_, parsed) = try RoundTrip.check(Samples.message(subject: subject))
        #expect(parsed.header("Subject") == subject)
    }

    @Test("leading and trailing whitespace in a subject is trimmed; an empty subject is omitted")
    func subjectTrimming() throws {
        let (_, parsed) = try RoundTrip.check(Samples.message(subject: "  padded \t"))
        #expect(parsed.header("Subject") == "padded")
        let (_, empty) = try RoundTrip.check(Samples.message(subject: "  "))
        #expect(empty.header("Subject") == nil)
    }

    @Test("display names: atoms, quoted strings and encoded-words as needed")
    func displayNames() throws {
        let names = [
            "Smith, John", "A \"quoted\" B", "O'Brien", "John  Smith", "Dr. Who", "back\\slash", "user@evil.com",
            "=?utf-8?q?x?=", "Zoë Saldaña", "Ünïcödé, Inc.", "<script>", "José (Sales)", "Tab\tSeparated",
        ]
        let recipients = names.enumerated().map { Samples.mailbox(name: $0.element, "r\($0.offset)@example.org") }
        let (_, parsed) = try RoundTrip.check(Samples.message(to: recipients))
        let decoded = parsed.addresses["To"] ?? []
        #expect(decoded.map(\.name) == names)
        #expect(decoded.map(\.address) == recipients.map(\.address.wireForm))
    }

    @Test("long non-ASCII display names decode exactly under RFC 2047 §6.2")
    func longDisplayName() throws {
        // Python's address parser keeps the space between adjacent encoded-words in a phrase (RFC 2047
        // §6.2 says to drop it), so a name needing several encoded-words is checked with the legacy
        // decoder, which follows the RFC. Names up to 15 CJK characters fit one encoded-word.
        let long = "北京某某科技有限公司市场营销部门的客户服务中心团队"
        let short = "北京某某科技有限公司市场部"
        let message = Samples.message(
            from: Samples.mailbox(name: long, "service@example.com"),
            to: [Samples.mailbox(name: short, "a@example.org")])
        let (_, parsed) = try RoundTrip.check(message)
        #expect(parsed.rawHeaders.first { $0.name == "From" }?.value == "\(long) <service@example.com>")
        #expect(parsed.addresses["To"]?.first?.name == short)
    }

    @Test("many recipients, Cc and Reply-To fold between mailboxes")
    func addressLists() throws {
        var message = Samples.message(
            to: (1...12).map { Samples.mailbox(name: "Recipient Number \($0)", "recipient\($0)@example.org") })
        message.cc = [Samples.mailbox("王芳 <wang@例子.广告>"), Samples.mailbox("plain@example.net")]
        message.replyTo = Samples.mailbox("\"Support, Team\" <support@example.com>")
        let (_, parsed) = try RoundTrip.check(message)
        #expect(parsed.addresses["To"]?.count == 12)
        #expect(parsed.addresses["To"]?.last?.name == "Recipient Number 12")
        #expect(parsed.addresses["Cc"]?.map(\.name) == ["王芳", ""])
        #expect(parsed.addresses["Reply-To"]?.first?.name == "Support, Team")
    }

    @Test("custom headers: structured ASCII kept, non-ASCII encoded")
    func customHeaders() throws {
        let headers = [
            HeaderField(name: "List-Unsubscribe", value: "<mailto:unsubscribe@example.com?subject=u-123>, "
                + "<https://example.com/unsubscribe?token=abcdefghijklmnopqrstuvwxyz0123456789>"),
            HeaderField(name: "List-Unsubscribe-Post", value: "List-Unsubscribe=One-Click"),
            HeaderField(name: "X-Campaign", value: "春季促销 2025"),
            HeaderField(name: "X-Long", value: (1...40).map { "token\($0)" }.joined(separator: " ")),
        ]
        let (_, parsed) = try RoundTrip.check(Samples.message(headers: headers))
        for field in headers { #expect(parsed.header(field.name) == field.value) }
    }

    // MARK: - Bodies

    @Test("text only: a single text/plain part in 7bit")
    func textOnly() throws {
        let (bytes, parsed) = try RoundTrip.check(Samples.message(text: "Plain body.\nSecond line.\n"))
        #expect(parsed.parts.map(\.contentType) == ["text/plain"])
        #expect(parsed.parts.first?.transferEncoding == "7bit")
        #expect(String(decoding: bytes, as: UTF8.self).hasSuffix("Plain body.\r\nSecond line.\r\n"))
    }

    @Test("HTML only: a text part is generated")
    func htmlOnly() throws {
        let html = "<html><head><title>T</title><style>p{color:red}</style></head><body>"
            + "<h1>Welcome</h1><p>Read <a href=\"https://example.com/news\">our news</a>.</p>"
            + "<ul><li>One</li><li>Two</li></ul></body></html>"
        let (_, parsed) = try RoundTrip.check(Samples.message(text: nil, html: html))
        #expect(parsed.parts.map(\.contentType) == ["multipart/alternative", "text/plain", "text/html"])
        #expect(parsed.text("text/plain")
            == "Welcome\n=======\n\nRead our news (https://example.com/news).\n\n- One\n- Two\n")
    }

    @Test("HTML only without a generated text part is a single text/html part")
    func htmlOnlyNoText() throws {
        var message = Samples.message(text: nil, html: "<p>x</p>")
        message.generatesTextFromHTML = false
        let (_, parsed) = try RoundTrip.check(message)
        #expect(parsed.parts.map(\.contentType) == ["text/html"])
    }

    @Test("5,000-character HTML lines are quoted-printable with 76-column lines")
    func longHTMLLines() throws {
        let cell = "<td style=\"padding:4px;font-family:Arial,sans-serif\">cell</td>"
        let line = String(String(repeating: cell, count: 100).prefix(5000))
        let html = "<table><tr>" + line + "</tr></table>\n" + line + "\n"
        let (bytes, parsed) = try RoundTrip.check(Samples.message(text: "See HTML.", html: html))
        #expect(parsed.leaves.first { $0.contentType == "text/html" }?.transferEncoding == "quoted-printable")
        let raw = String(decoding: bytes, as: UTF8.self)
        let body = raw[(raw.range(of: "\r\n\r\n")?.upperBound ?? raw.startIndex)...]
        for line in body.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 78) }
    }

    @Test("Chinese-heavy text is base64; Latin text with accents is quoted-printable")
    func encodingChoice() throws {
        let chinese = String(repeating: "这是一封测试邮件，用于检查编码选择。\n", count: 40)
        let (_, parsedChinese) = try RoundTrip.check(Samples.message(text: chinese, html: "<p>" + chinese + "</p>"))
        #expect(parsedChinese.leaves.map(\.transferEncoding) == ["base64", "base64"])
        let latin = String(repeating: "The café opened its à la carte menu today, with new desserts.\n", count: 20)
        let (_, parsedLatin) = try RoundTrip.check(Samples.message(text: latin))
        #expect(parsedLatin.leaves.first?.transferEncoding == "quoted-printable")
    }

    @Test("dots, From lines, bare CR/LF, trailing whitespace, =_ and long lines decode exactly")
    func bodyEdgeCases() throws {
        let bodies = [
            ".leading dot\n..two dots\n.\nend",
            "From the desk of the CEO\nFrom here on\n>From quoted\nFromage",
            "bare LF\nbare CR\rCRLF\r\nmixed\n\rend",
            "trailing spaces   \ntrailing tab\t\nboth \t \n",
            "boundary-like =_edm_0000000000000000_0 text\n--=_edm_0000000000000000_0\n",
            String(repeating: "long line ", count: 300),
            "tabs\tinside\tand = signs ==\n",
            "",
            "\n\n\n",
            "no final newline",
            "control \u{1} and DEL \u{7F} and NUL \u{0} bytes\n",
        ]
        for body in bodies {
            let (_, parsed) = try RoundTrip.check(Samples.message(text: body, html: "<pre>" + body + "</pre>"))
            #expect(parsed.text("text/plain") == Samples.expectedText(body), "\(body.debugDescription)")
        }
    }

    // MARK: - Attachments and inline images

    @Test("attachments with Chinese, long, quoted and look-alike names keep their names and bytes")
    func attachments() throws {
        let names = [
            "季度报告 2025.pdf", "非常长的中文文件名用于测试参数续行编码是否正确处理以及解码是否完全一致.xlsx",
            "my \"quoted\" file.txt", "=?utf-8?b?5Lit?=.bin", "emoji 🎉 photo.jpg",
            String(repeating: "long-ascii-name-", count: 8) + ".zip", "semi;colon, comma.csv",
        ]
        let attachments = try names.enumerated().map { index, name in
            try Attachment(filename: name, data: Samples.bytes(1000 + index * 777, seed: UInt64(index)))
        }
        let (_, parsed) = try RoundTrip.check(Samples.message(attachments: attachments))
        let files = parsed.leaves.filter { $0.disposition == "attachment" }
        #expect(files.map(\.filename) == names)
        #expect(files.map(\.data) == attachments.map(\.data))
        #expect(files.map(\.contentType) == [
            "application/pdf", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/plain",
            "application/octet-stream", "image/jpeg", "application/zip", "text/csv",
        ])
        #expect(parsed.parts.first?.contentType == "multipart/mixed")
    }

    @Test("inline images go in multipart/related with the HTML")
    func inlineImage() throws {
        let image = try InlineImage(contentID: "<logo@example.com>", filename: "logo.png", data: Samples.png)
        let message = Samples.message(
            text: "Logo above.", html: "<p><img src=\"cid:logo@example.com\" alt=\"Logo\"></p>", inlineImages: [image])
        let (_, parsed) = try RoundTrip.check(message)
        #expect(parsed.parts.map(\.contentType) == [
            "multipart/alternative", "text/plain", "multipart/related", "text/html", "image/png",
        ])
        let part = parsed.leaves.first { $0.contentType == "image/png" }
        #expect(part?.contentID == "<logo@example.com>")
        #expect(part?.disposition == "inline")
        #expect(part?.data == Samples.png)
    }

    @Test("everything together: mixed(alternative(text, related(html, image)), attachments)")
    func fullStructure() throws {
        let message = Samples.message(
            subject: "完整结构 full structure", text: "文本 text", html: "<p>HTML <img src=\"cid:a\"></p>",
            attachments: [try Attachment(filename: "数据.csv", data: Array("a,b\n1,2\n".utf8))],
            inlineImages: [try InlineImage(contentID: "a", filename: "a.gif", data: Samples.bytes(50))])
        let (bytes, parsed) = try RoundTrip.check(message)
        #expect(parsed.parts.map(\.contentType) == [
            "multipart/mixed", "multipart/alternative", "text/plain", "multipart/related", "text/html",
            "image/gif", "text/csv",
        ])
        // Each boundary delimits exactly its own parts.
        let raw = String(decoding: bytes, as: UTF8.self)
        for (level, parts) in [(0, 2), (1, 2), (2, 2)] {
            let boundary = "--=_edm_" + Self.boundaryHex(raw) + "_\(level)"
            #expect(raw.components(separatedBy: "\r\n" + boundary + "\r\n").count - 1 == parts)
            #expect(raw.contains("\r\n" + boundary + "--\r\n"))
        }
    }

    @Test("non-ASCII local parts are written in UTF-8 and flag SMTPUTF8")
    func smtpUTF8() throws {
        let message = Samples.message(to: [Samples.mailbox("用户 <用户@例子.广告>")])
        #expect(message.needsSMTPUTF8)
        #expect(!Samples.message().needsSMTPUTF8)
        let bytes = try MIMEBuilder.build(message, boundarySeed: 1)
        #expect(WireChecks.problems(bytes) == [])
        let parsed = try PythonEmail.parse(bytes)
        #expect(parsed.addresses["To"]?.first?.address == "用户@xn--fsqu00a.xn--4rr70v")
        // Python's parser predates RFC 6532 and reports raw UTF-8 in headers; nothing else may be wrong.
        #expect(parsed.defects.allSatisfy { $0.contains("NonASCIILocalPartDefect") || $0.contains("UndecodableBytes") })
    }

    @Test("same seed, same bytes; another seed, other boundaries")
    func determinism() throws {
        let message = Samples.message(text: "a", html: "<b>a</b>")
        let first = try MIMEBuilder.build(message, boundarySeed: 9)
        #expect(WireChecks.problems(first) == [])
        #expect(first == (try MIMEBuilder.build(message, boundarySeed: 9)))
        #expect(first != (try MIMEBuilder.build(message, boundarySeed: 10)))
    }

    // MARK: - Helpers

    static func encodedWords(_ text: String) -> [Substring] {
        text.split(whereSeparator: { $0 == " " || $0 == "\r\n" || $0 == "\n" })
            .filter { $0.hasPrefix("=?") && $0.hasSuffix("?=") }
    }

    static func boundaryHex(_ raw: String) -> String {
        guard let range = raw.range(of: "boundary=\"=_edm_") else { return "" }
        return String(raw[range.upperBound...].prefix(16))
    }
}
