// ReportJSONRenderer: the report as one JSON document (schema in docs/reports.md).
import Foundation

/// Writes a `CampaignReport` as one JSON object (RFC 8259), members in a fixed order. Times are RFC 3339 UTC
/// strings, durations seconds; every list is complete (no top-N cut), sorted as the text report sorts.
public enum ReportJSONRenderer {
    /// The `format_version` member: bumped when a member changes meaning or goes away (new members may appear).
    public static let formatVersion = 1

    public static func write(_ report: CampaignReport, to out: inout some TextOutputStream) {
        let (width, buckets) = report.timeline.buckets()
        let members: [(String, String)] = [
            ("format_version", String(formatVersion)),
            ("campaign", JSONText.quote(report.campaignID)),
            ("name", JSONText.quote(report.campaignName)),
            ("generated_at", JSONText.quote(ReportFormatting.timestamp(report.generatedAt))),
            ("hashed_addresses", String(report.hashedAddresses)),
            ("recipients", String(report.recipients)),
            ("records", String(report.recordCount)),
            ("first_record", report.firstRecord.map { JSONText.quote(ReportFormatting.timestamp($0)) } ?? "null"),
            ("last_record", report.lastRecord.map { JSONText.quote(ReportFormatting.timestamp($0)) } ?? "null"),
            ("duration_seconds", number(report.duration)),
            ("accepted_per_second", report.acceptedPerSecond.map(number) ?? "null"),
            ("attempts", String(report.attempts)),
            ("retries", String(report.retries)),
            ("counts", counts(report.counts)),
            ("domains", "[" + report.domains.map { row in
                JSONText.object([("domain", JSONText.quote(row.domain)), ("total", String(row.total)),
                                 ("counts", counts(row.counts))])
            }.joined(separator: ",") + "]"),
            ("reply_codes", "[" + report.replyCodes.map {
                JSONText.object([("code", String($0.code)), ("class", JSONText.quote($0.replyClass)),
                                 ("count", String($0.count))])
            }.joined(separator: ",") + "]"),
            ("top_failures", "[" + report.topFailures.map {
                JSONText.object([("code", $0.code.map(String.init) ?? "null"),
                                 ("enhanced", $0.enhanced.map(JSONText.quote) ?? "null"),
                                 ("text", JSONText.quote($0.text)), ("count", String($0.count))])
            }.joined(separator: ",") + "]"),
            ("timeline", JSONText.object([
                ("bucket_seconds", number(Double(width) / 1000)),
                ("buckets", "[" + buckets.map {
                    JSONText.object([("start", JSONText.quote(JournalTime.string(milliseconds: $0.start))),
                                     ("accepted", String($0.accepted)), ("deferred", String($0.deferred)),
                                     ("failed", String($0.failed))])
                }.joined(separator: ",") + "]"),
            ])),
        ]
        out.write(JSONText.object(members) + "\n")
    }

    /// Every state of `CampaignReport.stateOrder`, zeros included, so consumers need no defaults.
    private static func counts(_ counts: [String: Int]) -> String {
        JSONText.object(CampaignReport.stateOrder.map { ($0, String(counts[$0, default: 0])) })
    }

    /// A finite number with at most three decimals (JSON has no NaN or infinity).
    private static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        let text = String(format: "%.3f", value)
        return text.contains(".") ? String(text.reversed().drop { $0 == "0" }.drop { $0 == "." }.reversed()) : text
    }
}
