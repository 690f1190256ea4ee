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
        /// The worker's next message, whose MAIL, RCPT and DATA already went out with the last final dot.
        var opened: OpenedTransaction?
    }

    /// A transaction started early (RFC 2920 pipelining across messages), waiting for its `deliver` call.
    private struct OpenedTransaction {
        var messageID: String
        var transaction: PreparedTransaction
        var permit: DeliveryPermit
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

    public func deliver(
        _ message: RenderedMessage, worker: Int, hooks: any DeliveryHooks, upcoming: UpcomingMessage?
    ) -> DeliveryOutcome? {
        deliver(message, on: slots[worker], hooks: hooks, upcoming: upcoming)
    }

    public func close() {
        for slot in slots {
            if let opened = slot.opened {
                // A DATA is pending: QUIT would be read as message content. Dropping the connection discards it.
                scheduler.finish(opened.permit)
                slot.opened = nil
                slot.client?.close()
            }
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
    private func deliver(
        _ message: RenderedMessage, on slot: ConnectionSlot, hooks: any DeliveryHooks, upcoming: UpcomingMessage?
    ) -> DeliveryOutcome? {
        let envelope = Envelope(sender: message.envelopeFrom, recipients: [message.recipient.wireForm])
        let domain = message.recipient.domain
        let client: SMTPClient
        let relay: RelayEndpoint
        let permit: DeliveryPermit
        let transaction: PreparedTransaction
        let started = DispatchTime.now().uptimeNanoseconds
        if let opened = slot.opened {
            // Started with the previous message's dot (its intent is in the journal, its MAIL on the wire).
            slot.opened = nil
            guard opened.messageID == message.messageID, let current = slot.client, let name = slot.relay,
                  let endpoint = relays[name]
            else {
                // Not the message it was opened for (cannot happen with the runner's pipeline): drop the
                // connection so the server discards it; this message starts afresh below.
                scheduler.finish(opened.permit)
                slot.client?.close()
                slot.client = nil
                return deliver(message, on: slot, hooks: hooks, upcoming: upcoming)
            }
            guard hooks.shouldContinue() else {
                // Stopping: a transaction before its final dot is abandoned, so nothing of it is delivered. No
                // outcome: the runner records it as not sent, due at once (its intent is already journaled).
                scheduler.finish(opened.permit)
                current.close()
                slot.client = nil
                return nil
            }
            (client, relay, permit, transaction) = (current, endpoint, opened.permit, opened.transaction)
        } else {
            guard let (current, endpoint) = connection(for: slot) else {
                return DeliveryOutcome(.deferred, reply: "no relay reachable: \(lastError ?? "all relays cooling down")")
            }
            guard let granted = self.permit(domain: domain, relay: endpoint.name, shouldContinue: hooks.shouldContinue)
            else { return nil }
            guard hooks.begin() else {
                scheduler.finish(granted)
                return nil
            }
            do {
                transaction = try current.prepare(message.bytes, envelope: envelope)
            } catch {
                scheduler.finish(granted)
                return outcome(of: error, relay: endpoint, slot: slot, started: started)
            }
            (client, relay, permit) = (current, endpoint, granted)
        }
        defer { scheduler.finish(permit) }
        if let upcoming, client.capabilities.pipelining, hooks.shouldContinue() {
            // The worker's next messages (as many as the runner offered, `UpcomingMessage.beginAhead`) are
            // begun now (suppression check, intent appended): the next travels with this one's final dot, the
            // others with the dots after.
            // Their intents' fsync thus has several transactions' time to finish and is shared, so it does
            // not hold up the connection. A connection so has at most lookahead + 1 messages with an intent
            // and no outcome.
            _ = upcoming.hooks.begin()
            for later in upcoming.following { _ = later.begin() }
        }
        do {
            let result = try client.send(
                transaction, beforeFinalDot: hooks.commit,
                pipelineNext: { self.openUpcoming(upcoming, on: slot, client: client, relay: relay) })
            slot.sentOnConnection += 1
            // One recipient per transaction: a refused RCPT decides the outcome, otherwise the reply to the dot.
            let recipient = result.recipients.first
            let refused = recipient.map { $0.disposition != .accepted } ?? false
            let disposition = refused ? (recipient?.disposition ?? result.disposition) : result.disposition
            let reply = (refused ? recipient?.reply : nil) ?? result.reply
            let enhanced = reply?.enhancedStatus.map { "\($0)" }  // parsed once: it scans the reply text
            if let reply {
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
                enhancedStatus: enhanced, reply: reply?.text.escapedForDisplay,
                duration: Self.seconds(since: started))
        } catch {
            return outcome(of: error, relay: relay, slot: slot, started: started)
        }
    }

    /// Called right before `current`'s final dot: starts the worker's next message on the same connection, so
    /// its MAIL, RCPT and DATA travel with the dot, when the connection may carry one more message, the
    /// throttles allow it now (never waits), and the runner's `begin` records its intent. Nil otherwise: the
    /// next message then starts on its own.
    private func openUpcoming(
        _ upcoming: UpcomingMessage?, on slot: ConnectionSlot, client: SMTPClient, relay: RelayEndpoint
    ) -> PreparedTransaction? {
        guard let upcoming, client.capabilities.pipelining,
              slot.sentOnConnection + 1 < relay.settings.messagesPerConnection, health.isUsable(relay.name),
              upcoming.hooks.shouldContinue()
        else { return nil }
        let message = upcoming.message
        let envelope = Envelope(sender: message.envelopeFrom, recipients: [message.recipient.wireForm])
        guard let transaction = try? client.prepare(message.bytes, envelope: envelope), transaction.canBePipelined,
              case .proceed(let permit) = scheduler.tryStart(domain: message.recipient.domain, relay: relay.name)
        else { return nil }
        guard upcoming.hooks.begin() else {
            scheduler.finish(permit)
            return nil
        }
        slot.opened = OpenedTransaction(messageID: message.messageID, transaction: transaction, permit: permit)
        return transaction
    }

    private static func seconds(since start: UInt64) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// The outcome of an error thrown before the final dot: nothing was delivered, so it is transient unless the
    /// message itself was refused locally (too large, a line over 998 octets).
    private func outcome(of error: SMTPError, relay: RelayEndpoint, slot: ConnectionSlot, started: UInt64) -> DeliveryOutcome {
        slot.client?.close()
        slot.client = nil
        if error.breaksConnection, error.category == .unavailable {
            health.recordFailure(relay.name)
            noteError("\(relay.name): \(error)")
        }
        return DeliveryOutcome(
            error.category == .messageRejected && !error.isTransient ? .failed : .deferred,
            relay: relay.name, code: error.reply.map { $0.code.rawValue },
            enhancedStatus: error.reply?.enhancedStatus.map { "\($0)" }, reply: "\(error)",
            duration: Self.seconds(since: started))
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
