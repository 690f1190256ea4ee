// FailureClassifier: transient or permanent, "no such user", and "slow down" (RFC 5321 §4.2.1, RFC 3463).
import SMTP

/// Sorts SMTP failures by what happens next. Reply codes decide transient versus permanent (RFC 5321 §4.2.1:
/// 4yz "transient negative completion", 5yz "permanent negative completion"); enhanced status codes (RFC 3463)
/// refine that into "no such user" and "slow down".
///
/// Enhanced codes are read with `EnhancedStatusCode(prefixOf:)`, so `"5.1.1"` and `"5.1.1 user unknown"` both
/// work. A code whose class disagrees with the reply code ("550 4.7.1") is ignored: the reply code is
/// authoritative (RFC 3463 §2 requires the classes to agree).
public enum FailureClassifier {
    /// Enhanced codes meaning the address can never receive mail, so it goes to the suppression list:
    /// X.1.1 bad destination mailbox, X.1.2 bad destination system (the domain does not exist), X.1.6 mailbox
    /// has moved with no forwarding address (RFC 3463 §3.2), X.1.10 recipient domain has a null MX (RFC 7505 §4.2).
    public static let noSuchUserStatuses: Set<String> = ["5.1.1", "5.1.2", "5.1.6", "5.1.10"]

    /// Classifies a failure reply.
    ///
    /// - Parameters:
    ///   - replyCode: the three-digit reply code.
    ///   - enhanced: the RFC 3463 status, if the reply had one; the reply code alone decides (see
    ///     ``isNoSuchUser(replyCode:enhanced:)`` for what the status adds).
    /// - Returns: `.transient` for 4yz, `.permanent` for 5yz, nil for anything else (2yz and 3yz are not
    ///   failures; other numbers are not SMTP replies, and the SMTP client reports those as protocol errors).
    public static func classify(replyCode: Int, enhanced: String? = nil) -> FailureClass? {
        switch replyCode {
        case 400...499: .transient
        case 500...599: .permanent
        default: nil
        }
    }

    /// Classifies a connection that broke or timed out with no reply to the transaction's last command.
    ///
    /// Before the final dot the server must discard the partial message (RFC 5321 §4.1.1.4: a transaction
    /// completes only with the reply to the end of data), so a retry cannot duplicate it. After the dot the
    /// message may already be queued (RFC 1047), so it is `uncertain`.
    public static func classifyConnectionFailure(afterFinalDot: Bool) -> FailureClass {
        afterFinalDot ? .uncertain : .transient
    }

    /// True when a permanent failure says the recipient does not exist: a 5yz reply with enhanced status 5.1.1,
    /// 5.1.2, 5.1.6 or 5.1.10 (RFC 3463 §3.2, RFC 7505). Replies without an enhanced status are never counted,
    /// whatever their text says: suppression is permanent, so it needs an unambiguous signal.
    public static func isNoSuchUser(replyCode: Int, enhanced: String?) -> Bool {
        guard (500...599).contains(replyCode), let status = status(enhanced, replyCode: replyCode) else { return false }
        return noSuchUserStatuses.contains(status.description)
    }

    /// True when a reply asks the sender to slow down, so the scheduler halves the rate of whoever sent it:
    /// - 421: the server is closing the channel, typically "too many connections" or "try later"
    ///   (RFC 5321 §3.8, §4.2.3);
    /// - a 4yz reply with enhanced status 4.7.x: security or policy status (RFC 3463 §3.8), which is how rate
    ///   limits and greylisting are reported ("451 4.7.1 greylisted", "421 4.7.0 try again later");
    /// - a 4yz reply with enhanced status 4.4.5: mail system congestion (RFC 3463 §3.5).
    public static func isThrottleSignal(replyCode: Int, enhanced: String?) -> Bool {
        if replyCode == 421 { return true }
        guard (400...499).contains(replyCode), let status = status(enhanced, replyCode: replyCode) else { return false }
        return status.subject == 7 || (status.subject == 4 && status.detail == 5)
    }

    /// The enhanced status when it parses and its class matches the reply code's.
    static func status(_ enhanced: String?, replyCode: Int) -> EnhancedStatusCode? {
        guard let enhanced,
              let status = EnhancedStatusCode(prefixOf: Substring(enhanced.drop { $0 == " " })),
              status.statusClass == replyCode / 100
        else { return nil }
        return status
    }
}
