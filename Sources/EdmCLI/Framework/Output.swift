// Output: where a command's text goes: the real stdout/stderr, or buffers that tests read back.
import Campaign
import Foundation

/// The two text streams a command writes to. Passed in (never global) so tests can run the CLI in-process.
public struct Output: Sendable {
    /// Writes `text` to standard output as is.
    public let writeOut: @Sendable (String) -> Void
    /// Writes `text` to standard error as is.
    public let writeErr: @Sendable (String) -> Void
    /// Whether standard output is a terminal (decides colour and live progress).
    public let stdoutIsTerminal: Bool
    /// Whether standard error is a terminal.
    public let stderrIsTerminal: Bool
    /// Whether standard input is a terminal (someone can answer a question).
    public let stdinIsTerminal: Bool

    public init(
        writeOut: @escaping @Sendable (String) -> Void,
        writeErr: @escaping @Sendable (String) -> Void,
        stdoutIsTerminal: Bool = false,
        stderrIsTerminal: Bool = false,
        stdinIsTerminal: Bool = false
    ) {
        self.writeOut = writeOut
        self.writeErr = writeErr
        self.stdoutIsTerminal = stdoutIsTerminal
        self.stderrIsTerminal = stderrIsTerminal
        self.stdinIsTerminal = stdinIsTerminal
    }

    /// The process's real standard output and error.
    public static var standard: Output {
        Output(
            writeOut: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
            writeErr: { text in FileHandle.standardError.write(Data(text.utf8)) },
            stdoutIsTerminal: isatty(STDOUT_FILENO) == 1,
            stderrIsTerminal: isatty(STDERR_FILENO) == 1,
            stdinIsTerminal: isatty(STDIN_FILENO) == 1
        )
    }

    /// An output that records everything written, for tests.
    public static func capturing() -> (Output, CapturedOutput) {
        let captured = CapturedOutput()
        let output = Output(
            writeOut: { text in captured.append(out: text) },
            writeErr: { text in captured.append(err: text) }
        )
        return (output, captured)
    }
}

/// Text written to a capturing `Output`.
public final class CapturedOutput: Sendable {
    private let buffers = Locked<(out: String, err: String)>(("", ""))

    public init() {}

    /// Everything written to standard output so far.
    public var stdout: String { buffers.withLock { $0.out } }
    /// Everything written to standard error so far.
    public var stderr: String { buffers.withLock { $0.err } }

    func append(out text: String) { buffers.withLock { $0.out += text } }
    func append(err text: String) { buffers.withLock { $0.err += text } }
}
