// MTASignatures: which MTA or mailbox provider wrote a bounce, from its sender, reporting MTA and wording.

/// Names the software or provider behind a bounce, for reports and for tuning (not for the class).
enum MTASignatures {
    /// Provider domains seen in the bounce's From or Reporting-MTA.
    static let providers: [(needle: String, name: String)] = [
        ("amazonses.com", "ses"), ("googlemail.com", "gmail"), ("google.com", "gmail"), ("gmail.com", "gmail"),
        ("yahoo", "yahoo"), ("outlook.com", "exchange"), ("hotmail.com", "exchange"), ("microsoft", "exchange"),
        ("exmail.qq.com", "qq"), ("qq.com", "qq"), ("tencent", "qq"), ("163.com", "netease"),
        ("126.com", "netease"), ("yeah.net", "netease"), ("netease", "netease"), ("sina.com", "sina"),
        ("sina.cn", "sina"), ("aliyun", "aliyun"), ("mxhichina", "aliyun"), ("alibaba", "aliyun"),
    ]

    /// Phrases MTAs put in the text they write.
    static let software: [(needle: String, name: String)] = [
        ("qmail-send program", "qmail"), ("this is the mail system at host", "postfix"),
        ("mail delivery software", "exim"), ("transcript of session follows", "sendmail"),
        ("the original message was received at", "sendmail"), ("microsoft exchange", "exchange"),
        ("diagnostic information for administrators", "exchange"),
        ("delivery has failed to these recipients", "exchange"),
    ]

    static func identify(from: String, reportingMTA: String?, mailer: String?, text: String) -> String {
        let sender = from.lowercased()
        for (needle, name) in providers where sender.contains(needle) { return name }
        let lowerText = text.lowercased()
        for (needle, name) in software where lowerText.contains(needle) { return name }
        let reporter = (reportingMTA ?? "").lowercased() + " " + (mailer ?? "").lowercased()
        for (needle, name) in providers where reporter.contains(needle) { return name }
        if reporter.contains("postfix") { return "postfix" }
        if reporter.contains("exim") { return "exim" }
        if reporter.contains("sendmail") { return "sendmail" }
        return "unknown"
    }
}
