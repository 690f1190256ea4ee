// Fixtures: locates the bundled toml-test files next to this source file (no SwiftPM resources).

import Foundation

/// Paths to the toml-test 1.0.0 fixtures copied into `Tests/TOMLTests/Fixtures/toml-test`.
enum Fixtures {
    /// `Tests/TOMLTests/Fixtures/toml-test`, found relative to this file so tests run from any directory.
    static let tomlTestRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
        .appendingPathComponent("toml-test")

    /// The `tests/` folder holding `valid/`, `invalid/` and the file lists.
    static let testsDirectory = tomlTestRoot.appendingPathComponent("tests")

    /// Every path listed in `tests/files-toml-1.0.0` (relative to `tests/`), or empty if missing.
    static let listedFiles: [String] = {
        let list = testsDirectory.appendingPathComponent("files-toml-1.0.0")
        guard let text = try? String(contentsOf: list, encoding: .utf8) else {
            return []
        }
        return text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
    }()

    /// Valid documents (`valid/….toml`) from the list; each has a sibling `.json`.
    static let validFiles: [String] = listedFiles.filter { $0.hasPrefix("valid/") && $0.hasSuffix(".toml") }

    /// Invalid documents (`invalid/….toml`) from the list.
    static let invalidFiles: [String] = listedFiles.filter { $0.hasPrefix("invalid/") && $0.hasSuffix(".toml") }

    /// The bytes of a file relative to `tests/`.
    static func bytes(_ relativePath: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: testsDirectory.appendingPathComponent(relativePath)))
    }
}
