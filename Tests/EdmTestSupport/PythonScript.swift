// PythonScript: runs a short Python program (a real consumer: csv, html.parser, xml.etree) on files a test made.

/// Runs `python3 -c source arguments…`, for checks done with Python's standard library parsers.
public enum PythonScript {
    /// What the program printed and its exit status (`code`).
    /// - Throws: when python3 cannot be started (run scripts/install-test-deps).
    public static func run(_ source: String, arguments: [String] = []) throws -> EdmResult {
        try EdmRun.process("/usr/bin/env", ["python3", "-c", source] + arguments)
    }
}
