// RFC5322DateTests: Date header formatting (RFC 5322 §3.3) without Calendar or locale.
import Foundation
import Mail
import Testing

@Suite struct RFC5322DateTests {
    @Test("formats in the given zone")
    func format() throws {
        let utc = try #require(TimeZone(identifier: "UTC"))
        #expect(RFC5322Date.format(Date(timeIntervalSince1970: 0), timeZone: utc) == "Thu, 01 Jan 1970 00:00:00 +0000")
        let plus2 = try #require(TimeZone(secondsFromGMT: 7200))
        #expect(RFC5322Date.format(Date(timeIntervalSince1970: 1_057_049_557), timeZone: plus2)
            == "Tue, 01 Jul 2003 10:52:37 +0200")
        let india = try #require(TimeZone(secondsFromGMT: 19_800))
        #expect(RFC5322Date.format(Date(timeIntervalSince1970: 951_782_400.9), timeZone: india)
            == "Tue, 29 Feb 2000 05:30:00 +0530")
        #expect(RFC5322Date.format(secondsSince1970: -1, offsetSeconds: -12_600) == "Wed, 31 Dec 1969 20:29:59 -0330")
        #expect(RFC5322Date.format(secondsSince1970: 4_102_444_800, offsetSeconds: 0)
            == "Fri, 01 Jan 2100 00:00:00 +0000")
    }

    @Test("formatted dates agree with Foundation's calendar for many instants")
    func agreesWithFoundation() throws {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        for zone in [0, 3600, -18_000, 34_200, 45_900] {
            let timeZone = try #require(TimeZone(secondsFromGMT: zone))
            formatter.timeZone = timeZone
            for step in 0..<200 {
                let date = Date(timeIntervalSince1970: Double(step) * 86_400 * 73.3 - 1_000_000_000)
                #expect(RFC5322Date.format(date, timeZone: timeZone) == formatter.string(from: date))
                #expect(RFC5322Date.isValid(RFC5322Date.format(date, timeZone: timeZone)))
            }
        }
    }

    @Test("accepts the modern date-time syntax and nothing else", arguments: [
        ("Tue, 01 Jul 2003 10:52:37 +0200", true),
        ("1 Jul 2003 10:52 -0330", true),
        ("  Tue,   1 Jul 2003 10:52:60 +0000  ", true),
        ("Tue, 31 Dec 1999 23:59:59 -1200", true),
        ("", false),
        ("Tue,", false),
        ("Tue 01 Jul 2003 10:52:37 +0200", false),
        ("Tuesday, 01 Jul 2003 10:52:37 +0200", false),
        ("Tue, 32 Jul 2003 10:52:37 +0200", false),
        ("Tue, 001 Jul 2003 10:52:37 +0200", false),
        ("Tue, 01 July 2003 10:52:37 +0200", false),
        ("Tue, 01 Jul 03 10:52:37 +0200", false),
        ("Tue, 01 Jul 1899 10:52:37 +0200", false),
        ("Tue, 01 Jul 2003 24:00:00 +0200", false),
        ("Tue, 01 Jul 2003 10:60:00 +0200", false),
        ("Tue, 01 Jul 2003 10:52:61 +0200", false),
        ("Tue, 01 Jul 2003 1:52:37 +0200", false),
        ("Tue, 01 Jul 2003 10:52:37 GMT", false),
        ("Tue, 01 Jul 2003 10:52:37 +02000", false),
        ("Tue, 01 Jul 2003 10:52:37 +0200 extra", false),
        ("Tue, 01 Jul 2003 10:52:37 +0200\r\nBcc: x@example.com", false),
        ("Tue, +1 Jul 2003 10:52:37 +0200", false),
    ])
    func validation(text: String, valid: Bool) {
        #expect(RFC5322Date.isValid(text) == valid)
    }
}
