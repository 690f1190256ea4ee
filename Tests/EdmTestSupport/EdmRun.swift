// EdmRun: runs the CLI in-process (fast, most tests) or the built binary (end-to-end tests).
import EdmCLI
import Foundation
import Testing

/// The result of one `edm` invocation.
public struct EdmResult: Sendable {
    public var code: Int32
    public var stdout: String
    public var stderr: String

    public init(code: Int32, stdout: String, stderr: String) {
        self.code = code
        self.stdout = stdout
        self.stderr = stderr
    }
}

/// Ways to run edm in tests.
public enum EdmRun {
    /// Runs `EdmCommand.main` in-process with captured output.
    public static func inProcess(
        _ arguments: [String], in directory: String = FileManager.default.currentDirectoryPath,
        environment: [String: String] = [:], stdin: [UInt8] = []
    ) -> EdmResult {
        let (output, captured) = Output.capturing()
        let code = EdmCommand.main(
            arguments, environment: environment, output: output, currentDirectory: directory,
            standardInput: { stdin })
        return EdmResult(code: code.rawValue, stdout: captured.stdout, stderr: captured.stderr)
    }

    /// The repository root (found from this file's path).
    public static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    /// The `edm` binary `swift build` made beside the test bundle.
    public static var binaryPath: String {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [besideTests, besideTests.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("edm").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return (packageRoot as NSString).appendingPathComponent(".build/debug/edm")
    }

    /// The sanitizer the suite runs under (`scripts/test --sanitize` sets `EDM_SANITIZER` to `address` or
    /// `thread`), or nil. Only throughput expectations look at it: a sanitized binary is several times slower.
    public static var sanitizer: String? {
        ProcessInfo.processInfo.environment["EDM_SANITIZER"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The sanitizer settings a child `edm` must keep even when a test gives it its own environment, so that
    /// a report in the child still stops it with the sanitizer's exit code.
    static let sanitizerVariables = ["ASAN_OPTIONS", "TSAN_OPTIONS", "LSAN_OPTIONS", "UBSAN_OPTIONS"]

    /// The first line of a sanitizer report in `stderr`, or nil. ASan, LSan and TSan all start theirs with
    /// `==PID==ERROR: …Sanitizer` or `WARNING: ThreadSanitizer`.
    public static func sanitizerReport(in stderr: String) -> String? {
        stderr.split(separator: "\n").first { line in
            line.contains("ERROR: AddressSanitizer") || line.contains("ERROR: LeakSanitizer")
                || line.contains("WARNING: ThreadSanitizer") || line.contains("runtime error:")
        }.map(String.init)
    }

    /// Records a test issue when a child's stderr holds a sanitizer report: the exit code alone could be one
    /// the test expects (TSan's default exit code is 66, edm's "missing input").
    public static func checkSanitizerReport(_ stderr: String, arguments: [String]) {
        if let report = sanitizerReport(in: stderr) {
            Issue.record("sanitizer report from edm \(arguments.joined(separator: " ")): \(report)\n\(stderr)")
        }
    }

    /// Runs the built binary as a user would: a real process, real pipes, stdin from `stdin`.
    /// - Parameters:
    ///   - executable: another program to run instead (e.g. script(1) wrapping edm in a terminal).
    ///   - launcher: runs edm through another program (e.g. `setpriv` to drop root, so permissions apply).
    public static func binary(
        _ arguments: [String], in directory: String = FileManager.default.currentDirectoryPath,
        environment: [String: String]? = nil, stdin: [UInt8] = [], executable: String? = nil,
        launcher: [String] = []
    ) throws -> EdmResult {
        let program = launcher.first ?? executable ?? binaryPath
        let programArguments = launcher.isEmpty ? arguments : Array(launcher.dropFirst()) + [binaryPath] + arguments
        let result = try process(program, programArguments, in: directory, environment: environment, stdin: stdin)
        checkSanitizerReport(result.stderr, arguments: arguments)
        return result
    }

    /// Runs any program (a script, python3) the same way: real pipes, both drained, stdin from `stdin`, and the
    /// sanitizer settings of `scripts/test --sanitize` passed on to any edm it starts.
    public static func process(
        _ executable: String, _ arguments: [String], in directory: String = FileManager.default.currentDirectoryPath,
        environment: [String: String]? = nil, stdin: [UInt8] = []
    ) throws -> EdmResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let inherited = ProcessInfo.processInfo.environment
        if var environment {
            for name in sanitizerVariables where environment[name] == nil { environment[name] = inherited[name] }
            process.environment = environment
        }
        // scripts/test --sanitize checks leaks in edm itself, not in the test runner (docs/testing.md).
        if let childOptions = inherited["EDM_CHILD_ASAN_OPTIONS"] {
            var environment = process.environment ?? inherited
            environment["ASAN_OPTIONS"] = childOptions
            process.environment = environment
        }
        let outPipe = Pipe(), errPipe = Pipe(), inPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = inPipe
        try process.run()
        // Feed stdin and drain both pipes concurrently, so large outputs cannot deadlock the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data()
        nonisolated(unsafe) var errData = Data()
        DispatchQueue.global().async(group: group) { outData = outPipe.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errData = errPipe.fileHandleForReading.readDataToEndOfFile() }
        inPipe.fileHandleForWriting.write(Data(stdin))
        try? inPipe.fileHandleForWriting.close()
        group.wait()
        process.waitUntilExit()
        let result = EdmResult(
            code: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
        return result
    }
}
