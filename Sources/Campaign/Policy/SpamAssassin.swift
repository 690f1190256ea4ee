// SpamAssassin: scores rendered messages with a local `spamassassin -L -t` for `edm check --spamassassin`.
import Foundation

/// Runs SpamAssassin's local tests (`-L`: no DNS or network tests) on a message and reads its verdict from
/// the `X-Spam-Status:` header of the test report (`-t`), as `scripts/spamcheck` does in bash.
public enum SpamAssassin {
    /// One message's verdict.
    public struct Score: Sendable, Equatable {
        public var score: Double
        /// The rule names that fired (`tests=`), in SpamAssassin's order.
        public var rules: [String]

        public init(score: Double, rules: [String]) {
            self.score = score
            self.rules = rules
        }
    }

    /// SpamAssassin's default `required_score`: at or above it a message is spam.
    public static let spamThreshold = 5.0

    /// The `spamassassin` program on `path` (a PATH value; the usual system directories when nil).
    public static func executable(searchPath path: String?) -> String? {
        let directories = (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
        return directories.map { "\($0)/spamassassin" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Up to `limit` rendered messages, from the first rows that can be mailed.
    public static func sample(_ prepared: PreparedCampaign, limit: Int) throws -> [RenderedMessage] {
        let source = try RecipientSource(
            settings: prepared.campaign.recipients, requireConsent: prepared.campaign.compliance.requireConsent,
            displayPath: prepared.recipients.displayPath, dedupe: .firstRows)
        var messages: [RenderedMessage] = []
        while messages.count < limit, let recipient = try source.next() {
            guard recipient.verdict == .ok, let address = recipient.address, let key = recipient.key else { continue }
            messages.append(try prepared.renderer.render(
                recipient, address: address, key: key, date: "Thu, 01 Jan 2026 00:00:00 +0000", sign: true))
        }
        return messages
    }

    /// Scores `message` with `executable -L -t`.
    /// - Throws: `SpamAssassinError` when it cannot run or prints no `X-Spam-Status:` header.
    public static func score(_ message: [UInt8], executable: String) throws -> Score {
        let input = FileManager.default.temporaryDirectory
            .appendingPathComponent("edm-spamassassin-\(UUID().uuidString).eml")
        defer { try? FileManager.default.removeItem(at: input) }
        do {
            try Data(message).write(to: input)
        } catch {
            throw SpamAssassinError(message: "cannot write a temporary message for spamassassin: \(error.localizedDescription)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-L", "-t"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do {
            process.standardInput = try FileHandle(forReadingFrom: input)
            try process.run()
        } catch {
            throw SpamAssassinError(message: "cannot run \(executable): \(error.localizedDescription)")
        }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard let score = parseStatus(String(decoding: output, as: UTF8.self)) else {
            throw SpamAssassinError(
                message: "\(executable) exited with status \(process.terminationStatus) and printed no X-Spam-Status header")
        }
        return score
    }

    /// The score and rules of the `X-Spam-Status:` header in `report` (the header may be folded over lines;
    /// only the message header, up to the first empty line, is read).
    public static func parseStatus(_ report: String) -> Score? {
        var status: String?
        // "\r\n" is one Character, so splitting on newlines handles CRLF and LF alike.
        for line in report.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            if line.isEmpty { break }
            if let current = status, line.first == " " || line.first == "\t" {
                status = current + " " + line.trimmingCharacters(in: .whitespaces)
            } else if line.lowercased().hasPrefix("x-spam-status:") {
                if status != nil { break }
                status = String(line.dropFirst("x-spam-status:".count))
            } else if status != nil {
                break
            }
        }
        guard let status, let scoreText = value(of: "score", in: status), let score = Double(scoreText) else {
            return nil
        }
        let tests = value(of: "tests", in: status) ?? ""
        let rules = tests == "none" ? [] : tests.split(separator: ",").map(String.init).filter { !$0.isEmpty }
        return Score(score: score, rules: rules)
    }

    /// The value after `name=` up to the next space; a value ending in a comma continues in the next word
    /// (a folded `tests=` list).
    private static func value(of name: String, in status: String) -> String? {
        let words = status.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let start = words.firstIndex(where: { $0.hasPrefix(name + "=") }) else { return nil }
        var value = String(words[start].dropFirst(name.count + 1))
        var next = start + 1
        while value.hasSuffix(","), next < words.endIndex {
            value += words[next]
            next += 1
        }
        return value
    }
}

/// `spamassassin` could not run or its output could not be read.
public struct SpamAssassinError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
