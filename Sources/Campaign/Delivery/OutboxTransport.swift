// OutboxTransport: "sends" by writing each message atomically into a Maildir-style folder.

/// The embedded default transport: no server, every message an .eml file in `outbox/new/`.
public struct OutboxTransport: Sendable {
    private let writer: OutboxWriter

    /// - Throws: `JournalError` when the folder cannot be created.
    public init(directory: String) throws {
        writer = try OutboxWriter(directory: directory)
    }

    /// Writes the message (tmp → fsync → rename into new/). A write failure is transient: nothing was
    /// delivered, so the recipient is deferred, not failed.
    public func deliver(_ message: RenderedMessage) -> DeliveryOutcome {
        do {
            let path = try writer.write(message.bytes, messageID: message.messageID)
            return DeliveryOutcome(.accepted, relay: "outbox", reply: path)
        } catch {
            return DeliveryOutcome(.deferred, relay: "outbox", reply: "\(error)")
        }
    }
}
