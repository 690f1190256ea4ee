// EventLogLine: one run event as a log line, readable text or one JSON object (docs/monitoring.md).
import Foundation

/// Formats run events for `--log-format text|json`. Never includes message bodies or credentials: events carry
/// only the recipient key, relay name, reply code and reply text; addresses are masked when `mask` is on.
public struct EventLogLine: Sendable {
    public enum Format: String, Sendable, CaseIterable { case text, json }

    public let format: Format
    public let mask: AddressMask
    public let campaignID: String

    public init(format: Format, mask: AddressMask, campaignID: String) {
        self.format = format
        self.mask = mask
        self.campaignID = campaignID
    }

    /// The level of an event: a delivery problem is a warning, an intent is debug detail.
    public static func level(_ event: RunEvent) -> String {
        switch event.state {
        case .attempting: "debug"
        case .deferred, .failed, .uncertain, .expired: "warning"
        default: "info"
        }
    }

    /// One line (with its newline) for `event`.
    public func line(_ event: RunEvent) -> String {
        let recipient = mask.key(event.key)
        let text = event.reply.map { mask.text($0) }
        let durationMS = event.duration.map { Int(($0 * 1000).rounded()) }
        switch format {
        case .json:
            var members: [(String, String)] = [
                ("time", JSONText.quote(Self.timestamp(event.time))),
                ("level", JSONText.quote(Self.level(event))),
                ("event", JSONText.quote(event.state.rawValue)),
                ("campaign", JSONText.quote(campaignID)),
                ("recipient", JSONText.quote(recipient)),
            ]
            if !event.domain.isEmpty { members.append(("domain", JSONText.quote(event.domain))) }
            if let relay = event.relay { members.append(("relay", JSONText.quote(relay))) }
            if let code = event.code { members.append(("code", String(code))) }
            if let enhanced = event.enhancedStatus { members.append(("enhanced", JSONText.quote(enhanced))) }
            if let text { members.append(("text", JSONText.quote(text))) }
            if let attempt = event.attempt { members.append(("attempt", String(attempt))) }
            if let durationMS { members.append(("duration_ms", String(durationMS))) }
            return JSONText.object(members) + "\n"
        case .text:
            var words = [Self.timestamp(event.time), event.state.rawValue, recipient]
            if let relay = event.relay { words.append("relay=\(relay)") }
            if let attempt = event.attempt { words.append("attempt=\(attempt)") }
            if let durationMS { words.append("\(durationMS)ms") }
            var line = words.joined(separator: " ")
            // Replies usually repeat the enhanced code at the start of their text (RFC 3463): show it once.
            let enhanced = event.enhancedStatus.flatMap { text?.hasPrefix($0 + " ") == true ? nil : $0 }
            let reply = [event.code.map(String.init), enhanced, text].compactMap { $0 }
            if !reply.isEmpty { line += ": " + reply.joined(separator: " ") }
            return Self.singleLine(line) + "\n"
        }
    }

    /// A run-level line: `event` "run-start" or "run-end", with extra members already JSON-encoded.
    public func runLine(_ event: String, level: String, message: String, fields: [(String, String)]) -> String {
        switch format {
        case .json:
            let members: [(String, String)] = [
                ("time", JSONText.quote(Self.timestamp(Date()))), ("level", JSONText.quote(level)),
                ("event", JSONText.quote(event)), ("campaign", JSONText.quote(campaignID)),
                ("text", JSONText.quote(mask.text(message))),
            ] + fields
            return JSONText.object(members) + "\n"
        case .text:
            return Self.singleLine("\(Self.timestamp(Date())) \(event) \(campaignID): \(mask.text(message))") + "\n"
        }
    }

    /// ISO 8601 in UTC with milliseconds (RFC 3339 §5.6), by the journal's formatter (one per event: no
    /// Foundation formatter on the hot path).
    public static func timestamp(_ date: Date) -> String {
        JournalTime.string(milliseconds: JournalTime.milliseconds(date))
    }

    /// Control characters (a reply text could carry any) shown as `\u{…}`, so one event stays one line.
    static func singleLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
