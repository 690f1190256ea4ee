// ReportHTMLRenderer: the report as one self-contained HTML file: inline CSS, inline SVG charts, no scripts.
import Foundation

/// Writes a `CampaignReport` as a single HTML page that renders offline in any browser.
///
/// Nothing is loaded: no URLs in `src`/`href`, no web fonts, no scripts, and a Content Security Policy that
/// forbids them all anyway (defence in depth should escaping ever miss); the SVG needs no namespace
/// declaration when inline (HTML Standard §13.2.6.5). The markup is also well-formed XML (void elements
/// closed, only the five XML entities), so XML tools and tests can parse it. Every string from the journal
/// or the campaign file is escaped by `HTMLText`; every chart has a table with the same numbers.
public enum ReportHTMLRenderer {
    /// Bars in the per-domain chart, and rows in its table.
    static let domainBars = 12
    static let domainRows = 50
    static let failureRows = 20

    static let stateColors: [String: String] = [
        "accepted": "#2e7d32", "deferred": "#ef8f00", "failed": "#c62828", "uncertain": "#7b1fa2",
        "expired": "#6d4c41", "suppressed": "#546e7a", "invalid": "#9e9e9e", "duplicate": "#90a4ae",
        "no-consent": "#b0bec5",
    ]
    static let classColors: [Int: String] = [2: "#2e7d32", 3: "#1565c0", 4: "#ef8f00", 5: "#c62828"]

    public static func write(_ report: CampaignReport, to out: inout some TextOutputStream) {
        let name = report.campaignName.isEmpty ? report.campaignID : report.campaignName
        out.write("""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"/>
            <title>\(HTMLText.escape("Campaign report: " + name))</title>
            <style>\(style)</style>
            </head>
            <body>
            <header>
            <h1>\(HTMLText.escape(name))</h1>
            <p class="meta">Campaign <code>\(HTMLText.escape(report.campaignID))</code> · report made \
            \(ReportFormatting.timestamp(report.generatedAt)) (times in UTC) by <code>edm report</code></p>
            </header>
            <main>

            """)
        out.write(summary(report))
        out.write("<div class=\"charts\">\n")
        out.write(outcomes(report))
        out.write(timeline(report))
        out.write(domains(report))
        out.write(replyCodes(report))
        out.write("</div>\n")
        out.write(failures(report))
        out.write("</main>\n<footer><p>Counts by state and domain are per recipient (the latest journal record"
            + " decides); reply codes, failures and the timeline count every attempt.</p></footer>\n</body>\n</html>\n")
    }

    // MARK: - Sections

    private static func summary(_ report: CampaignReport) -> String {
        let items: [(String, String)] = [
            ("Recipients", String(report.recipients)),
            ("Accepted", String(report.counts["accepted", default: 0])),
            ("Deferred", String(report.counts["deferred", default: 0])),
            ("Failed", String(report.counts["failed", default: 0])),
            ("Attempts", String(report.attempts)),
            ("Retries", String(report.retries)),
            ("Duration", ReportFormatting.duration(report.duration)),
            ("Accepted rate", ReportFormatting.rate(report.acceptedPerSecond)),
        ]
        var span = ""
        if let first = report.firstRecord, let last = report.lastRecord {
            span = "<p class=\"meta\">Journal records from \(ReportFormatting.timestamp(first)) to"
                + " \(ReportFormatting.timestamp(last)).</p>"
        }
        return "<section aria-labelledby=\"summary-heading\"><h2 id=\"summary-heading\">Summary</h2>\n<dl class=\"kpis\">"
            + items.map { "<div><dt>\(HTMLText.escape($0.0))</dt><dd>\(HTMLText.escape($0.1))</dd></div>" }.joined()
            + "</dl>\(span)</section>\n"
    }

    private static func outcomes(_ report: CampaignReport) -> String {
        let states = CampaignReport.stateOrder.filter { report.counts[$0, default: 0] > 0 }
        let bars = states.map {
            SVGChart.Bar(label: $0, segments: [.init(name: $0, value: report.counts[$0, default: 0],
                                                     color: stateColors[$0] ?? "#90a4ae")])
        }
        let words = states.map { "\($0) \(report.counts[$0, default: 0])" }.joined(separator: ", ")
        let chart = SVGChart.bars(id: "outcomes", title: "Recipients by state",
                                  description: words.isEmpty ? "No recipients yet." : "Recipients by state: \(words).",
                                  bars: bars)
        return figure("Recipients by state", chart: chart, table: table(
            ["State", "Recipients"], states.map { [$0, String(report.counts[$0, default: 0])] }))
    }

