// EventLogLine: JSON lines parse as JSON with the documented fields; text lines stay one line; masking applies.
import Campaign
import Foundation
import Testing

@Suite struct EventLogLineTests {
    static let event = RunEvent(
        .outcome, key: "bob@example.com", domain: "example.com", state: .failed, relay: "mx.example.net:25",
        code: 550, enhancedStatus: "5.1.1", reply: "5.1.1 <bob@example.com>: no\u{0}such\u{1B}[31m user\n\"x\"",
        attempt: 2, duration: 0.0125, time: Date(timeIntervalSince1970: 1_800_000_000.25))

    @Test("a JSON line is one valid object with time, level, event, recipient, relay, code, enhanced, text, attempt, duration_ms")
    func jsonLine() throws {
        let line = EventLogLine(format: .json, mask: AddressMask(enabled: false), campaignID: "c1").line(Self.event)
        #expect(line.hasSuffix("\n"))
        #expect(line.dropLast().contains("\n") == false)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["time"] as? String == "2027-01-15T08:00:00.250Z")
        #expect(object["level"] as? String == "warning")
        #expect(object["event"] as? String == "failed")
        #expect(object["campaign"] as? String == "c1")
        #expect(object["recipient"] as? String == "bob@example.com")
        #expect(object["relay"] as? String == "mx.example.net:25")
        #expect(object["code"] as? Int == 550)
        #expect(object["enhanced"] as? String == "5.1.1")
        #expect(object["text"] as? String == "5.1.1 <bob@example.com>: no\u{0}such\u{1B}[31m user\n\"x\"")
        #expect(object["attempt"] as? Int == 2)
        #expect(object["duration_ms"] as? Int == 13)
    }

    @Test("privacy.mask_addresses masks the recipient and addresses in the text")
    func masked() throws {
        let line = EventLogLine(format: .json, mask: AddressMask(enabled: true), campaignID: "c1").line(Self.event)
        #expect(!line.contains("bob@"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["recipient"] as? String == "b***@example.com")
        let text = EventLogLine(format: .text, mask: AddressMask(enabled: true), campaignID: "c1").line(Self.event)
        #expect(!text.contains("bob@"))
    }

    @Test("a text line keeps control characters visible and stays one line")
    func textLine() {
        let line = EventLogLine(format: .text, mask: AddressMask(enabled: false), campaignID: "c1").line(Self.event)
        #expect(line == "2027-01-15T08:00:00.250Z failed bob@example.com relay=mx.example.net:25 attempt=2 13ms: "
            + "550 5.1.1 <bob@example.com>: no\\u{0}such\\u{1b}[31m user\\u{a}\"x\"\n")
    }
}
