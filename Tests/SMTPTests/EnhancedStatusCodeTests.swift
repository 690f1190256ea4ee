// EnhancedStatusCode: the RFC 3463 code at the start of a reply's text, parsed strictly.
import SMTP
import Testing

@Suite struct EnhancedStatusCodeTests {
    @Test("class.subject.detail at the start of the text", arguments: [
        ("5.1.1 no such user", "5.1.1"), ("2.0.0", "2.0.0"), ("4.7.123 slow down", "4.7.123"), ("4.2.2 full", "4.2.2"),
    ])
    func parses(text: String, expected: String) {
        #expect(EnhancedStatusCode(prefixOf: Substring(text))?.description == expected)
    }

    @Test("anything else is no code", arguments: [
        "", "ok", "3.1.1 bad class", "55.1.1 two-digit class", "5.1 two parts", "5.1.1.1 four parts", "5..1 empty",
        "5.1234.1 long subject", "5.1.1x trailing letter", ".1.1", "5.1.", "５.1.1 full-width digit",
    ])
    func rejects(text: String) {
        #expect(EnhancedStatusCode(prefixOf: Substring(text)) == nil)
    }
}
