// DryRun: renders every row of a campaign exactly as a send would, and counts what would happen.
import Foundation
import Mail

/// What a dry run found.
public struct DryRunReport: Sendable {
    /// Rows read from the list.
    public var rows = 0
    /// Messages rendered and built (would be sent).
    public var rendered = 0
    /// Bytes of all rendered messages.
    public var bytes = 0
    /// Skipped rows by state name (invalid, duplicate, no-consent, suppressed).
    public var skipped: [String: Int] = [:]
    /// The first few examples of each skip state and of render errors: "recipients.csv:7: … ".
    public var examples: [String: [String]] = [:]
    /// Rows whose message could not be built.
    public var renderErrors = 0
    public var seconds = 0.0

    static let examplesPerKind = 3

    mutating func note(_ kind: String, _ text: String) {
        if examples[kind, default: []].count < Self.examplesPerKind { examples[kind, default: []].append(text) }
    }
}

/// Runs the whole pipeline without a transport.
public enum DryRun {
    /// Reads, checks and renders every row. Nothing is written.
    public static func run(_ prepared: PreparedCampaign, date: String) throws -> DryRunReport {
        var report = DryRunReport()
        let start = DispatchTime.now().uptimeNanoseconds
        let file = prepared.recipients.displayPath
        while let decision = try prepared.next() {
            report.rows += 1
            switch decision {
            case .skip(let recipient, let reason):
                report.skipped[reason.state, default: 0] += 1
                report.note(reason.state, "\(file):\(recipient.line): \(recipient.rawEmail): \(reason.explanation)")
            case .deliver(let recipient, let address, let key):
                do {
                    let message = try prepared.renderer.render(recipient, address: address, key: key, date: date)
                    report.rendered += 1
                    report.bytes += message.bytes.count
                } catch {
                    report.renderErrors += 1
                    report.note("error", "\(file):\(recipient.line): \(recipient.rawEmail): \(error)")
                }
            }
        }
        report.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return report
    }
}