    private static func timeline(_ report: CampaignReport) -> String {
        let (width, buckets) = report.timeline.buckets()
        guard !buckets.isEmpty else {
            return "<figure><figcaption>Send rate over time</figcaption><p>No delivery outcomes yet.</p></figure>\n"
        }
        let spansDays = (buckets.first?.start ?? 0) / 86_400_000 != (buckets.last?.start ?? 0) / 86_400_000
        let labels = buckets.map { ReportFormatting.bucketLabel($0.start, width: width, spansDays: spansDays) }
        let peak = buckets.max { $0.accepted < $1.accepted }
        let accepted = buckets.reduce(0) { $0 + $1.accepted }
        let problems = buckets.reduce(0) { $0 + $1.deferred + $1.failed }
        var words = "\(accepted) accepted and \(problems) deferred or failed outcomes in \(buckets.count) buckets of"
            + " \(ReportFormatting.width(width)) from \(labels.first ?? "") to \(labels.last ?? "") UTC"
        if let peak, let index = buckets.firstIndex(of: peak) {
            words += "; at most \(peak.accepted) accepted per bucket, at \(labels[index])"
        }
        let chart = SVGChart.timeline(id: "timeline", title: "Send rate over time", description: words + ".",
                                      buckets: buckets, width: width, labels: labels)
        return figure("Send rate over time (per \(ReportFormatting.width(width)), UTC)", chart: chart, table: table(
            ["Bucket start", "Accepted", "Deferred", "Failed"],
            zip(labels, buckets).map { [$0, String($1.accepted), String($1.deferred), String($1.failed)] }))
    }

    private static func domains(_ report: CampaignReport) -> String {
        let shown = Array(report.domains.prefix(domainBars))
        let bars = shown.map { row in
            SVGChart.Bar(label: row.domain, segments: [
                .init(name: "accepted", value: row.counts["accepted", default: 0], color: stateColors["accepted"] ?? ""),
                .init(name: "deferred", value: row.counts["deferred", default: 0], color: stateColors["deferred"] ?? ""),
                .init(name: "failed", value: row.counts["failed", default: 0], color: stateColors["failed"] ?? ""),
                .init(name: "other", value: row.other, color: "#b0bec5"),
            ])
        }
        let words = shown.map { "\($0.domain) \($0.total)" }.joined(separator: ", ")
        let title = "Recipient domains" + (report.domains.count > domainBars ? " (top \(domainBars))" : "")
        let chart = SVGChart.bars(id: "domains", title: title,
                                  description: words.isEmpty ? "No recipients yet." : "Recipients per domain: \(words).",
                                  bars: bars)
        var caption = title
        if report.hashedAddresses {
            caption += ": journal.hash_addresses is on, so the journal holds keyed hashes and domains are unknown"
        }
        let rows = report.domains.prefix(domainRows).map { row in
            [row.domain, String(row.counts["accepted", default: 0]), String(row.counts["deferred", default: 0]),
             String(row.counts["failed", default: 0]), String(row.other), String(row.total)]
        }
        var more = ""
        if report.domains.count > domainRows {
            more = "<p>\(report.domains.count - domainRows) more domains: <code>edm report --format json</code> lists all.</p>"
        }
        return figure(caption, chart: chart, table: table(
            ["Domain", "Accepted", "Deferred", "Failed", "Other", "Total"], Array(rows)) + more)
    }

