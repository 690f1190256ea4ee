// SVGChart: the report's charts as inline SVG (bars, and a step area over time), accessible and script-free.
import Foundation

/// Draws charts as SVG text for the HTML report. Every string from data goes through `HTMLText.escape`.
///
/// Each chart is `role="img"` labelled by its `<title>` and `<desc>` (WAI-ARIA Graphics: the desc states the
/// numbers in words, so a screen reader gets the data, not just "chart"). Sizes come from a `viewBox`, so
/// the chart scales with the page; colours are attributes, so the SVG needs no style sheet.
enum SVGChart {
    /// One coloured part of a bar.
    struct Segment {
        var name: String
        var value: Int
        var color: String
    }

    /// One labelled bar, made of segments laid end to end.
    struct Bar {
        var label: String
        var segments: [Segment]
        var total: Int { segments.reduce(0) { $0 + $1.value } }
    }

    static let width = 640.0
    private static let labelWidth = 170.0
    private static let valueWidth = 64.0
    private static let rowHeight = 24.0
    /// Longest bar label before it is cut (the full text is in the row's tooltip and in the table).
    private static let labelLength = 26

    /// Horizontal bars, longest scaled to the available width; a legend when bars have several segments.
    static func bars(id: String, title: String, description: String, bars: [Bar]) -> String {
        let legendNames = bars.contains(where: { $0.segments.count > 1 })
            ? (bars.first?.segments.map { ($0.name, $0.color) } ?? []) : []
        let top = legendNames.isEmpty ? 8.0 : 32.0
        let height = top + Double(bars.count) * rowHeight + 8
        let peak = Double(max(bars.map(\.total).max() ?? 0, 1))
        let span = width - labelWidth - valueWidth
        var svg = open(id: id, title: title, description: description, height: height)
        var x = labelWidth
        for (name, color) in legendNames {
            svg += "<rect x=\"\(f(x))\" y=\"8\" width=\"12\" height=\"12\" fill=\"\(color)\"/>"
            svg += "<text x=\"\(f(x + 16))\" y=\"18\" font-size=\"12\">\(HTMLText.escape(name))</text>"
            x += 24 + Double(name.count) * 7
        }
        for (row, bar) in bars.enumerated() {
            let y = top + Double(row) * rowHeight
            let tooltip = bar.label + ": " + bar.segments.filter { $0.value > 0 }
                .map { bar.segments.count > 1 ? "\($0.name) \($0.value)" : "\($0.value)" }
                .joined(separator: ", ")
            svg += "<g><title>\(HTMLText.escape(tooltip))</title>"
            let label = bar.label.count > labelLength ? String(bar.label.prefix(labelLength - 1)) + "…" : bar.label
            svg += "<text x=\"\(f(labelWidth - 8))\" y=\"\(f(y + 16))\" font-size=\"12\" text-anchor=\"end\">"
                + "\(HTMLText.escape(label))</text>"
            var start = labelWidth
            for segment in bar.segments where segment.value > 0 {
                let length = max(Double(segment.value) / peak * span, 1)
                svg += "<rect x=\"\(f(start))\" y=\"\(f(y + 4))\" width=\"\(f(length))\" height=\"16\""
                    + " fill=\"\(segment.color)\"/>"
                start += length
            }
            svg += "<text x=\"\(f(start + 6))\" y=\"\(f(y + 16))\" font-size=\"12\">\(bar.total)</text></g>"
        }
        return svg + "</svg>"
    }

