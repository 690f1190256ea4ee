// FailureClassifierTests: transient versus permanent, "no such user" codes, and slow-down signals.
import Campaign
import Testing

@Suite struct FailureClassifierTests {
    @Test("4yz is transient, 5yz permanent, anything else is not a failure", arguments: [
        (421, FailureClass?.some(.transient)), (450, .transient), (451, .transient), (452, .transient),
        (550, .permanent), (553, .permanent), (554, .permanent), (250, nil), (354, nil), (0, nil), (600, nil),
    ])
    func replyClass(code: Int, expected: FailureClass?) {
        #expect(FailureClassifier.classify(replyCode: code, enhanced: nil) == expected)
    }

    @Test("a broken connection is transient before the final dot, uncertain after it")
    func connectionFailure() {
        #expect(FailureClassifier.classifyConnectionFailure(afterFinalDot: false) == .transient)
        #expect(FailureClassifier.classifyConnectionFailure(afterFinalDot: true) == .uncertain)
    }

    @Test("no-such-user: 5.1.1, 5.1.10, 5.1.2, 5.1.6 on a 5yz reply, nothing else", arguments: [
        (550, "5.1.1", true), (550, "5.1.10", true), (550, "5.1.2", true), (551, "5.1.6", true),
        (553, "5.1.1 <a@example.com>: recipient address rejected", true), (550, " 5.1.1", true),
        (550, "5.1.3", false), (550, "5.1.11", false), (550, "5.1.100", false), (550, "5.1.1000", false),
        (550, "5.7.1", false), (550, "5.2.2", false), (554, "5.0.0", false), (550, nil, false), (550, "", false),
        (450, "4.1.1", false), (550, "4.1.1", false), (250, "2.1.1", false), (550, "5.1", false),
        (550, "5.1.1.1", false), (550, "user unknown", false),
    ] as [(Int, String?, Bool)])
    func noSuchUser(code: Int, enhanced: String?, expected: Bool) {
        #expect(FailureClassifier.isNoSuchUser(replyCode: code, enhanced: enhanced) == expected)
    }

    @Test("slow-down signals: 421, 4.7.x, 4.4.5", arguments: [
        (421, nil, true), (421, "4.7.0", true), (451, "4.7.1", true), (450, "4.7.28", true), (452, "4.4.5", true),
        (451, "4.3.0", false), (450, "4.2.1", false), (452, "4.5.3", false), (451, nil, false),
        (451, "5.7.1", false), (550, "5.7.1", false), (554, nil, false), (250, nil, false),
    ] as [(Int, String?, Bool)])
    func throttleSignal(code: Int, enhanced: String?, expected: Bool) {
        #expect(FailureClassifier.isThrottleSignal(replyCode: code, enhanced: enhanced) == expected)
    }
}
