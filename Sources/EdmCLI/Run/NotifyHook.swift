// NotifyHook: `[notify] command`, run through /bin/sh when a run ends, the summary JSON on its stdin.
import Campaign
import Foundation

/// Runs the notify command. It never changes the run's exit code: a failure or a timeout is a warning.
enum NotifyHook {
    /// - Returns: a warning to print, or nil when the command exited 0 in time.
    static func run(_ settings: NotifySettings, input: String, directory: String) -> String? {
        // A command that exits without reading its input must not kill edm with SIGPIPE; the write then fails
        // with EPIPE, which is ignored.
        signal(SIGPIPE, SIG_IGN)
        var inputPipe: [Int32] = [-1, -1]
        var errorPipe: [Int32] = [-1, -1]
        guard pipe(&inputPipe) == 0, pipe(&errorPipe) == 0 else {
            return "notify.command could not start: \(String(cString: strerror(errno)))"
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inputPipe[0], STDIN_FILENO)
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, errorPipe[1], STDERR_FILENO)
        for descriptor in inputPipe + errorPipe { posix_spawn_file_actions_addclose(&actions, descriptor) }
        // Its own process group, so a timeout stops the command and everything it started (sh → sleep …).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        var pid: pid_t = 0
        // The campaign folder as working directory: the shell changes into it ($0), then runs the command ($1).
        let arguments = ["/bin/sh", "-c", "cd \"$0\" || exit 126; eval \"$1\"", directory, settings.command]
        var argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, &attributes, &argv, environ)
        close(inputPipe[0])
        close(errorPipe[1])
        guard spawned == 0 else {
            close(inputPipe[1])
            close(errorPipe[0])
            return "notify.command could not start: \(String(cString: strerror(spawned)))"
        }
        // Written from another thread: a command that reads nothing must not block the run's end on a full pipe.
        let writeEnd = inputPipe[1]
        let bytes = Array(input.utf8)
        let writer = Thread {
            _ = AppendFile.writeAll(bytes, to: writeEnd)
            close(writeEnd)
        }
        writer.start()
        let status = wait(for: pid, seconds: settings.timeout.seconds)
        let errorText = readSome(errorPipe[0])
        close(errorPipe[0])
        guard let status else {
            return "notify.command did not finish within \(settings.timeout); it was stopped"
        }
        guard status != 0 else { return nil }
        return "notify.command exited \(status)" + (errorText.isEmpty ? "" : ": \(errorText)")
    }

    /// The exit status (128 + signal when killed), or nil after a timeout (the group is then killed).
    private static func wait(for pid: pid_t, seconds: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { return exitStatus(status) }
            if result < 0, errno != EINTR { return 127 }
            if Date() >= deadline { break }
            usleep(10_000)
        }
        kill(-pid, SIGTERM)
        let grace = Date().addingTimeInterval(2)
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Date() >= grace {
                kill(-pid, SIGKILL)
                waitpid(pid, &status, 0)
                break
            }
            usleep(10_000)
        }
        return nil
    }

    /// WEXITSTATUS / WTERMSIG (the C macros are not imported).
    private static func exitStatus(_ status: Int32) -> Int32 {
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    /// Up to 500 bytes of what the command wrote to standard error, without waiting for more.
    private static func readSome(_ descriptor: Int32) -> String {
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        var buffer = [UInt8](repeating: 0, count: 500)
        let count = read(descriptor, &buffer, buffer.count)
        guard count > 0 else { return "" }
        return String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
