// BounceClass: what a returned message means for its recipient (hard/soft bounce, block, complaint, ...).

/// The classification of a received message, or of one recipient in it.
public enum BounceClass: String, Sendable, CaseIterable, Comparable {
    /// The address cannot receive mail: unknown user or domain, disabled mailbox (RFC 3463 X.1.x, X.2.1).
    case hardBounce = "hard-bounce"
    /// Delivery failed for now: mailbox full, temporary failure, rate limited, greylisted, too large.
    case softBounce = "soft-bounce"
    /// The receiver refused the sender, not the address: spam, blocklist, authentication (RFC 3463 X.7.x).
    case policyBlock = "policy-block"
    /// The recipient reported the message as spam (RFC 5965 feedback report).
    case complaint
    /// The recipient asked to be removed by mail (the `mailto:` of List-Unsubscribe, RFC 2369 §3.2).
    case unsubscribeRequest = "unsubscribe"
    /// An automatic reply: vacation, out of office (RFC 3834).
    case autoReply = "auto-reply"
    /// Anything else: a human reply, a delivery success report, spam.
    case notABounce = "not-a-bounce"

    /// Which class describes a message whose recipients have several: the one that asks most of edm.
    var precedence: Int {
        switch self {
        case .complaint: 0
        case .unsubscribeRequest: 1
        case .hardBounce: 2
        case .policyBlock: 3
        case .softBounce: 4
        case .autoReply: 5
        case .notABounce: 6
        }
    }

    public static func < (lhs: BounceClass, rhs: BounceClass) -> Bool { lhs.precedence < rhs.precedence }
}
