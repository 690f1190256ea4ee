// BounceJSON: one JSON object per imported message for `edm bounces import --json`.
import Campaign
import Mail

/// `{"file","class","reason","format","mta","message_id","campaign","duplicate","recipients":[…],"actions":[…]}`;
/// a skipped input is `{"file","problem"}`.
enum BounceJSON {
    static func object(_ result: BounceMessageResult) -> String {
        guard let report = result.report else {
            return JSONText.object([("file", JSONText.quote(result.location)),
                                    ("problem", JSONText.quote(result.problem ?? ""))])
        }
        let recipients = report.recipients.map { recipient in
            JSONText.object([
                ("address", JSONText.quote(recipient.address)),
                ("class", JSONText.quote(recipient.bounceClass.rawValue)),
                ("reason", JSONText.quote(recipient.reason)),
                ("status", optional(recipient.status)),
                ("code", recipient.smtpCode.map(String.init) ?? "null"),
                ("diagnostic", optional(recipient.diagnostic)),
            ])
        }
        return JSONText.object([
            ("file", JSONText.quote(result.location)),
            ("class", JSONText.quote(report.bounceClass.rawValue)),
            ("reason", JSONText.quote(report.reason)),
            ("format", JSONText.quote(report.format)),
            ("mta", JSONText.quote(report.mta)),
            ("message_id", optional(report.originalMessageID)),
            ("campaign", optional(report.campaignID)),
            ("duplicate", result.duplicate ? "true" : "false"),
            ("recipients", "[" + recipients.joined(separator: ",") + "]"),
            ("actions", "[" + result.actions.map(JSONText.quote).joined(separator: ",") + "]"),
        ])
    }

    private static func optional(_ text: String?) -> String { text.map(JSONText.quote) ?? "null" }
}