    private static func replyCodes(_ report: CampaignReport) -> String {
        guard !report.replyCodes.isEmpty else {
            return "<figure><figcaption>SMTP reply codes</figcaption><p>No SMTP replies recorded (the outbox"
                + " transport has none).</p></figure>\n"
        }
        let bars = report.replyCodes.map {
            SVGChart.Bar(label: "\($0.code)", segments: [.init(name: $0.replyClass, value: $0.count,
                                                               color: classColors[$0.code / 100] ?? "#90a4ae")])
        }
        let words = report.replyCodes.map { "\($0.code) \($0.count)" }.joined(separator: ", ")
        let chart = SVGChart.bars(id: "codes", title: "SMTP reply codes",
                                  description: words.isEmpty ? "No replies yet." : "Outcomes by reply code: \(words).",
                                  bars: bars)
        return figure("SMTP reply codes (every attempt)", chart: chart, table: table(
            ["Code", "Class", "Outcomes"], report.replyCodes.map { [String($0.code), $0.replyClass, String($0.count)] }))
    }

    private static func failures(_ report: CampaignReport) -> String {
        guard !report.topFailures.isEmpty else {
            return "<section aria-labelledby=\"failures-heading\"><h2 id=\"failures-heading\">Failure replies</h2>"
                + "<p>No deferred or failed attempts.</p></section>\n"
        }
        let rows = report.topFailures.prefix(failureRows).map {
            [$0.code.map(String.init) ?? "", $0.enhanced ?? "", $0.text, String($0.count)]
        }
        return "<section aria-labelledby=\"failures-heading\"><h2 id=\"failures-heading\">Most frequent failure"
            + " replies</h2>\n" + table(["Code", "Enhanced", "Reply (addresses replaced)", "Attempts"], Array(rows)) + "</section>\n"
    }

    // MARK: - Pieces

    private static func figure(_ caption: String, chart: String, table: String) -> String {
        "<figure><figcaption>\(HTMLText.escape(caption))</figcaption>\n\(chart)\n"
            + "<details><summary>Table</summary>\(table)</details></figure>\n"
    }

    private static func table(_ header: [String], _ rows: [[String]], caption: String? = nil) -> String {
        var html = "<table>"
        if let caption { html += "<caption>\(HTMLText.escape(caption))</caption>" }
        html += "<thead><tr>" + header.map { "<th scope=\"col\">\(HTMLText.escape($0))</th>" }.joined() + "</tr></thead><tbody>"
        for row in rows {
            html += "<tr>" + row.enumerated().map { index, cell in
                let numeric = !cell.isEmpty && cell.allSatisfy(\.isNumber)
                return "<td\(numeric && index > 0 ? " class=\"num\"" : "")>\(HTMLText.escape(cell))</td>"
            }.joined() + "</tr>"
        }
        return html + "</tbody></table>"
    }

    private static let style = """
        :root{color-scheme:light;--fg:#1f2328;--muted:#59636e;--line:#d0d7de;--bg:#fff;--card:#f6f8fa}\
        *{box-sizing:border-box}\
        body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC",sans-serif;\
        color:var(--fg);background:var(--bg)}\
        header,main,footer{max-width:1200px;margin:0 auto;padding:0 20px}\
        header{padding-top:20px}h1{font-size:1.6rem;margin:0 0 4px}h2{font-size:1.2rem;margin:24px 0 8px}\
        .meta,footer{color:var(--muted);font-size:.9rem}\
        .kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(120px,1fr));gap:10px;margin:0}\
        .kpis div{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 12px}\
        .kpis dt{color:var(--muted);font-size:.8rem;text-transform:uppercase;letter-spacing:.04em}\
        .kpis dd{margin:2px 0 0;font-size:1.25rem;font-weight:600;overflow-wrap:anywhere}\
        .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,480px),1fr));gap:16px;margin-top:20px}\
        figure{margin:0;border:1px solid var(--line);border-radius:8px;padding:12px 14px;min-width:0}\
        figcaption{font-weight:600;margin-bottom:6px}\
        svg{display:block;width:100%;height:auto;font-family:inherit}svg text{fill:#1f2328}\
        details{margin-top:6px;font-size:.9rem}summary{cursor:pointer;color:var(--muted)}\
        table{border-collapse:collapse;width:100%;font-size:.9rem;margin-top:6px}\
        th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--line);vertical-align:top;overflow-wrap:anywhere}\
        td.num{text-align:right;font-variant-numeric:tabular-nums}th{background:var(--card)}\
        code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}\
        footer{margin-top:24px;padding-bottom:24px}
        """
}
