// SafetyGuard: each guard trips just over its threshold, once the sample is large enough, and not just under.
import Campaign
import Foundation
import Testing

@Suite struct SafetyGuardTests {
    static func outcome(_ state: JournalState, code: Int? = nil, enhanced: String? = nil, relay: String? = "r:25") -> RunEvent {
        RunEvent(.outcome, key: "x@example.com", domain: "example.com", state: state, relay: relay, code: code,
                 enhancedStatus: enhanced)
    }
    static let accepted = outcome(.accepted, code: 250, enhanced: "2.0.0")
    static let hardBounce = outcome(.failed, code: 550, enhanced: "5.1.1")
    static let block = outcome(.failed, code: 550, enhanced: "5.7.26")
    static let deferral = outcome(.deferred, code: 452, enhanced: "4.2.2")
    static let noRelay = outcome(.deferred, relay: nil)

    static func feed(_ safetyGuard: SafetyGuard, _ events: [RunEvent]) { events.forEach { safetyGuard.record($0) } }

    @Test("hard bounces: 3 of 20 (15%) over a 10% limit trips; 2 of 20 does not")
    func hardBounceRate() {
        let settings = GuardSettings(maxHardBounceRate: 0.1, window: 20, minSample: 20)
        let under = SafetyGuard(settings: settings)
        Self.feed(under, Array(repeating: Self.accepted, count: 18) + [Self.hardBounce, Self.hardBounce])
        #expect(under.tripped == nil)
        let over = SafetyGuard(settings: settings)
        Self.feed(over, [Self.hardBounce, Self.hardBounce, Self.hardBounce] + Array(repeating: Self.accepted, count: 16))
        #expect(over.tripped == nil, "19 attempts is under min_sample")
        over.record(Self.accepted)
        #expect(over.tripped?.name == "hard-bounce-rate")
        #expect(over.tripped?.detail.contains("3 of the last 20 attempts (15.0%)") == true)
    }

    @Test("the window slides: old bounces leave it, so a clean stretch never trips")
    func windowSlides() {
        let safetyGuard = SafetyGuard(settings: GuardSettings(maxHardBounceRate: 0.1, window: 10, minSample: 10))
        Self.feed(safetyGuard, [Self.hardBounce] + Array(repeating: Self.accepted, count: 9))
        Self.feed(safetyGuard, Array(repeating: Self.accepted, count: 100))
        Self.feed(safetyGuard, [Self.hardBounce])
        #expect(safetyGuard.tripped == nil, "1 in 10 is not over 10%")
        Self.feed(safetyGuard, [Self.hardBounce])
        #expect(safetyGuard.tripped?.name == "hard-bounce-rate")
    }

    @Test("policy blocks (5.7.x, and a bare 554) count against max_block_rate, not the bounce rate")
    func blockRate() {
        let settings = GuardSettings(maxHardBounceRate: 0.5, maxBlockRate: 0.1, window: 10, minSample: 10)
        let safetyGuard = SafetyGuard(settings: settings)
        Self.feed(safetyGuard, [Self.block, Self.outcome(.failed, code: 554)] + Array(repeating: Self.accepted, count: 8))
        #expect(safetyGuard.tripped?.name == "block-rate")
        let under = SafetyGuard(settings: settings)
        Self.feed(under, [Self.block] + Array(repeating: Self.accepted, count: 9))
        #expect(under.tripped == nil)
    }

    @Test("deferrals over max_deferral_rate trip; intents and skips are not attempts")
    func deferralRate() {
        let safetyGuard = SafetyGuard(settings: GuardSettings(maxDeferralRate: 0.5, window: 10, minSample: 10))
        let skip = RunEvent(.skip, key: "x@example.com", domain: "example.com", state: .suppressed)
        Self.feed(safetyGuard, Array(repeating: skip, count: 50) + Array(repeating: Self.accepted, count: 5)
            + Array(repeating: Self.deferral, count: 5))
        #expect(safetyGuard.tripped == nil, "5 of 10 is not over 50%")
        Self.feed(safetyGuard, [Self.deferral])
        #expect(safetyGuard.tripped?.name == "deferral-rate")
    }

    @Test("consecutive connection failures trip regardless of min_sample; one reply resets the count")
    func connectionFailures() {
        let safetyGuard = SafetyGuard(settings: GuardSettings(
            maxDeferralRate: 1, window: 1000, minSample: 1000, maxConnectionFailures: 3))
        Self.feed(safetyGuard, [Self.noRelay, Self.noRelay, Self.deferral, Self.noRelay, Self.noRelay])
        #expect(safetyGuard.tripped == nil)
        Self.feed(safetyGuard, [Self.noRelay])
        #expect(safetyGuard.tripped?.name == "connection-failures")
    }
}
