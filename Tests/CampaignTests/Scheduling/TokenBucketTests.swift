// TokenBucketTests: rates over simulated time, bursts, adaptive halving and recovery, thread safety.
import Campaign
import Foundation
import Synchronization
import Testing

@Suite struct TokenBucketTests {
    static func rate(_ text: String) throws -> RateLimit {
        try #require(RateLimit(parsing: text))
    }

    /// Takes every token available at each 1 ms step for `seconds` of manual time.
    static func drain(_ bucket: TokenBucket, clock: ManualClock, seconds: Double, step: Double = 0.001) -> Int {
        var taken = 0
        let end = clock.now() + seconds
        while clock.now() < end - step / 2 {
            while bucket.tryTake() { taken += 1 }
            clock.advance(by: step)
        }
        return taken
    }

    @Test("200/s for 10 s of manual time lets through 2000 (within ±5%, and at most 2000 + burst)")
    func twoHundredPerSecond() throws {
        let clock = ManualClock()
        let bucket = TokenBucket(rate: try Self.rate("200/s"), clock: clock)
        let taken = Self.drain(bucket, clock: clock, seconds: 10)
        #expect(taken >= 1990 && taken <= 2001 + Int(bucket.capacity))
        #expect(abs(Double(taken) - 2000) / 2000 < 0.05)
    }

    @Test("slow rates: 3000/min over 2 minutes, 10000/h over an hour", arguments: [
        ("3000/min", 120.0, 6000), ("10000/h", 3600.0, 10000), ("5/min", 600.0, 50),
    ])
    func slowRates(text: String, seconds: Double, expected: Int) throws {
        let clock = ManualClock()
        let bucket = TokenBucket(rate: try Self.rate(text), clock: clock)
        let taken = Self.drain(bucket, clock: clock, seconds: seconds, step: 0.01)
        #expect(abs(taken - expected) <= 1, "\(text): \(taken)")
    }

    @Test("a new bucket holds one token; after a quiet spell it holds the burst and no more")
    func burst() throws {
        let clock = ManualClock()
        let bucket = TokenBucket(rate: try Self.rate("500/s"), clock: clock)
        #expect(bucket.capacity == 50)
        #expect(bucket.tryTake())
        #expect(!bucket.tryTake())
        clock.advance(by: 60)
        var taken = 0
        while bucket.tryTake() { taken += 1 }
        #expect(taken == 50)

        let small = TokenBucket(rate: try Self.rate("50/s"), burst: 5, clock: clock)
        clock.advance(by: 60)
        taken = 0
        while small.tryTake() { taken += 1 }
        #expect(taken == 5)
    }

    @Test("default burst is a tenth of a second's worth, at least 1, at most 100", arguments: [
        ("2000/s", 100.0), ("1000/s", 100.0), ("200/s", 20.0), ("50/s", 5.0), ("3000/min", 5.0), ("10000/h", 1.0),
        ("5/min", 1.0), ("200000/day", 1.0),
    ])
    func defaultBurst(text: String, expected: Double) throws {
        #expect(TokenBucket.defaultBurst(for: try Self.rate(text)) == expected)
    }

    @Test("timeUntilAvailable says exactly how long to wait")
    func timeUntilAvailable() throws {
        let clock = ManualClock()
        let bucket = TokenBucket(rate: try Self.rate("10/s"), clock: clock)
        #expect(bucket.timeUntilAvailable() == 0)
        #expect(bucket.tryTake())
        let wait = bucket.timeUntilAvailable()
        #expect(abs(wait - 0.1) < 1e-9)
        clock.advance(by: wait / 2)
        #expect(!bucket.tryTake())
        clock.advance(by: bucket.timeUntilAvailable())
        #expect(bucket.tryTake())
    }

    @Test("reduce halves the rate for the cooldown, then the configured rate returns")
    func adaptiveHalvingAndRecovery() throws {
        let clock = ManualClock()
        let bucket = TokenBucket(rate: try Self.rate("100/s"), clock: clock)
        bucket.reduce(factor: 0.5, for: 60)
        #expect(bucket.isReduced)
        #expect(bucket.currentRate == 50)
        #expect(bucket.capacity == 5)
        let during = Self.drain(bucket, clock: clock, seconds: 30)
        #expect(abs(during - 1500) <= 2, "\(during)")
        clock.advance(by: 30)
        #expect(!bucket.isReduced)
        #expect(bucket.currentRate == 100)
        _ = Self.drain(bucket, clock: clock, seconds: 1)
        let after = Self.drain(bucket, clock: clock, seconds: 10)
        #expect(abs(after - 1000) <= 2, "\(after)")
    }

    @Test("a wait that spans the end of a cooldown counts both rates")
    func waitAcrossRecovery() throws {
        let clock = ManualClock()
        let bucket = TokenBucket(rate: try Self.rate("1/s"), clock: clock)
        #expect(bucket.tryTake())
        bucket.reduce(factor: 0.5, for: 1)
        // 1 s at 0.5/s gives half a token; the other half takes 0.5 s at 1/s.
        #expect(abs(bucket.timeUntilAvailable() - 1.5) < 1e-9)
        clock.advance(by: 1.4)
        #expect(!bucket.tryTake())
        clock.advance(by: 0.1)
        #expect(bucket.tryTake())
    }

    @Test("reports within 10 s count as one halving; later ones compound down to 1/64")
    func compounding() throws {
        let clock = ManualClock()
        let bucket = TokenBucket(rate: try Self.rate("640/s"), clock: clock)
        bucket.reduce(for: 300)
        clock.advance(by: 1)
        bucket.reduce(for: 300)
        bucket.reduce(for: 300)
        #expect(bucket.currentRate == 320)
        for _ in 0..<10 {
            clock.advance(by: 10)
            bucket.reduce(for: 300)
        }
        #expect(bucket.currentRate == 10)
        // The cooldown runs from the last report.
        clock.advance(by: 299)
        #expect(bucket.isReduced)
        clock.advance(by: 1)
        #expect(bucket.currentRate == 640)
    }

    @Test("concurrent takers never get more tokens than the bucket holds")
    func threadSafety() throws {
        let clock = ManualClock()
        let bucket = TokenBucket(rate: try Self.rate("1000/s"), clock: clock)
        clock.advance(by: 10)
        let taken = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<100 where bucket.tryTake() {
                taken.add(1, ordering: .relaxed)
            }
        }
        #expect(taken.load(ordering: .relaxed) == 100)
    }
}
