// NotifyHook: `[notify] command`, run through /bin/sh when a run ends, the summary JSON on its stdin.
import Campaign
import Foundation

/// Runs the notify command. It never changes the run's exit code: a failure or a timeout is a warning.
enum NotifyHook {
    /// - Returns: a warning to print, or nil when the command exited 0 in time.
    static func run(_ settings: NotifySettings, input: String, directory: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", settings.command]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let stdin = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr
        let ended = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in ended.signal() }
        do {
            try process.run()
        } catch {
            return "notify.command could not start: \(error)"
        }
        // The pipe holds 64 KiB; a command that does not read its input must not block the run's end, so the
        // summary is written from another thread.
        let writer = Thread {
            try? stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8))
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        if ended.wait(timeout: .now() + settings.timeout.seconds) == .timedOut {
            process.terminate()
            if ended.wait(timeout: .now() + 2) == .timedOut { kill(process.processIdentifier, SIGKILL) }
            return "notify.command did not finish within \(settings.timeout); it was stopped"
        }
        guard process.terminationStatus != 0 else { return nil }
        let errorText = String(decoding: stderr.fileHandleForReading.availableData.prefix(500), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return "notify.command exited \(process.terminationStatus)" + (errorText.isEmpty ? "" : ": \(errorText)")
    }
}