    /// Accepted outcomes per bucket as a step area, deferred plus failed as a step line over it.
    static func timeline(id: String, title: String, description: String, buckets: [SendTimeline.Bucket],
                         width bucketWidth: Int64, labels: [String]) -> String {
        let height = 260.0
        let left = 56.0, right = 16.0, top = 16.0, bottom = 44.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let peak = niceCeiling(buckets.map { max($0.accepted, $0.deferred + $0.failed) }.max() ?? 0)
        let step = plotWidth / Double(max(buckets.count, 1))
        func y(_ value: Int) -> Double { top + plotHeight - Double(value) / Double(peak) * plotHeight }
        var svg = open(id: id, title: title, description: description, height: height)
        // Grid and y labels: zero, half (when whole) and the top.
        for value in peak % 2 == 0 ? [0, peak / 2, peak] : [0, peak] {
            svg += "<line x1=\"\(f(left))\" y1=\"\(f(y(value)))\" x2=\"\(f(width - right))\" y2=\"\(f(y(value)))\""
                + " stroke=\"#d0d4d9\" stroke-width=\"1\"/>"
            svg += "<text x=\"\(f(left - 6))\" y=\"\(f(y(value) + 4))\" font-size=\"12\" text-anchor=\"end\">\(value)</text>"
        }
        var area = "M\(f(left)),\(f(y(0)))"
        var failures = ""
        for (index, bucket) in buckets.enumerated() {
            let x0 = left + Double(index) * step, x1 = x0 + step
            area += " L\(f(x0)),\(f(y(bucket.accepted))) L\(f(x1)),\(f(y(bucket.accepted)))"
            let failed = bucket.deferred + bucket.failed
            failures += (index == 0 ? "M" : " L") + "\(f(x0)),\(f(y(failed))) L\(f(x1)),\(f(y(failed)))"
        }
        area += " L\(f(left + Double(buckets.count) * step)),\(f(y(0))) Z"
        svg += "<path d=\"\(area)\" fill=\"#2e7d32\" fill-opacity=\"0.35\" stroke=\"#2e7d32\" stroke-width=\"1.5\"/>"
        if buckets.contains(where: { $0.deferred + $0.failed > 0 }) {
            svg += "<path d=\"\(failures)\" fill=\"none\" stroke=\"#c62828\" stroke-width=\"2\"/>"
        }
        // X labels: the first, middle and last bucket starts.
        let picks = Array(Set([0, labels.count / 2, labels.count - 1])).filter { labels.indices.contains($0) }.sorted()
        for index in picks {
            let anchor = index == 0 ? "start" : index == labels.count - 1 && index > 0 ? "end" : "middle"
            let x = index == labels.count - 1 && index > 0 ? left + Double(index + 1) * step : left + Double(index) * step
            svg += "<text x=\"\(f(x))\" y=\"\(f(height - bottom + 18))\" font-size=\"12\" text-anchor=\"\(anchor)\">"
                + "\(HTMLText.escape(labels[index]))</text>"
        }
        svg += "<rect x=\"\(f(left))\" y=\"\(f(height - 16))\" width=\"12\" height=\"10\" fill=\"#2e7d32\" fill-opacity=\"0.5\"/>"
        svg += "<text x=\"\(f(left + 16))\" y=\"\(f(height - 7))\" font-size=\"12\">accepted per"
            + " \(ReportFormatting.width(bucketWidth))</text>"
        svg += "<line x1=\"\(f(left + 190))\" y1=\"\(f(height - 11))\" x2=\"\(f(left + 206))\" y2=\"\(f(height - 11))\""
            + " stroke=\"#c62828\" stroke-width=\"2\"/>"
        svg += "<text x=\"\(f(left + 212))\" y=\"\(f(height - 7))\" font-size=\"12\">deferred + failed</text>"
        return svg + "</svg>"
    }

    /// The smallest 1, 2 or 5 times a power of ten at or above `value` (at least 1): a round axis top.
    static func niceCeiling(_ value: Int) -> Int {
        var magnitude = 1
        while true {
            for factor in [1, 2, 5] where factor * magnitude >= value { return factor * magnitude }
            magnitude *= 10
        }
    }

    private static func open(id: String, title: String, description: String, height: Double) -> String {
        "<svg role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" viewBox=\"0 0 \(f(width)) \(f(height))\""
            + " preserveAspectRatio=\"xMinYMin meet\">"
            + "<title id=\"\(id)-title\">\(HTMLText.escape(title))</title>"
            + "<desc id=\"\(id)-desc\">\(HTMLText.escape(description))</desc>"
    }

    /// A coordinate with at most one decimal.
    private static func f(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
