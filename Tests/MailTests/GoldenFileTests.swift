// GoldenFileTests: one fixed message compared byte for byte with Fixtures/mime/full-message.eml.
import Foundation
import Mail
import Testing

@Suite struct GoldenFileTests {
    static let goldenPath = PythonEmail.fixtures.appendingPathComponent("mime/full-message.eml").path

    /// A message exercising every part of the builder, with a fixed date, Message-ID and boundary seed.
    static func message() throws -> OutgoingMessage {
        let zone = try #require(TimeZone(secondsFromGMT: 8 * 3600))
        return OutgoingMessage(
            from: try AddressParser.parseMailbox("张伟 <zhang.wei@example.com>"),
            to: [try AddressParser.parseMailbox("\"Smith, John\" <john@例子.广告>")],
            replyTo: try AddressParser.parseMailbox("Support <support@example.com>"),
            subject: "季度报告 Q2 — your quarterly report is ready 📈",
            date: RFC5322Date.format(Date(timeIntervalSince1970: 1_751_338_357), timeZone: zone),
            messageID: "<golden.1@mail.example.com>",
            headers: [
                HeaderField(name: "List-Unsubscribe", value: "<https://example.com/u/1>, <mailto:u@example.com>"),
                HeaderField(name: "List-Unsubscribe-Post", value: "List-Unsubscribe=One-Click"),
            ],
            text: "Hello John,\n\nYour report is attached. Café = café.\n.\nFrom the team\n",
            html: "<h1>Hello John</h1><p>Your report is <a href=\"https://example.com/r\">online</a>.</p>"
                + "<p><img src=\"cid:logo@example.com\" alt=\"Logo\"></p>",
            attachments: [try Attachment(filename: "季度报告.pdf", data: Array("%PDF-1.4 fake".utf8))],
            inlineImages: [try InlineImage(contentID: "logo@example.com", filename: "logo.png", data: Samples.png)])
    }

    @Test("the full message matches the golden file byte for byte")
    func golden() throws {
        let bytes = try MIMEBuilder.build(try Self.message(), boundarySeed: 2025)
        if ProcessInfo.processInfo.environment["EDM_UPDATE_GOLDEN"] == "1" {
            try Data(bytes).write(to: URL(fileURLWithPath: Self.goldenPath))
        }
        let expected = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.goldenPath)))
        if bytes != expected {
            Issue.record("differs from \(Self.goldenPath): \(Self.firstDifference(bytes, expected))")
        }
        // The golden message itself is valid: no defects, exact round trip.
        _ = try RoundTrip.check(try Self.message(), seed: 2025)
    }

    /// The first differing line of two messages, with CR and LF made visible.
    static func firstDifference(_ actual: [UInt8], _ expected: [UInt8]) -> String {
        func lines(_ bytes: [UInt8]) -> [String] {
            String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.replacingOccurrences(of: "\r", with: "␍") + "␊" }
        }
        let (got, want) = (lines(actual), lines(expected))
        for index in 0..<max(got.count, want.count) {
            let left = index < got.count ? got[index] : "<end>"
            let right = index < want.count ? want[index] : "<end>"
            if left != right {
                return "line \(index + 1): got \(left.debugDescription), expected \(right.debugDescription)"
            }
        }
        return "same lines, different bytes"
    }
}
