// FailureClass: what the engine does with a failed delivery attempt.

/// The fate of a failed attempt, decided by ``FailureClassifier``.
public enum FailureClass: Sendable, Equatable {
    /// Try again: within the run while ``RetryPolicy/shouldRetryInRun(attempt:)`` allows, then `deferred`.
    case transient
    /// Do not try again: record `failed` (and suppress when ``FailureClassifier/isNoSuchUser(replyCode:enhanced:)``).
    case permanent
    /// The server may have accepted the message: the connection broke after the final dot, before the reply
    /// (RFC 1047). Journal `uncertain`; resend only when the user asks.
    case uncertain
}
