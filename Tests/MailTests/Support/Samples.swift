// Samples: message builders and expected-text helpers shared by the MIME tests.
import Mail

enum Samples {
    static let date = "Tue, 01 Jul 2025 10:52:37 +0800"
    static let messageID = "<20250701105237.42@mail.example.com>"

    static func mailbox(_ text: String) -> Mailbox {
        try! AddressParser.parseMailbox(text)
    }

    static func mailbox(name: String?, _ address: String) -> Mailbox {
        Mailbox(displayName: name, address: try! AddressParser.parse(address))
    }

    static func message(
        subject: String = "Hello", from: Mailbox = mailbox("Sender <sender@example.com>"),
        to: [Mailbox] = [mailbox("rcpt@example.org")], text: String? = "Hi there.\n", html: String? = nil,
        headers: [HeaderField] = [], attachments: [Attachment] = [], inlineImages: [InlineImage] = []
    ) -> OutgoingMessage {
        OutgoingMessage(
            from: from, to: to, subject: subject, date: date, messageID: messageID, headers: headers,
            text: text, html: html, attachments: attachments, inlineImages: inlineImages)
    }

    /// The text Python should decode for a body given as `input`: LF line ends and a final line break.
    static func expectedText(_ input: String) -> String {
        var text = input.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
        return text
    }

    /// Deterministic pseudo-random bytes for attachments.
    static func bytes(_ count: Int, seed: UInt64 = 7) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
    }

    /// A 1×1 transparent PNG.
    static let png: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
        0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
        0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
        0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
        0x42, 0x60, 0x82,
    ]
}
