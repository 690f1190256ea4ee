// SpecFixtures: loads the mustache/spec JSON fixtures bundled next to the tests and converts their data.

import Foundation
import Mustache
import Testing

/// One test from a mustache/spec module file.
struct SpecCase: Sendable, CustomTestStringConvertible {
    let module: String
    let name: String
    let desc: String
    let template: String
    let data: MustacheValue
    let partials: [String: String]
    let expected: String

    var testDescription: String {
        "\(module): \(name)"
    }

    /// Compiles and renders the case the way the spec runner does (missing partials render empty).
    func render() throws -> String {
        try MustacheTemplate(source: template, name: "\(module)/\(name)", partials: partials).render(data)
    }
}

/// The fixture files in `Fixtures/mustache-spec`, located from this file so no bundle resources are needed.
enum SpecFixtures {
    /// The core (required) modules of the spec.
    static let coreModules = ["comments", "delimiters", "interpolation", "inverted", "partials", "sections"]
    /// The optional modules implemented here (lambdas are deliberately not).
    static let optionalModules = ["~inheritance", "~dynamic-names"]
    /// How many tests the core modules hold at the pinned spec commit (see Fixtures/mustache-spec/SOURCE).
    static let expectedCoreCount = 136

    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
        .appendingPathComponent("mustache-spec")

    static let core: [SpecCase] = coreModules.flatMap(load)
    static let inheritance: [SpecCase] = load("~inheritance")
    static let dynamicNames: [SpecCase] = load("~dynamic-names")

    /// Loads one module; a missing or malformed file yields no cases, which the count test turns into a
    /// failure rather than a crash during test discovery.
    static func load(_ module: String) -> [SpecCase] {
        let url = directory.appendingPathComponent(module + ".json")
        guard let data = try? Data(contentsOf: url),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let tests = root["tests"] as? [[String: Any]]
        else {
            return []
        }
        return tests.compactMap { test in
            guard let name = test["name"] as? String,
                  let template = test["template"] as? String,
                  let expected = test["expected"] as? String
            else {
                return nil
            }
            return SpecCase(
                module: module,
                name: name,
                desc: test["desc"] as? String ?? "",
                template: template,
                data: convert(test["data"] ?? NSNull()),
                partials: test["partials"] as? [String: String] ?? [:],
                expected: expected)
        }
    }

    /// JSONSerialization output to MustacheValue. Booleans arrive as NSNumber too; their Objective-C type
    /// code "c" tells them apart from numbers (JSON never yields a genuine char).
    static func convert(_ value: Any) -> MustacheValue {
        switch value {
        case let text as String:
            return .string(text)
        case let number as NSNumber:
            if String(cString: number.objCType) == "c" {
                return .bool(number.boolValue)
            }
            return .number(number.doubleValue)
        case let list as [Any]:
            return .list(list.map(convert))
        case let object as [String: Any]:
            return .object(object.mapValues(convert))
        default:
            return .null
        }
    }
}
