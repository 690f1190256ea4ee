// SMTPTransport: delivers batches over a pool of reused SMTP connections to one or more relays.
import Dispatch
import Foundation
import Mail
import SMTP
import Synchronization

/// A pool of connections. Each batch is spread over up to `maxConnections` workers; a worker keeps its
/// connection between batches and recycles it after `messages_per_connection` messages. A relay that cannot
/// be reached (refused, TLS failure, 421) is skipped for a cooldown and its traffic moves to the others.
public final class SMTPTransport: MessageTransport, @unchecked Sendable {
    // @unchecked: `slots[i]` is touched only by the worker that owns index i during a batch
    // (`concurrentPerform` gives each iteration its own index); the shared counters are Mutex-protected.
    private let relays: [RelayEndpoint]
    private var slots: [ConnectionSlot]
    private let transcript: (any TranscriptSink)?
    private let state = Mutex(PoolState())

    private struct PoolState {
        var everConnected = false
        var cooldownUntil: [Double] = []
        var failures: [Int] = []
        var lastError: String?
    }

    /// One worker's connection.
    private final class ConnectionSlot {
        var client: SMTPClient?
        var relayIndex = 0
        var sentOnConnection = 0
    }

    /// - Parameter maxConnections: connections in flight over all relays (`throttle.max_connections`, capped by
    ///   the sum of the relays' `max_connections`).
    public init(relays: [RelayEndpoint], maxConnections: Int, transcript: (any TranscriptSink)? = nil) {
        self.relays = relays
        let capacity = max(1, min(maxConnections, relays.map(\.settings.maxConnections).reduce(0, +)))
        slots = (0..<capacity).map { index in
            let slot = ConnectionSlot()
            slot.relayIndex = index % max(1, relays.count)
            return slot
        }
        self.transcript = transcript
        state.withLock {
            $0.cooldownUntil = Array(repeating: 0, count: relays.count)
            $0.failures = Array(repeating: 0, count: relays.count)
        }
    }

    deinit {
        for slot in slots { slot.client?.quit() }
    }

    /// Whether any relay ever accepted a connection (exit 69 vs 75 when everything was deferred).
    public var everConnected: Bool { state.withLock { $0.everConnected } }

    /// The last connection-level error, for the summary.
    public var lastError: String? { state.withLock { $0.lastError } }

    public func deliver(
        _ messages: [RenderedMessage], shouldContinue: @Sendable () -> Bool,
        beforeCommit: @Sendable (Int) -> Bool, outcome: @Sendable (Int, DeliveryOutcome) -> Void
    ) {
        let next = Atomic<Int>(0)
        let workers = min(slots.count, messages.count)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let slot = slots[worker]
            while shouldContinue() {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < messages.count else { break }
                outcome(index, deliver(messages[index], on: slot, beforeFinalDot: { beforeCommit(index) }))
            }
        }
    }

    private static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    /// A usable connection for `slot`, trying each relay not cooling down, starting with the slot's own.
    private func connection(for slot: ConnectionSlot) -> (SMTPClient, RelayEndpoint)? {
        if let client = slot.client, client.isUsable,
           slot.sentOnConnection < relays[slot.relayIndex].settings.messagesPerConnection {
            return (client, relays[slot.relayIndex])
        }
        slot.client?.quit()
        slot.client = nil
        slot.sentOnConnection = 0
        for offset in 0..<relays.count {
            let index = (slot.relayIndex + offset) % relays.count
            let cooling = state.withLock { $0.cooldownUntil[index] > Self.now() }
            if cooling { continue }
            let relay = relays[index]
            do {
                let client = try SMTPClient.connect(relay.configuration, tlsContext: relay.tlsContext, transcript: transcript)
                state.withLock {
                    $0.everConnected = true
                    $0.failures[index] = 0
                }
                slot.client = client
                slot.relayIndex = index
                return (client, relay)
            } catch {
                markUnhealthy(index, error: "\(relay.name): \(error)")
            }
        }
        return nil
    }

    /// Puts a relay on a cooldown that doubles with each consecutive failure (5 s up to 5 min).
    private func markUnhealthy(_ index: Int, error: String) {
        state.withLock {
            $0.failures[index] += 1
            let delay = min(300, 5 * pow(2, Double($0.failures[index] - 1)))
            $0.cooldownUntil[index] = Self.now() + delay
            $0.lastError = error
        }
    }

    private func deliver(
        _ message: RenderedMessage, on slot: ConnectionSlot, beforeFinalDot: () -> Bool
    ) -> DeliveryOutcome {
        guard let (client, relay) = connection(for: slot) else {
            return DeliveryOutcome(.deferred, reply: "no relay reachable: \(lastError ?? "all relays cooling down")")
        }
        let envelope = Envelope(sender: message.envelopeFrom, recipients: [message.recipient.wireForm])
        do {
            // The hook runs inside `send` only; the optional parameter type merely looks escaping.
            let result = try withoutActuallyEscaping(beforeFinalDot) { (hook) throws(SMTPError) in
                try client.send(message.bytes, envelope: envelope, beforeFinalDot: hook)
            }
            slot.sentOnConnection += 1
            // One recipient per transaction: a refused RCPT decides the outcome, otherwise the reply to the dot.
            let recipient = result.recipients.first
            let refused = recipient.map { $0.disposition != .accepted } ?? false
            let disposition = refused ? (recipient?.disposition ?? result.disposition) : result.disposition
            let reply = (refused ? recipient?.reply : nil) ?? result.reply
            let outcome = DeliveryOutcome(
                Self.kind(disposition), relay: relay.name, code: reply.map { $0.code.rawValue },
                enhancedStatus: reply?.enhancedStatus.map { "\($0)" }, reply: reply?.text.escapedForDisplay)
            if reply?.code.rawValue == 421 {
                markUnhealthy(slot.relayIndex, error: "\(relay.name): 421 \(reply?.text ?? "")")
            }
            if !client.isUsable { slot.client = nil }
            return outcome
        } catch {
            // Thrown only before the final dot: nothing was delivered, so this is transient.
            slot.client?.close()
            slot.client = nil
            if error.breaksConnection, error.category == .unavailable {
                markUnhealthy(slot.relayIndex, error: "\(relay.name): \(error)")
            }
            return DeliveryOutcome(
                error.category == .messageRejected && !error.isTransient ? .failed : .deferred,
                relay: relay.name, code: error.reply.map { $0.code.rawValue },
                enhancedStatus: error.reply?.enhancedStatus.map { "\($0)" }, reply: "\(error)")
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
