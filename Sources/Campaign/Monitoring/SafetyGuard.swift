// SafetyGuard: stops a campaign whose recent outcomes look like harm (bounces, blocks, deferrals, dead relays).
import Synchronization

/// Why a guard stopped the run, for the summary, the notify hook and exit code 3.
public struct GuardTrip: Sendable, Equatable {
    /// "hard-bounce-rate", "block-rate", "deferral-rate" or "connection-failures".
    public var name: String
    /// The numbers: "12 of 200 recent attempts (6.0%) were hard bounces; guards.max_hard_bounce_rate is 5.0%".
    public var detail: String
    /// What to do before running again.
    public var advice: String
}

/// Watches outcomes over a sliding window of the last `guards.window` attempts and trips when, once at least
/// `guards.min_sample` attempts are in the window, hard bounces (RFC 3463 5.1.x: bad mailbox or domain),
/// policy blocks (5.7.x, e.g. 550 5.7.26 DMARC, 550 5.7.515 Outlook's sender requirements, 554 5.7.1) or
/// deferrals exceed their share; or after `guards.max_connection_failures` consecutive attempts that found no
/// relay to talk to. Thread-safe; the runner polls `tripped` and stops starting messages once it is set.
public final class SafetyGuard: RunObserver {
    enum Class: UInt8 { case fine, hardBounce, block, deferral }

    private struct State {
        var ring: [Class] = []
        var next = 0
        var hardBounces = 0
        var blocks = 0
        var deferrals = 0
        var consecutiveConnectionFailures = 0
        var trip: GuardTrip?
    }

    private let settings: GuardSettings
    private let state = Locked(State())

    public init(settings: GuardSettings) { self.settings = settings }

    /// The first guard that tripped, or nil.
    public var tripped: GuardTrip? {
        // Polled several times per message by every worker: the flag spares them the lock until it trips.
        guard hasTripped.load(ordering: .acquiring) else { return nil }
        return state.withLock { $0.trip }
    }
    private let hasTripped = Atomic<Bool>(false)

    public func record(_ event: RunEvent) {
        guard event.kind == .outcome else { return }
        let kind = Self.classify(event)
        let connectionFailure = FailureReply.isConnectionFailure(event)
        state.withLock { state in
            guard state.trip == nil else { return }
            state.consecutiveConnectionFailures = connectionFailure ? state.consecutiveConnectionFailures + 1 : 0
            if state.ring.count < settings.window {
                state.ring.append(kind)
            } else {
                forget(state.ring[state.next], in: &state)
                state.ring[state.next] = kind
                state.next = (state.next + 1) % settings.window
            }
            switch kind {
            case .hardBounce: state.hardBounces += 1
            case .block: state.blocks += 1
            case .deferral: state.deferrals += 1
            case .fine: break
            }
            state.trip = check(state)
            if state.trip != nil { hasTripped.store(true, ordering: .releasing) }
        }
    }

    private func forget(_ kind: Class, in state: inout State) {
        switch kind {
        case .hardBounce: state.hardBounces -= 1
        case .block: state.blocks -= 1
        case .deferral: state.deferrals -= 1
        case .fine: break
        }
    }

    private func check(_ state: State) -> GuardTrip? {
        if state.consecutiveConnectionFailures >= settings.maxConnectionFailures {
            return GuardTrip(
                name: "connection-failures",
                detail: "\(state.consecutiveConnectionFailures) attempts in a row found no relay to connect to "
                    + "(guards.max_connection_failures is \(settings.maxConnectionFailures))",
                advice: "check the relays (edm check --smtp), the network and the credentials, then run again to resume")
        }
        let sample = state.ring.count
        guard sample >= settings.minSample else { return nil }
        func share(_ count: Int) -> Double { Double(count) / Double(sample) }
        func numbers(_ count: Int, _ what: String, _ key: String, _ limit: Double) -> String {
            "\(count) of the last \(sample) attempts (\(Self.percent(share(count)))) were \(what); "
                + "guards.\(key) is \(Self.percent(limit))"
        }
        if share(state.hardBounces) > settings.maxHardBounceRate {
            return GuardTrip(
                name: "hard-bounce-rate",
                detail: numbers(state.hardBounces, "hard bounces (5.1.x unknown user or domain)",
                                "max_hard_bounce_rate", settings.maxHardBounceRate),
                advice: "the list looks stale or bought: clean it (remove the failed addresses: edm status --json), "
                    + "then run again to resume")
        }
        if share(state.blocks) > settings.maxBlockRate {
            return GuardTrip(
                name: "block-rate",
                detail: numbers(state.blocks, "policy blocks (5.7.x)", "max_block_rate", settings.maxBlockRate),
                advice: "receivers refuse this mail: check SPF, DKIM and DMARC alignment, the sending IP's reputation "
                    + "and the content, then run again to resume")
        }
        if share(state.deferrals) > settings.maxDeferralRate {
            return GuardTrip(
                name: "deferral-rate",
                detail: numbers(state.deferrals, "deferred (4xx or no connection)", "max_deferral_rate",
                                settings.maxDeferralRate),
                advice: "receivers are throttling or the relay is struggling: lower [throttle] rates, wait, then run "
                    + "again to resume (deferred recipients are retried)")
        }
        return nil
    }

    static func classify(_ event: RunEvent) -> Class {
        switch event.state {
        case .deferred: return .deferral
        case .failed:
            let enhanced = event.enhancedStatus ?? ""
            if enhanced.hasPrefix("5.7.") { return .block }
            if enhanced.hasPrefix("5.1.") { return .hardBounce }
            // No enhanced code: RFC 5321 550/551/553 name a mailbox problem; 554 alone is a policy refusal.
            if enhanced.isEmpty, let code = event.code {
                if code == 550 || code == 551 || code == 553 { return .hardBounce }
                if code == 554 { return .block }
            }
            return .fine
        default: return .fine
        }
    }

    static func percent(_ value: Double) -> String {
        let tenths = (value * 1000).rounded() / 10
        return "\(tenths)%"
    }
}
