// LargeTemplate: a realistic ~5 KB HTML newsletter with ten variables, for the repeated-render test.

import Mustache

enum LargeTemplate {
    /// About 5.5 KB: mostly static markup, ten distinct variables, one of them used twice.
    static let source: String = {
        let paragraph = """
            <tr><td style="padding:12px 24px;font-family:Helvetica,Arial,sans-serif;font-size:15px;\
            line-height:22px;color:#333333;">Lorem ipsum dolor sit amet, consectetur adipiscing elit. Sed do \
            eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam.</td></tr>

            """
        return """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>{{subject}}</title></head>
            <body style="margin:0;padding:0;background:#f4f4f4;">
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0">
            <tr><td>Dear {{first_name}},</td></tr>

            """
            + String(repeating: paragraph, count: 8)
            + """
            <tr><td>Your plan: {{plan}} (renews {{renewal_date}}), account {{account_id}}.</td></tr>
            <tr><td>Offer from {{company}}: <a href="{{offer_url}}">{{offer_title}}</a></td></tr>

            """
            + String(repeating: paragraph, count: 8)
            + """
            <tr><td>Questions? <a href="mailto:{{email}}">{{email}}</a></td></tr>
            <tr><td><a href="{{unsubscribe_url}}">Unsubscribe</a></td></tr>
            </table></body></html>

            """
    }()

    /// A recipient row as edm would build it from a CSV line.
    static func row(_ index: Int) -> MustacheValue {
        [
            "subject": "Your June update",
            "first_name": .string("Recipient \(index)"),
            "plan": "Pro",
            "renewal_date": "2025-07-01",
            "account_id": .string("AC-\(index)"),
            "company": "Tom & Jerry's",
            "offer_url": "https://example.com/offer?a=1&b=2",
            "offer_title": "Summer <sale>",
            "email": .string("user\(index)@example.com"),
            "unsubscribe_url": .string("https://example.com/u/\(index)")
        ]
    }
}
