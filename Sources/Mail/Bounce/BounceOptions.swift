// BounceOptions: what the classifier is told about the sender (the unsubscribe mailbox).

/// Settings for `BounceClassifier`.
public struct BounceOptions: Sendable, Equatable {
    /// Addresses of the `mailto:` unsubscribe mailbox: mail sent to one of them is an unsubscribe request.
    public var unsubscribeAddresses: [String]

    public init(unsubscribeAddresses: [String] = []) {
        self.unsubscribeAddresses = unsubscribeAddresses.map { $0.lowercased() }
    }
}
