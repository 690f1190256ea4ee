// DepthLimitTests: nesting is bounded and reported as an error, never a stack overflow.

import Foundation
import Testing
import TOML

@Suite("nesting depth limit")
struct DepthLimitTests {
    private static let limit = TOMLParser.maxNestingDepth

    private static func nestedArrays(_ depth: Int) -> String {
        "a = " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    }

    private static func nestedInlineTables(_ depth: Int) -> String {
        "a = " + String(repeating: "{ b = ", count: depth) + "1" + String(repeating: " }", count: depth)
    }

    @Test("arrays nested to the limit parse")
    func arraysAtLimit() throws {
        let root = try TOMLParser.parse(Self.nestedArrays(Self.limit))
        var value = try #require(root["a"])
        var depth = 0
        while case .array(let elements) = value {
            depth += 1
            guard let first = elements.first else { break }
            value = first
        }
        #expect(depth == Self.limit)
        // Encoding and comparing deep values must be safe too.
        #expect(TOMLTaggedJSON.encode(root).count > 2 * Self.limit)
        #expect(root == (try TOMLParser.parse(Self.nestedArrays(Self.limit))))
    }

    @Test("one array more than the limit is an error at the offending bracket")
    func arraysOverLimit() {
        #expect(throws: TOMLError.self) { try TOMLParser.parse(Self.nestedArrays(Self.limit + 1)) }
        do {
            _ = try TOMLParser.parse(Self.nestedArrays(Self.limit + 1))
        } catch {
            #expect(error.message == "nesting too deep: tables and arrays may be nested at most 128 levels")
            #expect(error.line == 1)
            #expect(error.column == 5 + Self.limit)
        }
    }

    @Test("inline tables count toward the limit")
    func inlineTables() throws {
        _ = try TOMLParser.parse(Self.nestedInlineTables(Self.limit))
        #expect(throws: TOMLError.self) { try TOMLParser.parse(Self.nestedInlineTables(Self.limit + 1)) }
    }

    @Test("dotted keys and headers count toward the limit")
    func dottedKeysAndHeaders() throws {
        // A dotted key of n parts creates n - 1 tables; the last part holds a plain value.
        let parts = Array(repeating: "k", count: Self.limit)
        _ = try TOMLParser.parse((parts + ["k"]).joined(separator: ".") + " = 1")
        #expect(throws: TOMLError.self) {
            try TOMLParser.parse((parts + ["k", "k"]).joined(separator: ".") + " = 1")
        }
        _ = try TOMLParser.parse("[" + parts.joined(separator: ".") + "]")
        #expect(throws: TOMLError.self) { try TOMLParser.parse("[" + (parts + ["k"]).joined(separator: ".") + "]") }
        #expect(throws: TOMLError.self) {
            try TOMLParser.parse("[[" + parts.joined(separator: ".") + "]]")
        }
    }

    @Test("hostile nesting is rejected quickly without exhausting the stack")
    func hostileInput() {
        let bombs = [
            "a = " + String(repeating: "[", count: 100_000),
            "a = " + String(repeating: "{b=", count: 100_000),
            String(repeating: "a.", count: 100_000) + "a = 1",
            "[" + String(repeating: "a.", count: 100_000) + "a]",
        ]
        for bomb in bombs {
            #expect(throws: TOMLError.self) { try TOMLParser.parse(bomb) }
        }
    }

    /// Swift's own threads have 8 MiB stacks on Linux; an unoptimised build needs roughly 400 KiB
    /// for 128 levels, so a 1 MiB thread leaves a wide margin while still catching runaway frames.
    @Test("parsing at the limit fits in a small (1 MiB) thread stack")
    func smallStack() async {
        let outcome: Bool = await withCheckedContinuation { continuation in
            let thread = Thread {
                let text = Self.nestedArrays(Self.limit) + "\n" + "b = " + Self.nestedInlineTables(Self.limit - 1)
                    .dropFirst(4)
                let parsed = (try? TOMLParser.parse(text)).map { TOMLTaggedJSON.encode($0).count > 0 } ?? false
                continuation.resume(returning: parsed)
            }
            thread.stackSize = 1024 * 1024
            thread.start()
        }
        #expect(outcome)
    }
}
