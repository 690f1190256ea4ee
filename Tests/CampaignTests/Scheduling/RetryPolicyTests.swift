// RetryPolicyTests: exponential backoff within jitter bounds and capped; in-run attempts; expiry.
@testable import Campaign
import Foundation
import Testing

@Suite struct RetryPolicyTests {
    static let settings = RetrySettings(
        maxAttempts: 3, initialBackoff: ConfigDuration(seconds: 30), maxBackoff: ConfigDuration(seconds: 600),
        maxAge: ConfigDuration(seconds: 3 * 86_400))

    @Test("without jitter the delay doubles from initial_backoff and stops at max_backoff")
    func exponentialCapped() {
        let policy = RetryPolicy(settings: Self.settings, jitter: .none)
        let delays = (1...8).map { policy.delay(afterAttempt: $0) }
        #expect(delays == [30, 60, 120, 240, 480, 600, 600, 600])
        #expect(policy.baseDelay(afterAttempt: 1000) == 600)
        #expect(policy.baseDelay(afterAttempt: 0) == 30)
    }

    @Test("full jitter stays within 0...min(max, initial × 2^(n−1)) and spreads over it")
    func fullJitter() {
        let policy = RetryPolicy(settings: Self.settings, jitter: .full)
        var generator = SeededRandomNumberGenerator(seed: 42)
        for attempt in 1...10 {
            let ceiling = policy.baseDelay(afterAttempt: attempt)
            let samples = (0..<500).map { _ in policy.delay(afterAttempt: attempt, using: &generator) }
            #expect(samples.allSatisfy { $0 >= 0 && $0 <= ceiling && $0 <= 600 })
            #expect((samples.min() ?? ceiling) < ceiling * 0.1)
            #expect((samples.max() ?? 0) > ceiling * 0.9)
        }
    }

    @Test("decorrelated jitter stays within initial...min(max, 3 × previous), chained or not")
    func decorrelatedJitter() {
        let policy = RetryPolicy(settings: Self.settings, jitter: .decorrelated)
        var generator = SeededRandomNumberGenerator(seed: 7)
        var previous = 30.0
        for attempt in 1...50 {
            let delay = policy.delay(afterAttempt: attempt, previousDelay: previous, using: &generator)
            #expect(delay >= 30 && delay <= min(600, 3 * previous))
            previous = delay
        }
        for attempt in 1...10 {
            let prior = attempt == 1 ? 30 : policy.baseDelay(afterAttempt: attempt - 1)
            for _ in 0..<100 {
                let delay = policy.delay(afterAttempt: attempt, using: &generator)
                #expect(delay >= 30 && delay <= min(600, 3 * prior))
            }
        }
    }

    @Test("the same seed gives the same delays")
    func deterministic() {
        let policy = RetryPolicy(settings: Self.settings)
        var first = SeededRandomNumberGenerator(seed: 99)
        var second = SeededRandomNumberGenerator(seed: 99)
        let a = (1...20).map { policy.delay(afterAttempt: $0, using: &first) }
        let b = (1...20).map { policy.delay(afterAttempt: $0, using: &second) }
        #expect(a == b)
        #expect(Set(a).count > 10)
    }

    @Test("retries within the run stop at max_attempts")
    func attemptsInRun() {
        let policy = RetryPolicy(settings: Self.settings)
        #expect(policy.shouldRetryInRun(attempt: 1))
        #expect(policy.shouldRetryInRun(attempt: 2))
        #expect(!policy.shouldRetryInRun(attempt: 3))
        #expect(!policy.shouldRetryInRun(attempt: 4))
    }

    @Test("a recipient expires max_age after its first attempt")
    func expiry() {
        let policy = RetryPolicy(settings: Self.settings)
        let first = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(!policy.isExpired(firstSeen: first, now: first))
        #expect(!policy.isExpired(firstSeen: first, now: first.addingTimeInterval(3 * 86_400 - 1)))
        #expect(policy.isExpired(firstSeen: first, now: first.addingTimeInterval(3 * 86_400)))
        #expect(policy.isExpired(firstSeen: first, now: first.addingTimeInterval(30 * 86_400)))
    }

    @Test("settings out of range are clamped")
    func clamped() {
        let odd = RetrySettings(
            maxAttempts: 0, initialBackoff: ConfigDuration(seconds: 60), maxBackoff: ConfigDuration(seconds: 10),
            maxAge: ConfigDuration(seconds: 60))
        let policy = RetryPolicy(settings: odd, jitter: .full)
        #expect(policy.maxAttempts == 1)
        #expect(policy.maxBackoff == 60)
        #expect(!policy.shouldRetryInRun(attempt: 1))
        var generator = SeededRandomNumberGenerator(seed: 1)
        #expect((1...5).allSatisfy { policy.delay(afterAttempt: $0, using: &generator) <= 60 })
    }
}
