// EdmRun: runs the CLI in-process (fast, most tests) or the built binary (end-to-end tests).
import EdmCLI
import Foundation

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

    /// Runs the built binary as a user would: a real process, real pipes, stdin from `stdin`.
    /// - Parameter executable: another program to run instead (e.g. script(1) wrapping edm in a terminal).
    public static func binary(
        _ arguments: [String], in directory: String = FileManager.default.currentDirectoryPath,
        environment: [String: String]? = nil, stdin: [UInt8] = [], executable: String? = nil
    ) throws -> EdmResult {
        try process(executable ?? binaryPath, arguments, in: directory, environment: environment, stdin: stdin)
    }

    /// Runs any program (a script, python3) the same way: real pipes, both drained, stdin from `stdin`.
    public static func process(
        _ executable: String, _ arguments: [String], in directory: String = FileManager.default.currentDirectoryPath,
        environment: [String: String]? = nil, stdin: [UInt8] = []
    ) throws -> EdmResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        if let environment { process.environment = environment }
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
        return EdmResult(
            code: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}
