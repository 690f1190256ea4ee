// PreviewWriter: .eml files plus an index.html that shows each HTML part in a sandboxed frame.
import Foundation

/// Writes preview files into a folder.
public final class PreviewWriter {
    private let folder: String
    private var rows: [String] = []

    /// Creates the folder if needed.
    /// - Throws: `FileError` (exit 73) when it cannot.
    public init(folder: String) throws {
        self.folder = folder
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw FileError(.cannotWrite(reason: error.localizedDescription), path: folder, role: "preview folder")
        }
    }

    /// Writes `message` as `NNNN-line-L.eml` and remembers it for the index.
    public func add(_ message: RenderedMessage, line: Int) throws {
        let name = String(format: "%04d-line-%d.eml", rows.count + 1, line)
        try write(name, bytes: message.bytes)
        let frame = message.html.map {
            // srcdoc inside a sandbox with no permissions: no scripts, no forms, no navigation of the index.
            "<iframe sandbox=\"\" referrerpolicy=\"no-referrer\" srcdoc=\"\(HTMLText.escape($0))\"></iframe>"
        } ?? "<pre>\(HTMLText.escape(message.text ?? ""))</pre>"
        rows.append("""
            <tr><td>\(rows.count + 1)</td><td>\(line)</td><td>\(HTMLText.escape(message.recipient.wireForm))</td>\
            <td>\(HTMLText.escape(message.subject))</td><td><a href="\(name)">\(name)</a></td></tr>
            <tr><td colspan="5">\(frame)</td></tr>
            """)
    }

    /// Writes index.html.
    public func finish() throws {
        let html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>edm preview</title>
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-src 'self'">
            <style>body{font-family:system-ui,sans-serif;margin:24px}table{border-collapse:collapse;width:100%}
            td,th{border:1px solid #ccc;padding:6px;vertical-align:top;text-align:left}
            iframe{width:100%;height:480px;border:0;background:#fff}</style></head>
            <body><h1>edm preview</h1><table><tr><th>#</th><th>CSV line</th><th>recipient</th><th>subject</th><th>file</th></tr>
            \(rows.joined(separator: "\n"))
            </table></body></html>

            """
        try write("index.html", bytes: Array(html.utf8))
    }

    private func write(_ name: String, bytes: [UInt8]) throws {
        let path = (folder as NSString).appendingPathComponent(name)
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw FileError(.cannotWrite(reason: "cannot create file"), path: path, role: "preview file")
        }
    }
}
