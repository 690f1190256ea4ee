// DeliverySchedulerTests: global, relay and per-domain limits; parent-domain matching; adaptive slow-down.
@testable import Campaign
import Foundation
import Synchronization
import Testing

@Suite struct DeliverySchedulerTests {
    static func rate(_ text: String) -> RateLimit? { RateLimit(parsing: text) }

    static func throttle(
        _ global: String? = nil, domains: [DomainThrottle] = []
    ) -> ThrottleSettings {
        ThrottleSettings(rate: global.flatMap(rate), maxConnections: 4, domains: domains)
    }

    static func domain(_ name: String, _ rate: String? = nil, max: Int? = nil) -> DomainThrottle {
        DomainThrottle(domain: name, rate: rate.flatMap(Self.rate), maxConnections: max)
    }

    /// Starts (and at once finishes) as many transactions to `domain` as allowed at each 1 ms step.
    static func run(
        _ scheduler: DeliveryScheduler, clock: ManualClock, seconds: Double, domain: String, relay: String? = nil
    ) -> Int {
        var started = 0
        let end = clock.now() + seconds
        while clock.now() < end - 0.0005 {
            while case .proceed(let permit) = scheduler.tryStart(domain: domain, relay: relay) {
                started += 1
                scheduler.finish(permit)
            }
            clock.advance(by: 0.001)
        }
        return started
    }

    @Test("global 200/s over 10 s of manual time is met within ±5%")
    func globalRate() {
        let clock = ManualClock()
        let scheduler = DeliveryScheduler(throttle: Self.throttle("200/s"), clock: clock)
        let started = Self.run(scheduler, clock: clock, seconds: 10, domain: "example.com")
        #expect(abs(Double(started) - 2000) / 2000 < 0.05, "\(started)")
        #expect(started <= 2001 + 100)
    }

    @Test("a domain rate holds for that domain only; the wait names it")
    func domainRate() throws {
        let clock = ManualClock()
        let scheduler = DeliveryScheduler(
            throttle: Self.throttle(domains: [Self.domain("qq.com", "5/s")]), clock: clock)
        #expect(Self.run(scheduler, clock: clock, seconds: 10, domain: "qq.com") == 50)
        let permit = try #require(Self.permit(scheduler.tryStart(domain: "qq.com", relay: nil)))
        scheduler.finish(permit)
        guard case .wait(let seconds, let reason) = scheduler.tryStart(domain: "qq.com", relay: nil) else {
            Issue.record("expected a wait")
            return
        }
        #expect(reason == .domainRate)
        #expect(seconds > 0 && seconds <= 0.2)
        for _ in 0..<1000 {
            #expect(Self.permit(scheduler.tryStart(domain: "example.com", relay: nil)) != nil)
        }
    }

    @Test("entries match case-insensitively, cover subdomains on label boundaries, most specific wins",
          arguments: [
              ("qq.com", "qq.com"), ("QQ.COM", "qq.com"), ("mx1.QQ.com.", "qq.com"), ("a.b.qq.com", "qq.com"),
              ("user@Mail.QQ.com", "qq.com"), ("vip.qq.com", "vip.qq.com"), ("x.VIP.qq.com", "vip.qq.com"),
              ("fooqq.com", "fooqq.com"), ("qq.com.cn", "qq.com.cn"), ("com", "com"),
          ])
    func parentDomainMatching(domain: String, expectedKey: String) throws {
        let scheduler = DeliveryScheduler(
            throttle: Self.throttle(domains: [Self.domain("QQ.com", "5/s"), Self.domain("vip.qq.com", "1/s")]),
            clock: ManualClock())
        let permit = try #require(Self.permit(scheduler.tryStart(domain: domain, relay: nil)))
        #expect(permit.domainKey == expectedKey)
        #expect(scheduler.inFlight(domain: domain) == 1)
    }

    @Test("subdomains share their entry's rate")
    func sharedEntry() {
        let clock = ManualClock()
        let scheduler = DeliveryScheduler(
            throttle: Self.throttle(domains: [Self.domain("qq.com", "1/min")]), clock: clock)
        #expect(Self.permit(scheduler.tryStart(domain: "a.qq.com", relay: nil)) != nil)
        #expect(Self.isWait(scheduler.tryStart(domain: "b.qq.com", relay: nil), seconds: 60, reason: .domainRate))
    }

