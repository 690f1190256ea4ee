// toml-test 1.0.0 through the real binary: `edm toml-decode` as the upstream runner would call it.
import EdmTestSupport
import Foundation
import Testing

@Suite struct TOMLDecodeConformanceTests {
    static let root = EdmRun.packageRoot + "/Tests/TOMLTests/Fixtures/toml-test/tests/"

    static let files: [String] = {
        let list = (try? String(contentsOfFile: root + "files-toml-1.0.0", encoding: .utf8)) ?? ""
        return list.split(separator: "\n").map(String.init).filter { $0.hasSuffix(".toml") }
    }()

    @Test("edm toml-decode: 210 valid files decode to the expected tagged JSON, 499 invalid files exit 1")
    func wholeSuite() throws {
        var validPassed = 0
        var invalidRejected = 0
        var failures: [String] = []
        for file in Self.files {
            let input = [UInt8](FileManager.default.contents(atPath: Self.root + file) ?? Data())
            let result = try EdmRun.binary(["toml-decode"], stdin: input)
            if file.hasPrefix("valid/") {
                let expectedPath = Self.root + file.dropLast(".toml".count) + ".json"
                guard result.code == 0,
                      let expectedData = FileManager.default.contents(atPath: expectedPath),
                      let expected = try? JSONSerialization.jsonObject(with: expectedData, options: [.fragmentsAllowed]),
                      let actual = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8), options: [.fragmentsAllowed])
                else {
                    failures.append("\(file): exit \(result.code) \(result.stderr)")
                    continue
                }
                if let difference = TaggedJSONComparator.difference(expected: expected, actual: actual) {
                    failures.append("\(file): \(difference)")
                } else {
                    validPassed += 1
                }
            } else if result.code == 1, result.stdout.isEmpty, !result.stderr.isEmpty {
                invalidRejected += 1
            } else {
                failures.append("\(file): invalid TOML was accepted (exit \(result.code))")
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(10).joined(separator: "\n"))")
        #expect(validPassed == 210)
        #expect(invalidRejected == 499)
    }
}
