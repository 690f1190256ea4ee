// MailboxTests: display-name forms accepted by AddressParser.parseMailbox (RFC 5322 §3.4).
import Mail
import Testing

@Suite struct MailboxTests {
    static let forms: [(String, String?, String)] = [
        ("zhang@example.com", nil, "zhang@example.com"),
        ("<zhang@example.com>", nil, "zhang@example.com"),
        ("Zhang Wei <zhang@example.com>", "Zhang Wei", "zhang@example.com"),
        ("  \"Smith, John\"   <j@x.com>  ", "Smith, John", "j@x.com"),
        ("\"A \\\"q\\\" B\" <a@b.com>", "A \"q\" B", "a@b.com"),
        ("Smith, John <j@x.com>", "Smith, John", "j@x.com"),
        ("\"\" <a@b.com>", nil, "a@b.com"),
        ("a@b.com (Alice Liddell)", "Alice Liddell", "a@b.com"),
        ("张伟 <zhang@例子.广告>", "张伟", "zhang@xn--fsqu00a.xn--4rr70v"),
        ("\"<weird>\" <a@b.com>", "<weird>", "a@b.com"),
        ("Tab\tName <a@b.com>", "Tab\tName", "a@b.com"),
        ("\"x<y\"@example.com", nil, "\"x<y\"@example.com"),
    ]

    @Test("mailbox forms", arguments: forms.indices)
    func form(_ index: Int) throws {
        let (text, name, address) = Self.forms[index]
        let mailbox = try AddressParser.parseMailbox(text)
        #expect(mailbox.displayName == name)
        #expect(mailbox.address.wireForm == address)
    }

    @Test("malformed mailboxes fail with a code")
    func malformed() {
        let cases: [(String, String)] = [
            ("Name <a@b.com", "invalid-mailbox"),
            ("Name a@b.com>", "invalid-mailbox"),
            ("\"Name <a@b.com>", "unterminated-quoted-string"),
            ("Name <bad>", "missing-at"),
            ("Name <>", "empty"),
            ("", "empty"),
            ("Name\r\nBcc: victim@example.net <a@b.com>", "control-character"),
            ("Name <a@b.com>\r\nBcc: victim@example.net", "control-character"),
            ("Name\0 <a@b.com>", "control-character"),
        ]
        for (text, code) in cases {
            do {
                _ = try AddressParser.parseMailbox(text)
                Issue.record("\(text.debugDescription) accepted")
            } catch {
                #expect(error.code == code, "\(text.debugDescription): \(error)")
            }
        }
    }

    @Test("an empty display name is none")
    func emptyName() throws {
        let address = try AddressParser.parse("a@b.com")
        #expect(Mailbox(displayName: "", address: address).displayName == nil)
        #expect(Mailbox(displayName: "Ann", address: address).description == "Ann <a@b.com>")
    }
}
