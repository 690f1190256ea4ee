// Python.swift — runs a python3 script as a subprocess; the reference implementation for differential tests.

import Foundation

/// Runs Python 3 scripts.
///
/// A missing `python3` fails the test that needs it; it is never skipped.
enum Python {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `python3 -c script arguments…` and returns its standard output.
    ///
    /// - Throws: `Failure` with the exit status and standard error when Python cannot run or fails.
    static func run(_ script: String, arguments: [String] = []) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let output = Pipe()
        let errorFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("csvtests-python-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        // Read before waiting, so a large output cannot fill the pipe and block Python.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let errorText = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
            throw Failure(description: "python3 exited with \(process.terminationStatus): \(errorText)")
        }
        return data
    }
}
