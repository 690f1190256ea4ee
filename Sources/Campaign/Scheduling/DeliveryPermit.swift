// DeliveryPermit: the receipt for one transaction admitted by the DeliveryScheduler.

/// Proof that ``DeliveryScheduler`` admitted a transaction. Hand it back to
/// ``DeliveryScheduler/finish(_:)`` exactly once when the transaction ends, whatever its outcome, so the domain's
/// connection slot is freed. Finishing twice is harmless.
public struct DeliveryPermit: Sendable, Hashable {
    let id: UInt64
    /// The domain key the transaction counts against: the matching `[throttle.domains]` entry, or the
    /// normalised recipient domain.
    public let domainKey: String
    /// The relay the transaction goes through, if any.
    public let relay: String?
}
