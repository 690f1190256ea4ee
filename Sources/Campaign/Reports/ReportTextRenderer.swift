// ReportTextRenderer: the report as plain tables for a terminal (`edm report`, the default format).

/// Writes a `CampaignReport` as aligned text: summary, states, domains, reply codes, failures, timeline.
public enum ReportTextRenderer {
    /// Rows of the per-domain table and of the failure list.
    static let domainRows = 15
    static let failureRows = 10
    /// Width of the timeline's bars, in characters.
    static let barWidth = 40

    public static func write(_ report: CampaignReport, to out: inout some TextOutputStream) {
        let title = report.campaignName.isEmpty ? report.campaignID : "\(report.campaignID) (\(report.campaignName))"
        out.write("\(ReportFormatting.plain(title)): \(report.recipients) recipients, \(report.recordCount) journal records\n")
        if let first = report.firstRecord, let last = report.lastRecord {
            out.write("from \(ReportFormatting.timestamp(first)) to \(ReportFormatting.timestamp(last))"
                + " (\(ReportFormatting.duration(report.duration))), accepted \(ReportFormatting.rate(report.acceptedPerSecond))\n")
        }
        out.write("attempts \(report.attempts), of which retries \(report.retries)\n")

        out.write("\nstate         recipients\n")
        for state in CampaignReport.stateOrder {
            let count = report.counts[state, default: 0]
            if count > 0 { out.write("  " + pad(state, 11) + leftPad(String(count), 11) + "\n") }
        }

        if !report.domains.isEmpty {
            if report.hashedAddresses {
                out.write("\n(journal.hash_addresses is on: the journal holds keyed hashes, so domains are unknown)\n")
            }
            out.write("\ndomain                          accepted  deferred    failed     other\n")
            for row in report.domains.prefix(domainRows) {
                out.write(pad(ReportFormatting.plain(row.domain), 30) + [row.counts["accepted", default: 0], row.counts["deferred", default: 0],
                    row.counts["failed", default: 0], row.other].map { leftPad(String($0), 10) }.joined() + "\n")
            }
            if report.domains.count > domainRows {
                out.write("(\(report.domains.count - domainRows) more domains; --format json or csv lists all)\n")
            }
        }

        if !report.replyCodes.isEmpty {
            out.write("\nreply code    outcomes\n")
            for code in report.replyCodes { out.write("  \(code.code)" + leftPad(String(code.count), 16) + "\n") }
        }

        if !report.topFailures.isEmpty {
            out.write("\nmost frequent failure replies (deferred and failed attempts):\n")
            for failure in report.topFailures.prefix(failureRows) {
                out.write(leftPad(String(failure.count), 8) + "  " + ReportFormatting.plain(failure.summary) + "\n")
            }
        }

        let (width, buckets) = report.timeline.buckets()
        if !buckets.isEmpty {
            let spansDays = (buckets.first?.start ?? 0) / 86_400_000 != (buckets.last?.start ?? 0) / 86_400_000
            out.write("\naccepted per \(ReportFormatting.width(width)) (UTC; deferred and failed after the bar)\n")
            let peak = max(buckets.map(\.accepted).max() ?? 0, 1)
            let labels = buckets.map { ReportFormatting.bucketLabel($0.start, width: width, spansDays: spansDays) }
            let labelWidth = labels.map(\.count).max() ?? 0
            for (bucket, label) in zip(buckets, labels) {
                let bar = String(repeating: "#", count: (bucket.accepted * barWidth + peak - 1) / peak)
                var line = "  " + pad(label, labelWidth) + " " + pad(bar, barWidth) + leftPad(String(bucket.accepted), 7)
                if bucket.deferred + bucket.failed > 0 { line += "  (\(bucket.deferred) deferred, \(bucket.failed) failed)" }
                out.write(line + "\n")
            }
        }
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        // Too long: kept whole, with one space so the next column stays apart.
        text.count > width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    private static func leftPad(_ text: String, _ width: Int) -> String {
        text.count >= width ? " " + text : String(repeating: " ", count: width - text.count) + text
    }
}