    @Test("max_connections caps concurrent transactions; finish frees a slot once")
    func domainConcurrency() throws {
        let scheduler = DeliveryScheduler(
            throttle: Self.throttle(domains: [Self.domain("example.org", max: 2)]), clock: ManualClock())
        let first = try #require(Self.permit(scheduler.tryStart(domain: "example.org", relay: "r1")))
        let second = try #require(Self.permit(scheduler.tryStart(domain: "mx.example.org", relay: "r1")))
        #expect(scheduler.tryStart(domain: "example.org", relay: "r1") == .saturated(.domainConcurrency))
        #expect(Self.permit(scheduler.tryStart(domain: "example.net", relay: "r1")) != nil)
        #expect(scheduler.inFlight(domain: "example.org") == 2)
        #expect(scheduler.inFlight(relay: "r1") == 3)
        scheduler.finish(first)
        scheduler.finish(first)
        #expect(scheduler.inFlight(domain: "example.org") == 1)
        let third = try #require(Self.permit(scheduler.tryStart(domain: "example.org", relay: "r1")))
        #expect(scheduler.tryStart(domain: "example.org", relay: "r1") == .saturated(.domainConcurrency))
        scheduler.finish(second)
        scheduler.finish(third)
        #expect(scheduler.inFlight(domain: "example.org") == 0)
    }

    @Test("tokens are taken from every limit or from none")
    func allOrNothing() {
        let clock = ManualClock()
        let scheduler = DeliveryScheduler(
            throttle: Self.throttle("1/s", domains: [Self.domain("a.com", "1/min")]), clock: clock)
        #expect(Self.permit(scheduler.tryStart(domain: "a.com", relay: nil)) != nil)
        clock.advance(by: 1)
        #expect(Self.isWait(scheduler.tryStart(domain: "a.com", relay: nil), seconds: 59, reason: .domainRate))
        // The global token refused to a.com is still there for b.com.
        #expect(Self.permit(scheduler.tryStart(domain: "b.com", relay: nil)) != nil)
        #expect(Self.isWait(scheduler.tryStart(domain: "b.com", relay: nil), seconds: 1, reason: .globalRate))
    }

