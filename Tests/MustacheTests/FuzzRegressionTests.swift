// FuzzRegressionTests: inputs the Mustache fuzz target stopped on (Tests/Fuzz/regressions/mustache,
// docs/fuzzing.md).

import Mustache
import Testing

@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    private let tooLarge = MustacheError.Kind.renderTooLarge(
        steps: MustacheTemplate.maxRenderSteps, bytes: MustacheTemplate.maxRenderBytes)

    /// regressions/mustache/self-including-partial-twice.bin: a partial that includes itself twice inside a
    /// section. The depth bound (256) does not help: the work doubles at every level, 2^256 visits, and the
    /// fuzz target timed out. The step budget ends it.
    @Test("a partial including itself twice stops at the step budget")
    func exponentialPartials() throws {
        let partial = "{{#items}}{{>a}}{{>a}}{{/items}}"
        let template = try MustacheTemplate(source: partial, name: "main", partials: ["a": partial])
        let data: MustacheValue = ["items": [["x": 1], ["x": 2]]]
        let error = #expect(throws: MustacheError.self) { try template.renderChecked(data) }
        #expect(error?.kind == tooLarge)
        #expect(error?.description.hasPrefix("main:1:1: rendering needs more than 100000 steps") == true)
        // The unchecked render returns too (with what it rendered before the budget ran out).
        #expect(template.render(data) == "")
        // The same shape with a scalar, as campaign rows provide: one push per level, still 2^256 visits.
        let flat = try MustacheTemplate(source: "{{>a}}", partials: ["a": "{{#email}}x{{>a}}{{>a}}{{/email}}"])
        let output = #expect(throws: MustacheError.self) { try flat.renderChecked(["email": "a@b.c"]) }
        #expect(output?.kind == tooLarge)
    }

    @Test("a long render within the budget is unaffected")
    func largeButBounded() throws {
        let template = try MustacheTemplate(source: "{{#items}}{{name}},{{/items}}")
        let items = (0..<10_000).map { MustacheValue.object(["name": .string("n\($0)")]) }
        let output = try template.renderChecked(["items": .list(items)])
        #expect(output.split(separator: ",").count == 10_000)
    }

    @Test("the byte budget stops output that grows past 32 MiB")
    func byteBudget() throws {
        let big = String(repeating: "x", count: 1 << 20)
        let template = try MustacheTemplate(source: "{{#items}}\(big){{/items}}")
        let items = [MustacheValue](repeating: .bool(true), count: 40)
        let error = #expect(throws: MustacheError.self) { try template.renderChecked(["items": .list(items)]) }
        #expect(error?.kind == tooLarge)
    }

    /// regressions/mustache/20000-unknown-names-one-line.bin: strict mode quoted the whole line in every
    /// error, found by scanning from the top each time; 30,000 unknown names on one 240 KB line took 56 s and
    /// ran out of 4 GB in the fuzz build. Reporting stops at `maxUnknownReferences`.
    @Test("strict mode reports at most maxUnknownReferences errors, the first in source order")
    func manyUnknownNames() throws {
        let template = try MustacheTemplate(source: String(repeating: "{{nmae}}", count: 20_000), name: "m.html")
        let errors = template.unknownReferences(knownNames: ["name"])
        #expect(errors.count == MustacheTemplate.maxUnknownReferences)
        #expect(errors.first?.column == 1)
        #expect(errors.last?.column == 8 * (MustacheTemplate.maxUnknownReferences - 1) + 1)
        #expect(errors.first?.description.hasPrefix("m.html:1:1: unknown name 'nmae' (did you mean 'name'?") == true)
    }

    /// regressions/mustache/block-override-contains-itself.bin: an override of `block` that contains a
    /// `{{$block}}` of its own expanded into itself without end, and blocks did not count towards the depth
    /// bound: a stack overflow. They count now.
    @Test("an override that contains its own block stops at the depth bound")
    func blockOverrideContainsItself() throws {
        let template = try MustacheTemplate(
            source: "{{<a}}{{$block}}x{{$block}}y{{/block}}{{/block}}{{/a}}", name: "main",
            partials: ["a": "Hi {{$block}}default{{/block}}"])
        let error = #expect(throws: MustacheError.self) { try template.renderChecked([:]) }
        #expect(error?.kind == .partialRecursionTooDeep(name: "$block", limit: MustacheTemplate.maxRenderDepth))
        #expect(template.render([:]).hasPrefix("Hi xxx"))
        // A block inside an override with another name is fine.
        let fine = try MustacheTemplate(
            source: "{{<a}}{{$block}}x{{$other}}y{{/other}}{{/block}}{{/a}}", partials: ["a": "{{$block}}{{/block}}"])
        #expect(try fine.renderChecked([:]) == "xy")
    }
}
