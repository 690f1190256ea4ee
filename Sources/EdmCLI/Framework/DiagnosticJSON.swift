// DiagnosticJSON: a diagnostic as one line of JSON, for `edm check --json`.
import Campaign
import Foundation

/// `{"file","line","column","severity","rule","message"}`: the rule id is taken from the message's
/// trailing "(rule id)" and removed from it; `rule` is null for findings without one (campaign-file errors),
/// `line` and `column` are 0 when unknown.
enum DiagnosticJSON {
    static func line(_ diagnostic: Diagnostic) -> String {
        let (rule, message) = splitRule(diagnostic.message)
        return JSONText.object([
            ("file", JSONText.quote(diagnostic.file)),
            ("line", String(diagnostic.line)),
            ("column", String(diagnostic.column)),
            ("severity", JSONText.quote(diagnostic.severity.rawValue)),
            ("rule", rule.map(JSONText.quote) ?? "null"),
            ("message", JSONText.quote(message)),
        ])
    }

    /// The rule id at the end of `message` ("… (rule unsubscribe-link)") and the message without it.
    static func splitRule(_ message: String) -> (rule: String?, message: String) {
        guard message.hasSuffix(")"), let open = message.range(of: " (rule ", options: .backwards) else {
            return (nil, message)
        }
        let rule = message[open.upperBound..<message.index(before: message.endIndex)]
        guard !rule.isEmpty, rule.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else { return (nil, message) }
        return (String(rule), String(message[..<open.lowerBound]))
    }

    /// A render error example ("recipients.csv:7: message") as a diagnostic with rule `render`.
    static func renderError(_ example: String, campaignFile: String) -> Diagnostic {
        let parts = example.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        if parts.count == 3, let line = Int(parts[1]) {
            return Diagnostic(.error, file: String(parts[0]), line: line, column: 0,
                message: parts[2].trimmingCharacters(in: .whitespaces) + " (rule render)")
        }
        return Diagnostic(.error, file: campaignFile, line: 0, column: 0, message: example + " (rule render)")
    }
}
