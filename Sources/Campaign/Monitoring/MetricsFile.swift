// MetricsFile: the Prometheus textfile, replaced atomically so node_exporter never reads half a file.

/// Writes `MetricsExposition` output to a `.prom` file for node_exporter's textfile collector: a temporary
/// file in the same folder, then `rename` (node_exporter docs: "write to a temporary file and move it").
public struct MetricsFile: Sendable {
    public let path: String
    /// The path as the user typed it, for messages.
    public let shown: String

    public init(path: String, shown: String) {
        self.path = path
        self.shown = shown
    }

    /// - Throws: `FileError` (exit 73) when the folder cannot take the file.
    public func write(_ text: String) throws(FileError) {
        // 0644: the collector usually runs as another user; the file holds counts, never addresses.
        try AtomicFile.write(Array(text.utf8), to: path, shown: shown, role: "metrics file", newFileMode: 0o644)
    }
}