    @Test("relay rates apply per relay")
    func relayRates() throws {
        let clock = ManualClock()
        let scheduler = DeliveryScheduler(
            throttle: Self.throttle(), relayRates: ["r1:587": try #require(Self.rate("10/s"))], clock: clock)
        #expect(Self.run(scheduler, clock: clock, seconds: 10, domain: "example.com", relay: "r1:587") == 100)
        _ = Self.permit(scheduler.tryStart(domain: "example.com", relay: "r1:587"))
        guard case .wait(_, .relayRate) = scheduler.tryStart(domain: "example.com", relay: "r1:587") else {
            Issue.record("expected a relay-rate wait")
            return
        }
        #expect(Self.permit(scheduler.tryStart(domain: "example.com", relay: "r2:587")) != nil)
        #expect(scheduler.currentRate(relay: "r1:587") == 10)
        #expect(scheduler.currentRate(relay: "r2:587") == nil)
    }

    @Test("a 421 or 4.7.x halves the domain's rate for 5 minutes, then it recovers")
    func adaptiveDomain() {
        let clock = ManualClock()
        let scheduler = DeliveryScheduler(
            throttle: Self.throttle(domains: [Self.domain("qq.com", "100/s")]), clock: clock)
        #expect(!scheduler.note(replyCode: 250, enhanced: "2.0.0", domain: "qq.com", relay: nil))
        #expect(!scheduler.note(replyCode: 450, enhanced: "4.2.1", domain: "qq.com", relay: nil))
        #expect(scheduler.currentRate(domain: "qq.com") == 100)
        #expect(scheduler.note(replyCode: 451, enhanced: "4.7.1", domain: "MX.qq.com", relay: nil))
        #expect(scheduler.currentRate(domain: "qq.com") == 50)
        let during = Self.run(scheduler, clock: clock, seconds: 100, domain: "qq.com")
        #expect(abs(during - 5000) <= 2, "\(during)")
        clock.advance(by: 201)
        #expect(scheduler.currentRate(domain: "qq.com") == 100)
    }

    @Test("a 421 from a relay halves that relay's rate only")
    func adaptiveRelay() throws {
        let clock = ManualClock()
        let scheduler = DeliveryScheduler(
            throttle: Self.throttle(),
            relayRates: ["a": try #require(Self.rate("20/s")), "b": try #require(Self.rate("20/s"))],
            cooldown: 60, clock: clock)
        #expect(scheduler.note(replyCode: 421, enhanced: nil, domain: nil, relay: "a"))
        #expect(scheduler.currentRate(relay: "a") == 10)
        #expect(scheduler.currentRate(relay: "b") == 20)
        clock.advance(by: 60)
        #expect(scheduler.currentRate(relay: "a") == 20)
    }

    @Test("a domain without a rate gets half the global rate for the cooldown")
    func adaptiveFallbackRate() {
        let clock = ManualClock()
        let scheduler = DeliveryScheduler(throttle: Self.throttle("100/s"), clock: clock)
        #expect(scheduler.currentRate(domain: "gmail.com") == nil)
        scheduler.note(replyCode: 421, enhanced: "4.7.0", domain: "gmail.com", relay: nil)
        #expect(scheduler.currentRate(domain: "gmail.com") == 50)
        #expect(scheduler.currentRate(domain: "yahoo.com") == nil)
        clock.advance(by: DeliveryScheduler.defaultCooldown)
        #expect(scheduler.currentRate(domain: "gmail.com") == nil)
    }

    @Test("with no rate anywhere, a slow-down halves the domain's transactions in flight")
    func adaptiveFallbackConcurrency() throws {
        let clock = ManualClock()
        let scheduler = DeliveryScheduler(throttle: Self.throttle(), clock: clock)
        var permits: [DeliveryPermit] = []
        for _ in 0..<4 { permits.append(try #require(Self.permit(scheduler.tryStart(domain: "x.com", relay: nil)))) }
        scheduler.note(replyCode: 451, enhanced: "4.7.1", domain: "x.com", relay: nil)
        #expect(scheduler.concurrencyLimit(domain: "x.com") == 2)
        #expect(scheduler.tryStart(domain: "x.com", relay: nil) == .saturated(.domainConcurrency))
        for permit in permits.prefix(3) { scheduler.finish(permit) }
        #expect(Self.permit(scheduler.tryStart(domain: "x.com", relay: nil)) != nil)
        #expect(scheduler.tryStart(domain: "x.com", relay: nil) == .saturated(.domainConcurrency))
        clock.advance(by: 300)
        #expect(scheduler.concurrencyLimit(domain: "x.com") == nil)
        #expect(Self.permit(scheduler.tryStart(domain: "x.com", relay: nil)) != nil)
    }

    @Test("concurrent workers never exceed a domain's max_connections")
    func concurrentWorkers() {
        let scheduler = DeliveryScheduler(
            throttle: Self.throttle(domains: [Self.domain("example.com", max: 3)]), clock: ManualClock())
        let inFlight = Atomic<Int>(0)
        let peak = Atomic<Int>(0)
        let started = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<2000 {
                guard case .proceed(let permit) = scheduler.tryStart(domain: "example.com", relay: "r") else {
                    continue
                }
                let now = inFlight.add(1, ordering: .sequentiallyConsistent).newValue
                peak.max(now, ordering: .sequentiallyConsistent)
                started.add(1, ordering: .relaxed)
                inFlight.subtract(1, ordering: .sequentiallyConsistent)
                scheduler.finish(permit)
            }
        }
        #expect(peak.load(ordering: .relaxed) <= 3)
        #expect(started.load(ordering: .relaxed) > 0)
        #expect(scheduler.inFlight(domain: "example.com") == 0)
        #expect(scheduler.inFlight(relay: "r") == 0)
    }

    static func isWait(_ decision: SchedulingDecision, seconds: Double, reason: SchedulingDecision.Reason) -> Bool {
        guard case .wait(let actual, let actualReason) = decision else { return false }
        return abs(actual - seconds) < 1e-6 && actualReason == reason
    }

    static func permit(_ decision: SchedulingDecision) -> DeliveryPermit? {
        if case .proceed(let permit) = decision { permit } else { nil }
    }
}
