// RelayHealthTests: cooldowns that grow and recover, half-open probes, weighted round-robin picking.
import Campaign
import Testing

@Suite struct RelayHealthTests {
    @Test("consecutive failures double the cooldown up to the cap")
    func cooldownGrowth() {
        let clock = ManualClock()
        let health = RelayHealth(baseCooldown: 10, maxCooldown: 60, clock: clock)
        var cooldowns: [Double] = []
        for _ in 0..<6 {
            let cooldown = health.recordFailure("a")
            cooldowns.append(cooldown)
            #expect(!health.isUsable("a"))
            #expect(health.status(of: "a") == .coolingDown(until: clock.now() + cooldown))
            clock.advance(by: cooldown)
            #expect(health.status(of: "a") == .probeAllowed)
        }
        #expect(cooldowns == [10, 20, 40, 60, 60, 60])
        #expect(health.consecutiveFailures(of: "a") == 6)
    }

    @Test("failures reported during a cooldown neither extend it nor count")
    func failuresWhileCooling() {
        let clock = ManualClock()
        let health = RelayHealth(baseCooldown: 10, clock: clock)
        #expect(health.recordFailure("a") == 10)
        clock.advance(by: 5)
        #expect(health.recordFailure("a") == 0)
        #expect(health.recordFailure("a") == 0)
        #expect(health.consecutiveFailures(of: "a") == 1)
        clock.advance(by: 5)
        #expect(health.isUsable("a"))
    }

    @Test("after the cooldown one probe goes out; success makes the relay healthy again")
    func halfOpenSuccess() {
        let clock = ManualClock()
        let health = RelayHealth(baseCooldown: 10, clock: clock)
        health.recordFailure("a")
        #expect(health.pickRelay(weights: ["a": 1]) == nil)
        clock.advance(by: 10)
        #expect(health.pickRelay(weights: ["a": 1]) == "a")
        #expect(health.status(of: "a") == .probing)
        #expect(health.pickRelay(weights: ["a": 1]) == nil)
        health.recordSuccess("a")
        #expect(health.status(of: "a") == .healthy)
        #expect(health.consecutiveFailures(of: "a") == 0)
        #expect(health.pickRelay(weights: ["a": 1]) == "a")
        #expect(health.pickRelay(weights: ["a": 1]) == "a")
        #expect(health.recordFailure("a") == 10)
    }

    @Test("a failed probe starts the next, longer cooldown; a lost probe is replaced after the timeout")
    func halfOpenFailureAndTimeout() {
        let clock = ManualClock()
        let health = RelayHealth(baseCooldown: 10, probeTimeout: 30, clock: clock)
        health.recordFailure("a")
        clock.advance(by: 10)
        #expect(health.pickRelay(weights: ["a": 1]) == "a")
        #expect(health.recordFailure("a") == 20)
        clock.advance(by: 20)
        #expect(health.pickRelay(weights: ["a": 1]) == "a")
        #expect(health.timeUntilUsable(["a"]) == 30)
        clock.advance(by: 29)
        #expect(health.pickRelay(weights: ["a": 1]) == nil)
        clock.advance(by: 1)
        #expect(health.pickRelay(weights: ["a": 1]) == "a")
    }

    @Test("weights 3:1 over 400 picks give 300 and 100, interleaved")
    func weightedDistribution() {
        let health = RelayHealth(clock: ManualClock())
        let weights = ["a": 3, "b": 1]
        let picks = (0..<400).compactMap { _ in health.pickRelay(weights: weights) }
        #expect(picks.count == 400)
        #expect(picks.filter { $0 == "a" }.count == 300)
        #expect(picks.filter { $0 == "b" }.count == 100)
        #expect(Array(picks.prefix(8)) == ["a", "a", "b", "a", "a", "a", "b", "a"])
    }

    @Test("weights 5:3:2 over 1000 picks are exact")
    func threeRelays() {
        let health = RelayHealth(clock: ManualClock())
        var counts: [String: Int] = [:]
        for _ in 0..<1000 {
            if let relay = health.pickRelay(weights: ["x": 5, "y": 3, "z": 2]) { counts[relay, default: 0] += 1 }
        }
        #expect(counts == ["x": 500, "y": 300, "z": 200])
    }

    @Test("a cooling relay's traffic moves to the others; none usable gives nil")
    func failover() {
        let clock = ManualClock()
        let health = RelayHealth(baseCooldown: 10, clock: clock)
        let weights = ["a": 3, "b": 1]
        health.recordFailure("a")
        #expect((0..<20).allSatisfy { _ in health.pickRelay(weights: weights) == "b" })
        health.recordFailure("b")
        #expect(health.pickRelay(weights: weights) == nil)
        #expect(health.timeUntilUsable(["a", "b"]) == 10)
        #expect(health.timeUntilUsable([]) == nil)
        #expect(health.pickRelay(weights: [:]) == nil)
        #expect(health.pickRelay(weights: ["c": 0]) == nil)
        clock.advance(by: 10)
        #expect(health.timeUntilUsable(["a", "b"]) == 0)
    }

    @Test("hasEverSucceeded tells an unreachable run (69) from a deferred one (75)")
    func everSucceeded() {
        let health = RelayHealth(clock: ManualClock())
        health.recordFailure("a")
        #expect(!health.hasEverSucceeded)
        health.recordSuccess("b")
        #expect(health.hasEverSucceeded)
    }
}
