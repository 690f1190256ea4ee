// SMTPTransport: delivers batches over a pool of reused SMTP connections to one or more relays.
import Dispatch
import Foundation
import Mail
import SMTP
import Synchronization

/// A pool of connections, one per worker (`maxConnections` workers); a worker keeps its connection from
/// message to message and recycles it after `messages_per_connection` messages. Before each
/// transaction the `DeliveryScheduler` applies the global, per-relay and per-domain rates and per-domain
/// concurrency; 421 and 4.7.x replies slow the domain or relay down for a while. A relay that refuses
/// connections, fails TLS or answers 421 cools down (`RelayHealth`) and its traffic moves to the others,
/// picked by weight.
public final class SMTPTransport: MessageTransport, @unchecked Sendable {
    // @unchecked: `slots[i]` is touched only by worker i (the runner's pipeline gives each worker thread its own
    // index and never overlaps its calls), and by `close` after every worker stopped; everything else is Sendable.
    private let relays: [String: RelayEndpoint]
    private let weights: [String: Int]
    private let slots: [ConnectionSlot]
    private let transcript: (any TranscriptSink)?
    private let scheduler: DeliveryScheduler
    private let health: RelayHealth
    private let lastErrorText = Locked<String?>(nil)

    /// One worker's connection.
    private final class ConnectionSlot {
        var client: SMTPClient?
        var relay: String?
        var sentOnConnection = 0
    }

    /// - Parameter maxConnections: connections in flight over all relays (`throttle.max_connections`, capped by
    ///   the sum of the relays' `max_connections`).
    public init(
        relays endpoints: [RelayEndpoint], throttle: ThrottleSettings, transcript: (any TranscriptSink)? = nil,
        clock: any MonotonicClock = SystemClock()
    ) {
        var relays: [String: RelayEndpoint] = [:]
        var weights: [String: Int] = [:]
        var rates: [String: RateLimit] = [:]
        for endpoint in endpoints {
            relays[endpoint.name] = endpoint
            weights[endpoint.name] = endpoint.settings.weight
            if let rate = endpoint.settings.rate { rates[endpoint.name] = rate }
        }
        self.relays = relays
        self.weights = weights
        let capacity = max(1, min(throttle.maxConnections, endpoints.map(\.settings.maxConnections).reduce(0, +)))
        slots = (0..<capacity).map { _ in ConnectionSlot() }
        self.transcript = transcript
        scheduler = DeliveryScheduler(throttle: throttle, relayRates: rates, clock: clock)
        health = RelayHealth(clock: clock)
    }

    deinit {
        for slot in slots { slot.client?.quit() }
    }

    /// Whether any relay ever accepted a connection (exit 69 vs 75 when everything was deferred).
    public var everConnected: Bool { health.hasEverSucceeded }

    /// The last connection-level error, for the summary.
    public var lastError: String? { lastErrorText.withLock { $0 } }

    public var concurrency: Int { slots.count }

    public func deliver(_ message: RenderedMessage, worker: Int, hooks: any DeliveryHooks) -> DeliveryOutcome? {
        deliver(message, on: slots[worker], hooks: hooks)
    }

    public func close() {
        for slot in slots {
            slot.client?.quit()
            slot.client = nil
        }
    }

    private func noteError(_ text: String) { lastErrorText.withLock { $0 = text } }

    /// A usable connection for `slot`: its current one, or a new one to a healthy relay picked by weight.
    private func connection(for slot: ConnectionSlot) -> (SMTPClient, RelayEndpoint)? {
        if let client = slot.client, client.isUsable, let name = slot.relay, let relay = relays[name],
           slot.sentOnConnection < relay.settings.messagesPerConnection, health.isUsable(name) {
            return (client, relay)
        }
        slot.client?.quit()
        slot.client = nil
        slot.sentOnConnection = 0
        var tried: Set<String> = []
        while let name = health.pickRelay(weights: weights.filter { !tried.contains($0.key) }), let relay = relays[name] {
            tried.insert(name)
            do {
                let client = try SMTPClient.connect(relay.configuration, tlsContext: relay.tlsContext, transcript: transcript)
                health.recordSuccess(name)
                slot.client = client
                slot.relay = name
                return (client, relay)
            } catch {
                health.recordFailure(name)
                noteError("\(name): \(error)")
            }
        }
        return nil
    }

