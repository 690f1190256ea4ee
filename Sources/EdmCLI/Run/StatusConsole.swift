// StatusConsole: standard error shared by the live status line and the lines printed above it.
import Campaign

/// Keeps one redrawable status line at the bottom of a terminal. Other text written through the console
/// (log lines, warnings) clears the status line first and redraws it after, so they never interleave.
final class StatusConsole: Sendable {
    private let write: @Sendable (String) -> Void
    /// When false (NO_COLOR, --no-color, TERM=dumb) the line is cleared with spaces instead of `ESC [2K`.
    private let escapes: Bool
    private let state = Locked<String>("")

    init(write: @escaping @Sendable (String) -> Void, escapes: Bool) {
        self.write = write
        self.escapes = escapes
    }

    /// Replaces the status line with `line`.
    func show(_ line: String) {
        state.withLock { current in
            write(clearing(current) + line)
            current = line
        }
    }

    /// Writes `text` (whole lines) above the status line.
    func print(_ text: String) {
        state.withLock { current in
            if current.isEmpty {
                write(text)
            } else {
                write(clearing(current) + text + current)
            }
        }
    }

    /// Removes the status line for good (before the summary).
    func clear() {
        state.withLock { current in
            if !current.isEmpty { write(clearing(current)) }
            current = ""
        }
    }

    private func clearing(_ current: String) -> String {
        guard !current.isEmpty else { return "" }
        // ECMA-48 §8.3.41 EL (erase in line), parameter 2: the whole line.
        return escapes ? "\r\u{1B}[2K" : "\r" + String(repeating: " ", count: current.count) + "\r"
    }
}
