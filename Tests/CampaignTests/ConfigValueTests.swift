// Tests of the small value syntaxes of the campaign file: durations and rates.
import Campaign
import Testing

@Suite struct ConfigValueTests {
    @Test("durations parse with units and combinations", arguments: [
        ("250ms", 0.25), ("30s", 30), ("5m", 300), ("5min", 300), ("2h", 7200), ("3d", 259_200), ("1h30m", 5400),
    ])
    func durations(text: String, seconds: Double) {
        #expect(ConfigDuration(parsing: text)?.seconds == seconds)
    }

    @Test("durations without units or with unknown units are refused", arguments: ["5", "", "s", "5 parsecs", "-5s", "5s5"])
    func badDurations(text: String) {
        #expect(ConfigDuration(parsing: text) == nil)
    }

    @Test("rates parse per second, minute, hour and day", arguments: [
        ("50/s", 50.0), ("3000/min", 50), ("10000/h", 10000.0 / 3600), ("200000/day", 200_000.0 / 86400),
    ])
    func rates(text: String, perSecond: Double) {
        #expect(RateLimit(parsing: text)?.perSecond == perSecond)
    }

    @Test("bad rates are refused", arguments: ["50", "0/s", "-1/s", "5/week", "a/s", "5/s/s"])
    func badRates(text: String) {
        #expect(RateLimit(parsing: text) == nil)
    }
}
