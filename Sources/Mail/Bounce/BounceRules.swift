// BounceRules: a failure's class and reason from its RFC 3463 status code and the server's words.

/// Decides hard, soft or policy for one failed recipient.
///
/// Order: (1) enhanced status codes that say exactly one thing (RFC 3463 §3: X.1.1 bad mailbox, X.1.2 bad
/// domain, X.2.2 full, X.3.4 too big, X.7.23-27 authentication per RFC 7372 and the IANA registry); (2)
/// the words of the reply, English and Chinese, which providers use to refine vague codes such as 5.0.0,
/// 5.5.0 and 5.7.1; (3) the class digit of the code (RFC 3463 §3.1: 4 transient, 5 permanent) and its
/// subject (X.7 security or policy). A transient code never yields a hard bounce.
public enum BounceRules {
    /// One classification: class and reason.
    public struct Verdict: Sendable, Equatable {
        public var bounceClass: BounceClass
        public var reason: String
    }

    /// Classifies a failure. `status` is an enhanced code ("5.1.1"), `code` a basic reply code.
    public static func classify(status: String?, code: Int?, text: String) -> Verdict {
        let lower = text.lowercased()
        let transient = status?.hasPrefix("4") ?? (code.map { $0 / 100 == 4 } ?? false)
        var verdict = byStatus(status) ?? byText(lower) ?? byClass(status: status, code: code)
        if transient, verdict.bounceClass == .hardBounce {
            verdict.bounceClass = .softBounce
        }
        if transient, verdict.bounceClass == .policyBlock, verdict.reason == "blocked" {
            verdict = Verdict(bounceClass: .softBounce, reason: "temporary-policy")
        }
        return verdict
    }

    /// RFC 3463 codes with one meaning.
    static func byStatus(_ status: String?) -> Verdict? {
        guard let status else { return nil }
        let detail = status.split(separator: ".").dropFirst().joined(separator: ".")
        switch detail {
        case "1.1", "1.10": return Verdict(bounceClass: .hardBounce, reason: "unknown-user")
        case "1.2": return Verdict(bounceClass: .hardBounce, reason: "unknown-domain")
        case "1.3": return Verdict(bounceClass: .hardBounce, reason: "bad-address")
        case "1.6": return Verdict(bounceClass: .hardBounce, reason: "mailbox-moved")
        case "2.2": return Verdict(bounceClass: .softBounce, reason: "mailbox-full")
        case "3.4", "2.3": return Verdict(bounceClass: .softBounce, reason: "message-too-large")
        case "4.7": return Verdict(bounceClass: .softBounce, reason: "expired")
        case "7.23", "7.24", "7.25", "7.26", "7.27", "7.7":
            return Verdict(bounceClass: .policyBlock, reason: "authentication")
        default: return nil
        }
    }

