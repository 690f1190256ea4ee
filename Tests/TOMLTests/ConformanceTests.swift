// ConformanceTests: runs the toml-test 1.0.0 suite (210 valid, 499 invalid documents) against the parser.

import EdmTestSupport
import Foundation
import Testing
import TOML

@Suite("toml-test 1.0.0 conformance")
struct ConformanceTests {
    /// Guards against a mis-copied fixture folder: every listed file must be present.
    @Test("fixture list has 210 valid and 499 invalid documents, all present")
    func fixtureCounts() throws {
        #expect(Fixtures.validFiles.count == 210)
        #expect(Fixtures.invalidFiles.count == 499)
        let manager = FileManager.default
        for path in Fixtures.validFiles {
            let json = String(path.dropLast(".toml".count)) + ".json"
            #expect(manager.fileExists(atPath: Fixtures.testsDirectory.appendingPathComponent(path).path))
            #expect(manager.fileExists(atPath: Fixtures.testsDirectory.appendingPathComponent(json).path))
        }
        for path in Fixtures.invalidFiles {
            #expect(manager.fileExists(atPath: Fixtures.testsDirectory.appendingPathComponent(path).path))
        }
    }

    @Test("valid document matches its expected JSON", arguments: Fixtures.validFiles)
    func validDocument(_ path: String) {
        let problem = Conformance.checkValid(path)
        #expect(problem == nil, "\(path): \(problem ?? "")")
    }

    @Test("invalid document is rejected", arguments: Fixtures.invalidFiles)
    func invalidDocument(_ path: String) {
        let problem = Conformance.checkInvalid(path)
        #expect(problem == nil, "\(path): \(problem ?? "")")
    }

    /// One test that asserts the exact totals, so skipped or missing cases cannot look like passes.
    @Test("totals: 210 valid passed, 499 invalid rejected")
    func totals() {
        let passed = Fixtures.validFiles.filter { Conformance.checkValid($0) == nil }.count
        let rejected = Fixtures.invalidFiles.filter { Conformance.checkInvalid($0) == nil }.count
        print("toml-test 1.0.0: valid \(passed)/\(Fixtures.validFiles.count) passed, "
              + "invalid \(rejected)/\(Fixtures.invalidFiles.count) rejected")
        #expect(passed == 210)
        #expect(rejected == 499)
    }
}

/// The checks behind the conformance tests; each returns `nil` on success or a reason.
enum Conformance {
    /// Parses a valid document and compares its tagged JSON with the expected `.json`.
    static func checkValid(_ path: String) -> String? {
        let jsonPath = String(path.dropLast(".toml".count)) + ".json"
        let source: [UInt8]
        let expectedData: Data
        do {
            source = try Fixtures.bytes(path)
            expectedData = Data(try Fixtures.bytes(jsonPath))
        } catch {
            return "cannot read fixture: \(error)"
        }
        let table: TOMLTable
        do {
            table = try TOMLParser.parse(bytes: source)
        } catch {
            return "rejected: \(error)"
        }
        let encoded = TOMLTaggedJSON.encode(table)
        guard let expected = try? JSONSerialization.jsonObject(with: expectedData, options: [.fragmentsAllowed]) else {
            return "expected JSON does not decode"
        }
        guard let actual = try? JSONSerialization.jsonObject(with: Data(encoded.utf8), options: []) else {
            return "encoder produced invalid JSON: \(encoded)"
        }
        if let problem = TaggedJSONComparator.difference(expected: expected, actual: actual) {
            return problem + "\n  got: \(encoded)"
        }
        // The String entry point must agree with the bytes entry point.
        let text = String(decoding: source, as: UTF8.self)
        guard let again = try? TOMLParser.parse(text), TOMLTaggedJSON.encode(again) == encoded else {
            return "parse(String) disagrees with parse(bytes:)"
        }
        return nil
    }

    /// Expects the document to be rejected with an error positioned inside the document.
    static func checkInvalid(_ path: String) -> String? {
        let source: [UInt8]
        do {
            source = try Fixtures.bytes(path)
        } catch {
            return "cannot read fixture: \(error)"
        }
        do {
            let table = try TOMLParser.parse(bytes: source)
            return "accepted: \(TOMLTaggedJSON.encode(table))"
        } catch {
            let lineCount = source.filter { $0 == 0x0A }.count + 1
            guard error.line >= 1, error.line <= lineCount, error.column >= 1 else {
                return "error position \(error.line):\(error.column) is outside the document"
            }
            guard !error.message.isEmpty, error.formatted(file: "x.toml").hasPrefix("x.toml:") else {
                return "error has no usable message"
            }
            return nil
        }
    }
}
