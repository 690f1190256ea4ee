// CoreSpecTests: conformance with the six required mustache/spec modules, one test per spec case.

import Testing
import Mustache

@Suite("Mustache spec (core modules)")
struct CoreSpecTests {
    @Test("spec case", arguments: SpecFixtures.core)
    func specCase(_ spec: SpecCase) throws {
        #expect(try spec.render() == spec.expected, "\(spec.desc)")
    }

    /// Guards against a mis-copied fixture folder: every core case must be present, and all must pass.
    @Test("all 136 core cases load and pass")
    func coreCount() throws {
        #expect(SpecFixtures.core.count == SpecFixtures.expectedCoreCount)
        for module in SpecFixtures.coreModules {
            #expect(SpecFixtures.core.contains { $0.module == module }, "module \(module) missing")
        }
        let passed = SpecFixtures.core.filter { spec in
            (try? spec.render()) == spec.expected
        }
        #expect(passed.count == SpecFixtures.expectedCoreCount)
    }
}
