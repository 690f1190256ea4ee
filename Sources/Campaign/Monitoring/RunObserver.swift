// RunObserver: the interface through which progress, logs, metrics and guards watch a send run.

/// Watches a run. The runner calls `record` from its worker threads (several at once), so implementations
/// must be thread-safe; they must also be quick: they run on the delivery path.
public protocol RunObserver: Sendable {
    func runStarted(_ start: RunStart)
    func record(_ event: RunEvent)
    /// One row came out of the policy gate (deliverable or not), including rows left alone because the journal
    /// already has them final: progress counts these against the total.
    func rowRead(deliverable: Bool)
    func runFinished(_ summary: SendSummary)
}

extension RunObserver {
    public func runStarted(_ start: RunStart) {}
    public func rowRead(deliverable: Bool) {}
    public func runFinished(_ summary: SendSummary) {}
}

/// Several observers as one, called in order.
public struct RunObservers: RunObserver {
    public var observers: [any RunObserver]

    public init(_ observers: [any RunObserver]) { self.observers = observers }

    public func runStarted(_ start: RunStart) { observers.forEach { $0.runStarted(start) } }
    public func record(_ event: RunEvent) { observers.forEach { $0.record(event) } }
    public func rowRead(deliverable: Bool) { observers.forEach { $0.rowRead(deliverable: deliverable) } }
    public func runFinished(_ summary: SendSummary) { observers.forEach { $0.runFinished(summary) } }
}
