// InputFingerprints: SHA-256 of the campaign's inputs, so a resumed run knows whether they changed.
import EdmCrypto
import Foundation

/// Fingerprints stored in the journal header (issue #5: changed inputs refuse to resume).
enum InputFingerprints {
    /// SHA-256 hex of a file, streamed in 1 MiB chunks (recipient lists may be large).
    static func file(_ path: String) throws -> String {
        let hasher = try SHA256Hasher()
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw FileError(.unreadable(reason: "cannot open"), path: path, role: "input")
        }
        defer { try? handle.close() }
        while true {
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { break }
            try hasher.update([UInt8](chunk))
        }
        return Hex.encode(try hasher.finish())
    }

    /// The header inputs for `campaign`.
    static func inputs(for campaign: Campaign) throws -> JournalHeader.Inputs {
        var templates = Array(campaign.message.subject.utf8)
        for path in [campaign.message.html, campaign.message.text].compactMap({ $0 }) {
            templates += Array(try file(path).utf8)
        }
        let campaignPath = campaign.file.hasPrefix("/")
            ? campaign.file : (campaign.baseDirectory as NSString).appendingPathComponent((campaign.file as NSString).lastPathComponent)
        return JournalHeader.Inputs(
            campaign: try file(campaignPath), recipients: try file(campaign.recipients.file),
            templates: SHA256.hexHash(templates))
    }
}
