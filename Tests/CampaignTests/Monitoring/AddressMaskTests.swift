// AddressMask and FailureReply: what logs, summaries and metrics may show of addresses and replies.
import Campaign
import Testing

@Suite struct AddressMaskTests {
    let mask = AddressMask(enabled: true)

    @Test("a key keeps its first character and domain; off leaves it as it is")
    func keys() {
        #expect(mask.key("alice@example.com") == "a***@example.com")
        #expect(mask.key("bob.smith+tag@sub.example.org") == "b***@sub.example.org")
        #expect(mask.key("李雷@例子.中国") == "李***@例子.中国")
        #expect(AddressMask(enabled: false).key("alice@example.com") == "alice@example.com")
    }

    @Test("an invalid row's text is hidden whole, since it may be most of an address")
    func invalidKeys() {
        #expect(mask.key("invalid:12:alice.example.com") == "invalid:12:***")
        #expect(mask.key("invalid:12:alice@@example.com") == "invalid:12:***")
    }

    @Test("addresses inside reply text are masked; an @ without a local part is left alone")
    func texts() {
        #expect(mask.text("550 5.1.1 <bob@example.com>: Recipient address rejected")
            == "550 5.1.1 <b***@example.com>: Recipient address rejected")
        #expect(mask.text("to a@x.org and carol@y.org") == "to a***@x.org and c***@y.org")
        #expect(mask.text("the address has no '@'") == "the address has no '@'")
    }

    @Test("failure replies group by code, enhanced code and text without addresses or long numbers")
    func failureReplies() {
        #expect(FailureReply.normalise(code: 550, enhanced: "5.1.1", text: "5.1.1 <bob@example.com>: no such user")
            == "550 5.1.1 <address> no such user")
        #expect(FailureReply.normalise(code: 451, enhanced: "4.3.0", text: "4.3.0 queue 8A3F1234567 busy")
            == FailureReply.normalise(code: 451, enhanced: "4.3.0", text: "4.3.0 queue 8A3F7654321 busy"))
        #expect(FailureReply.normalise(code: nil, enhanced: nil, text: nil) == "no reply")
        let long = FailureReply.normalise(code: 554, enhanced: nil, text: String(repeating: "word ", count: 40))
        #expect(long.count <= 4 + FailureReply.maxTextLength + 1)
    }
}
