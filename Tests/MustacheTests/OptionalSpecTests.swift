// OptionalSpecTests: conformance with the optional ~inheritance and ~dynamic-names spec modules.

import Testing
import Mustache

@Suite("Mustache spec (optional modules)")
struct OptionalSpecTests {
    @Test("~inheritance case", arguments: SpecFixtures.inheritance)
    func inheritance(_ spec: SpecCase) throws {
        #expect(try spec.render() == spec.expected, "\(spec.desc)")
    }

    @Test("~dynamic-names case", arguments: SpecFixtures.dynamicNames)
    func dynamicNames(_ spec: SpecCase) throws {
        #expect(try spec.render() == spec.expected, "\(spec.desc)")
    }

    @Test("optional fixtures are present")
    func optionalCounts() {
        #expect(SpecFixtures.inheritance.count == 27)
        #expect(SpecFixtures.dynamicNames.count == 21)
    }
}
