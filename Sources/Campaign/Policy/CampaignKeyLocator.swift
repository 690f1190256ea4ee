// CampaignKeyLocator: finds the line of a `[section] key` in a campaign file, so lint findings point at it.
import Foundation

/// Line positions of keys in the campaign file's text. Lint findings come after loading, when the TOML
/// positions are gone; a simple scan is enough because the file has already been parsed as valid TOML.
struct CampaignKeyLocator {
    let file: String
    private let lines: [String]

    /// - Parameter campaign: its file is read again (it is small and was just read); unreadable means
    ///   findings get no line.
    init(campaign: Campaign) {
        file = campaign.file
        let name = (campaign.file as NSString).lastPathComponent
        let path = (campaign.baseDirectory as NSString).appendingPathComponent(name)
        let bytes = (try? FileError.readSmallFile(path, role: "campaign file", limit: 4 << 20)) ?? []
        lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
    }

    /// A diagnostic at `key` in `[section]` (or at the section header when the key is not written, or at
    /// the file when neither is).
    func diagnostic(_ severity: Diagnostic.Severity, section: String, key: String?, message: String) -> Diagnostic {
        var current = ""
        var sectionLine: Int?
        for (offset, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                current = line.trimmingCharacters(in: CharacterSet(charactersIn: "[] \t"))
                if let end = current.firstIndex(of: "]") { current = String(current[..<end]) }
                if current == section, sectionLine == nil { sectionLine = offset }
                continue
            }
            guard current == section, let key, line.hasPrefix(key) else { continue }
            let rest = line.dropFirst(key.count).drop { $0 == " " || $0 == "\t" }
            if rest.hasPrefix("=") {
                let column = (raw.range(of: key).map { raw.distance(from: raw.startIndex, to: $0.lowerBound) } ?? 0) + 1
                return Diagnostic(severity, file: file, line: offset + 1, column: column, message: message,
                    sourceLine: raw)
            }
        }
        if let sectionLine {
            return Diagnostic(severity, file: file, line: sectionLine + 1, column: 1, message: message,
                sourceLine: lines[sectionLine])
        }
        return Diagnostic(severity, file: file, line: 0, column: 0, message: message)
    }
}
