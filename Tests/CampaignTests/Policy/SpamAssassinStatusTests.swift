// SpamAssassin.parseStatus: the X-Spam-Status header of `spamassassin -t`, folded or not.
import Campaign
import Testing

@Suite struct SpamAssassinStatusTests {
    @Test("a folded header with CRLF gives the score and every rule")
    func folded() {
        let report = "X-Spam-Checker-Version: SpamAssassin 4.0.1\r\nX-Spam-Level: \r\n"
            + "X-Spam-Status: No, score=0.7 required=5.0 tests=HTML_FONT_LOW_CONTRAST,\r\n"
            + "\tHTML_MESSAGE,NO_RECEIVED,NO_RELAYS autolearn=no autolearn_force=no\r\n\tversion=4.0.1\r\n"
            + "Subject: x\r\n\r\nX-Spam-Status: Yes, score=99 tests=FAKE\r\n"
        let score = SpamAssassin.parseStatus(report)
        #expect(score == SpamAssassin.Score(
            score: 0.7, rules: ["HTML_FONT_LOW_CONTRAST", "HTML_MESSAGE", "NO_RECEIVED", "NO_RELAYS"]))
    }

    @Test("tests=none, a negative score, and no header at all")
    func edgeCases() {
        #expect(SpamAssassin.parseStatus("X-Spam-Status: No, score=-0.1 required=5.0 tests=none\n\nbody\n")
            == SpamAssassin.Score(score: -0.1, rules: []))
        #expect(SpamAssassin.parseStatus("Subject: hi\n\nX-Spam-Status: Yes, score=9\n") == nil)
    }
}
