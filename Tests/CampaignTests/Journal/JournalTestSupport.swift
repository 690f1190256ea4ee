// JournalTestSupport: temporary directories, fixtures and a thread helper shared by the journal tests.

import Foundation

@testable import Campaign

/// A fresh directory under the system temporary directory, removed when the value is deallocated.
final class JournalTemporaryDirectory {
    let path: String

    init() {
        let base = FileManager.default.temporaryDirectory.path
        path = base + "/edm-journal-tests-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String { path + "/" + name }
}

/// Shared fixtures and file helpers.
enum JournalFixtures {
    static let inputs = JournalHeader.Inputs(
        campaign: String(repeating: "a", count: 64),
        recipients: String(repeating: "b", count: 64),
        templates: String(repeating: "c", count: 64)
    )

    static let header = JournalHeader(
        campaign: "spring-sale", edmVersion: "0.1.0",
        created: Date(timeIntervalSince1970: 1_700_000_000.250), inputs: inputs
    )

    /// A time with whole milliseconds, so it survives the round trip exactly.
    static func time(_ milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    static func bytes(_ path: String) -> [UInt8] {
        (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))) ?? []
    }

    static func text(_ path: String) -> String {
        String(decoding: bytes(path), as: UTF8.self)
    }

    static func lines(_ path: String) -> [String] {
        text(path).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    static func write(_ bytes: [UInt8], to path: String) {
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    }

    /// Runs `body` on `count` real threads and waits for all of them. (GCD's `concurrentPerform` caps its pool at
    /// the CPU count, so senders blocked in `recordIntent` would not really run concurrently.)
    static func runOnThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let group = DispatchGroup()
        for index in 0..<count {
            group.enter()
            Thread.detachNewThread {
                body(index)
                group.leave()
            }
        }
        group.wait()
    }
}
