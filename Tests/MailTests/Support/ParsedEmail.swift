// ParsedEmail: what Fixtures/parse_eml.py reported for one message, with lookup helpers.
import Foundation

/// One message as Python's `email` package parsed it.
struct ParsedEmail {
    /// What parse_eml.py printed for one part.
    struct Part {
        var contentType: String
        var isMultipart: Bool
        var disposition: String?
        var filename: String?
        var contentID: String?
        var transferEncoding: String?
        var text: String?
        var data: [UInt8]
        var headerNames: [String]
    }

    var error: String?
    var headers: [(name: String, value: String)] = []
    var rawHeaders: [(name: String, value: String)] = []
    var addresses: [String: [(name: String, address: String)]] = [:]
    var defects: [String] = []
    var parts: [Part] = []

    var headerNames: [String] { headers.map(\.name) }

    /// The decoded value of the first header called `name`.
    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The leaf parts (no multipart containers).
    var leaves: [Part] { parts.filter { !$0.isMultipart } }

    /// The decoded text of the first leaf of `contentType` that is not an attachment, LF line ends.
    func text(_ contentType: String) -> String? {
        leaves.first { $0.contentType == contentType && $0.disposition != "attachment" }?.text
            .map { $0.replacingOccurrences(of: "\r\n", with: "\n") }
    }
}