    /// Words providers use, in order of specificity. Each rule: phrases (lower-case), class, reason.
    static let textRules: [([String], BounceClass, String)] = [
        (["greylist", "graylist", "grey-list", "gray-list", "greylisted"], .softBounce, "greylisted"),
        (["rate limit", "ratelimit", "rate-limit", "too many messages", "too many connections",
          "too many recipients", "unexpected volume", "unusual rate", "throttl", "sending too fast",
          "frequency", "频率", "过于频繁", "发送过快", "发信过多", "too many mails", "mail flood"],
         .softBounce, "rate-limited"),
        (["dmarc", "spf check", "spf fail", "spf ", "dkim", "not authenticated", "unauthenticated",
          "authentication failed", "sender authentication", "reverse dns", "ptr record", "发件人认证",
          "身份验证"], .policyBlock, "authentication"),
        (["spamhaus", "spamcop", "barracuda", "blocklist", "blacklist", "block list", "black list", "dnsbl",
          " rbl", "listed at", "listed on", "listed in", "黑名单", "s3150"], .policyBlock, "blocklisted"),
        (["spam", "junk", "unsolicited", "bulk mail", "poor reputation", "low reputation", "reputation",
          "content rejected", "message content", "垃圾邮件", "垃圾", "被拒收", "拒收", "反垃圾", "dt:spm",
          "mi:spb", "virus", "病毒"], .policyBlock, "spam"),
        (["mailbox full", "mailbox is full", "mailbox has exceeded", "over quota", "overquota",
          "quota exceeded", "exceeded storage", "exceeded its quota", "insufficient storage", "storage space",
          "full mailbox", "out of storage", "user is over", "mailbox size limit", "邮箱已满", "空间已满",
          "空间不足", "容量已满", "容量不足", "邮箱满", "信箱已满"], .softBounce, "mailbox-full"),
        (["message too large", "message is too large", "message size exceeds", "exceeds size",
          "too big", "size limit", "message length exceeds", "邮件过大", "邮件大小超过", "超过大小"],
         .softBounce, "message-too-large"),
        (["disabled", "deactivated", "inactive", "suspended", "no longer active", "account expired",
          "has been closed", "account closed", "mailbox closed", "frozen", "account is locked", "mailbox is locked",
          "冻结", "停用",
          "禁用", "注销", "已关闭", "被锁定"], .hardBounce, "mailbox-disabled"),
        (["domain not found", "host not found", "no such domain", "domain does not exist",
          "domain name not found", "unrouteable address", "unroutable", "name service error",
          "host or domain name not found", "nxdomain", "no mx", "mx lookup", "couldn't find any host",
          "domain is not", "域名不存在", "域名解析", "无法解析"], .hardBounce, "unknown-domain"),
        (["user unknown", "unknown user", "no such user", "no such recipient", "unknown recipient",
          "user not found", "recipient not found", "recipientnotfound", "recipnotfound", "does not exist",
          "doesn't exist", "doesn't have a", "not exist", "mailbox not found", "mailbox unavailable",
          "mailbox not available", "invalid recipient", "invalid mailbox", "invalid address",
          "bad destination mailbox", "no mailbox", "unknown local part", "address rejected",
          "not our customer", "no such account", "account that you tried to reach", "no longer valid",
          "用户不存在", "收件人不存在", "地址不存在", "邮箱不存在", "帐号不存在", "账号不存在", "账户不存在",
          "不存在", "无效"], .hardBounce, "unknown-user"),
        (["delivery time expired", "retry time", "retry timeout", "expired", "gave up",
          "超时"], .softBounce, "expired"),
        (["temporar", "try again", "timed out", "timeout", "connection refused", "connection reset",
          "deferred", "service unavailable", "resources", "暂时", "稍后"], .softBounce, "temporary"),
    ]

    static func byText(_ lower: String) -> Verdict? {
        guard !lower.isEmpty else { return nil }
        for (phrases, bounceClass, reason) in textRules where phrases.contains(where: lower.contains) {
            return Verdict(bounceClass: bounceClass, reason: reason)
        }
        return nil
    }

    /// RFC 3463 §3.1 class digit and §3.8 (X.7 security or policy status) as the last resort.
    static func byClass(status: String?, code: Int?) -> Verdict {
        if let status {
            let isPolicy = status.dropFirst(2).hasPrefix("7")
            if status.hasPrefix("5") {
                return isPolicy ? Verdict(bounceClass: .policyBlock, reason: "blocked")
                    : Verdict(bounceClass: .hardBounce, reason: "permanent-failure")
            }
            if status.hasPrefix("4") {
                return Verdict(bounceClass: .softBounce, reason: isPolicy ? "temporary-policy" : "temporary")
            }
        }
        if let code, code / 100 == 5 {
            return code == 552 ? Verdict(bounceClass: .softBounce, reason: "mailbox-full")
                : Verdict(bounceClass: .hardBounce, reason: "permanent-failure")
        }
        if let code, code / 100 == 4 { return Verdict(bounceClass: .softBounce, reason: "temporary") }
        // No code and no words we know: count it, but do not suppress on a guess.
        return Verdict(bounceClass: .softBounce, reason: "unknown")
    }
}