    /// Waits until the scheduler lets a transaction to `domain` on `relay` start; nil when told to stop.
    private func permit(domain: String, relay: String, shouldContinue: () -> Bool) -> DeliveryPermit? {
        while shouldContinue() {
            switch scheduler.tryStart(domain: domain, relay: relay) {
            case .proceed(let permit): return permit
            case .wait(let seconds, _): Thread.sleep(forTimeInterval: min(max(seconds, 0.001), 0.25))
            case .saturated: Thread.sleep(forTimeInterval: 0.005)
            }
        }
        return nil
    }

    /// One message; nil when the run was told to stop before it started, or `hooks.begin` withdrew it.
    private func deliver(_ message: RenderedMessage, on slot: ConnectionSlot, hooks: any DeliveryHooks) -> DeliveryOutcome? {
        guard let (client, relay) = connection(for: slot) else {
            return DeliveryOutcome(.deferred, reply: "no relay reachable: \(lastError ?? "all relays cooling down")")
        }
        let domain = message.recipient.domain
        guard let permit = permit(domain: domain, relay: relay.name, shouldContinue: hooks.shouldContinue) else { return nil }
        defer { scheduler.finish(permit) }
        guard hooks.begin() else { return nil }
        let started = DispatchTime.now().uptimeNanoseconds
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 }
        let envelope = Envelope(sender: message.envelopeFrom, recipients: [message.recipient.wireForm])
        do {
            // The hook runs inside `send` only; the optional parameter type merely looks escaping.
            let result = try client.send(message.bytes, envelope: envelope, beforeFinalDot: hooks.commit)
            slot.sentOnConnection += 1
            // One recipient per transaction: a refused RCPT decides the outcome, otherwise the reply to the dot.
            let recipient = result.recipients.first
            let refused = recipient.map { $0.disposition != .accepted } ?? false
            let disposition = refused ? (recipient?.disposition ?? result.disposition) : result.disposition
            let reply = (refused ? recipient?.reply : nil) ?? result.reply
            if let reply {
                let enhanced = reply.enhancedStatus.map { "\($0)" }
                if reply.code.rawValue == 421 {
                    // RFC 5321 §3.8: 421 means the relay is closing; cool it down and move traffic away.
                    health.recordFailure(relay.name)
                    noteError("\(relay.name): \(reply.code) \(reply.text.escapedForDisplay)")
                }
                scheduler.note(replyCode: reply.code.rawValue, enhanced: enhanced, domain: domain, relay: relay.name)
            }
            if !client.isUsable { slot.client = nil }
            return DeliveryOutcome(
                Self.kind(disposition), relay: relay.name, code: reply.map { $0.code.rawValue },
                enhancedStatus: reply?.enhancedStatus.map { "\($0)" }, reply: reply?.text.escapedForDisplay,
                duration: elapsed())
        } catch {
            // Thrown only before the final dot: nothing was delivered, so this is transient unless the message
            // itself was refused locally (too large, a line over 998 octets).
            slot.client?.close()
            slot.client = nil
            if error.breaksConnection, error.category == .unavailable {
                health.recordFailure(relay.name)
                noteError("\(relay.name): \(error)")
            }
            return DeliveryOutcome(
                error.category == .messageRejected && !error.isTransient ? .failed : .deferred,
                relay: relay.name, code: error.reply.map { $0.code.rawValue },
                enhancedStatus: error.reply?.enhancedStatus.map { "\($0)" }, reply: "\(error)", duration: elapsed())
        }
    }

    private static func kind(_ disposition: Disposition) -> DeliveryOutcome.Kind {
        switch disposition {
        case .accepted: .accepted
        case .transient: .deferred
        case .permanent: .failed
        case .uncertain: .uncertain
        }
    }
}
