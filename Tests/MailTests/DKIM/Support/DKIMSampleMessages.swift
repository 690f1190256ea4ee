// DKIMSampleMessages: wire-format messages covering the body and header shapes DKIM signing must survive.
import Foundation

/// Sample messages (CRLF line ends, before dot-stuffing), built from lines so the tests stay readable.
enum DKIMSampleMessages {
    /// `lines` joined with CRLF, each line ended by CRLF.
    static func crlf(_ lines: [String]) -> String {
        lines.map { $0 + "\r\n" }.joined()
    }

    /// A bulk-mail header section (without the empty line that ends it).
    static func header(
        contentType: String = "text/plain; charset=utf-8", encoding: String = "7bit", extra: [String] = []
    ) -> String {
        crlf(
            [
                "From: \"Example News\" <news@example.com>",
                "To: Alice Example <alice@example.org>",
                "Subject: Your November newsletter",
                "Date: Tue, 14 Nov 2023 22:13:20 +0000",
                "Message-ID: <20231114221320.abc123@example.com>",
                "MIME-Version: 1.0",
                "Content-Type: \(contentType)",
                "Content-Transfer-Encoding: \(encoding)",
                "Reply-To: support@example.com",
                "List-Unsubscribe: <https://example.com/unsubscribe/abc123>,",
                " <mailto:unsubscribe@example.com?subject=abc123>",
                "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
            ] + extra)
    }

    static func message(header: String = header(), body: [UInt8]) -> [UInt8] {
        Array(header.utf8) + [0x0D, 0x0A] + body
    }

    static func message(header: String = header(), body: String) -> [UInt8] {
        message(header: header, body: Array(body.utf8))
    }

    static let cjkText = "你好，世界。这是一封测试邮件。\n日本語のテキストも含まれています。\n한국어 문장도 있습니다.\n"

    /// Named messages, one per shape the signer must get right.
    static var all: [(name: String, bytes: [UInt8])] {
        [
            ("plain", message(body: crlf(["Hello Alice,", "", "This is the newsletter.", "-- ", "Example News"]))),
            ("leading dots", message(body: crlf([".", "..", ".hidden line", "...", ". space", "end"]))),
            ("trailing blank lines", message(body: crlf(["text", "", "", ""]))),
            ("trailing whitespace", message(body: crlf(["line one   ", "line\t two\t", " \t ", "  indented  end"]))),
            (
                "CJK 8bit",
                message(
                    header: header(encoding: "8bit"), body: cjkText.replacingOccurrences(of: "\n", with: "\r\n"))
            ),
            ("CJK base64", message(header: header(encoding: "base64"), body: base64Lines(Array(cjkText.utf8)))),
            (
                "CJK quoted-printable",
                message(
                    header: header(encoding: "quoted-printable"), body: quotedPrintable(Array(cjkText.utf8)))
            ),
            (
                "8-bit Latin-1",
                message(
                    header: header(contentType: "text/plain; charset=iso-8859-1", encoding: "8bit"),
                    body: Array("Caf".utf8) + [0xE9, 0x20, 0xE0, 0x0D, 0x0A] + Array(0x80...0xFF) + [0x0D, 0x0A])
            ),
            (
                "long lines",
                message(
                    body: crlf([String(repeating: "x", count: 998), String(repeating: "word ", count: 199)]))
            ),
            ("multipart attachment", multipart()),
            ("empty body", message(body: "")),
            ("body of empty lines", message(body: "\r\n\r\n\r\n")),
            ("whitespace-only body", message(body: crlf(["   ", "\t"]))),
            ("no final CRLF", message(body: "last line without CRLF")),
            ("header only, no empty line", Array(header().utf8)),
            (
                "folded and odd headers",
                message(
                    header: crlf([
                        "FROM: news@example.com",
                        "Subject: folded",
                        "\tover   three",
                        "    lines  ",
                        "to: a@example.org",
                        "To: b@example.org",
                        "Date: Tue, 14 Nov 2023 22:13:20 +0000",
                        "X-Unsigned: \t spaces\t",
                        "Subject: =?UTF-8?B?5L2g5aW9?=",
                    ]),
                    body: "ok\r\n")
            ),
        ]
    }

    /// A multipart/mixed message with a text part and a base64 attachment (RFC 2046 §5.1).
    static func multipart() -> [UInt8] {
        let attachment = (0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 3) }
        let body =
            crlf([
                "This is a multi-part message in MIME format.",
                "",
                "--b1_edm_boundary",
                "Content-Type: text/plain; charset=utf-8",
                "Content-Transfer-Encoding: 8bit",
                "",
                "See the attached report. 報告書を添付します。",
                "",
                "--b1_edm_boundary",
                "Content-Type: application/pdf; name=\"report.pdf\"",
                "Content-Transfer-Encoding: base64",
                "Content-Disposition: attachment; filename=\"report.pdf\"",
                "",
            ]) + base64Lines(attachment) + crlf(["--b1_edm_boundary--"])
        return message(header: header(contentType: "multipart/mixed; boundary=\"b1_edm_boundary\""), body: body)
    }

    /// RFC 2045 §6.8 base64 in 76-character lines.
    static func base64Lines(_ bytes: [UInt8]) -> String {
        let options: Data.Base64EncodingOptions = [
            .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
        ]
        return Data(bytes).base64EncodedString(options: options) + "\r\n"
    }

    /// RFC 2045 §6.7 quoted-printable of text with LF line ends, lines kept under 76 characters.
    static func quotedPrintable(_ bytes: [UInt8]) -> String {
        var out = ""
        var line = ""
        for byte in bytes {
            if byte == 0x0A {
                out += line + "\r\n"
                line = ""
                continue
            }
            let piece =
                (33...126).contains(byte) && byte != 0x3D
                ? String(UnicodeScalar(byte)) : String(format: "=%02X", byte)
            if line.count + piece.count > 75 {
                out += line + "=\r\n"
                line = ""
            }
            line += piece
        }
        return out + line + (line.isEmpty ? "" : "\r\n")
    }
}
