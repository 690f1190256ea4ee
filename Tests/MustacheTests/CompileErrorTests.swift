// CompileErrorTests: syntax and partial errors with their kinds, positions and messages.

import Testing
import Mustache

@Suite("Compile errors")
struct CompileErrorTests {
    private func compileError(
        _ source: String,
        partials: [String: String] = [:],
        requirePartials: Bool = false
    ) -> MustacheError? {
        do {
            _ = try MustacheTemplate(
                source: source, name: "t.html", partials: partials, requirePartials: requirePartials)
            return nil
        } catch {
            return error
        }
    }

    @Test("unclosed section points at its opening tag")
    func unclosedSection() {
        let error = compileError("line one\n  {{#items}}\n{{name}}\n")
        #expect(error?.kind == .unclosedSection(name: "items"))
        #expect(error?.description == "t.html:2:3: unclosed section 'items' (no matching end tag)")
        #expect(error?.sourceLine == "  {{#items}}")
    }

    @Test("unclosed tag points at its opening delimiter")
    func unclosedTag() {
        let error = compileError("ok\nHi {{name, bye")
        #expect(error?.kind == .unclosedTag(closingDelimiter: "}}"))
        #expect(error?.description == "t.html:2:4: unclosed tag (no closing '}}' found)")
        #expect(compileError("{{{name}}")?.kind == .unclosedTag(closingDelimiter: "}}}"))
        #expect(compileError("{{=<% %>=}}<%name")?.kind == .unclosedTag(closingDelimiter: "%>"))
    }

    @Test("mismatched and unexpected end tags")
    func endTags() {
        let mismatched = compileError("{{#a}}\n{{#b}}{{/a}}{{/b}}")
        #expect(mismatched?.kind == .mismatchedSectionEnd(expected: "b", found: "a"))
        #expect(mismatched?.description == "t.html:2:7: end tag 'a' does not match the open section 'b'")
        let unexpected = compileError("x {{/a}}")
        #expect(unexpected?.description == "t.html:1:3: end tag 'a' without an open section")
    }

    @Test("empty and malformed names")
    func names() {
        #expect(compileError("a{{ }}")?.description == "t.html:1:2: empty tag name")
        #expect(compileError("{{#}}{{/}}")?.kind == .emptyTagName)
        #expect(compileError("{{first name}}")?.kind == .invalidTagName("first name"))
        #expect(compileError("{{a..b}}")?.kind == .invalidTagName("a..b"))
    }

    @Test("invalid set-delimiter tags")
    func delimiters() {
        #expect(compileError("{{=<% =}}")?.kind == .invalidDelimiters("<%"))
        #expect(compileError("{{=a=b c=}}")?.kind == .invalidDelimiters("a=b c"))
    }

    @Test("missing partials: empty per spec, an error when required")
    func missingPartials() throws {
        let lenient = try MustacheTemplate(source: "[{{>footer}}]")
        #expect(lenient.render(nil) == "[]")
        let error = compileError("ok\n  {{> footer }}", requirePartials: true)
        #expect(error?.kind == .partialNotFound(name: "footer"))
        #expect(error?.description == "t.html:2:3: partial 'footer' not found")
        let inPartial = compileError("{{>a}}", partials: ["a": "{{>b}}"], requirePartials: true)
        #expect(inPartial?.description == "a:1:1: partial 'b' not found")
    }

    @Test("a partial including itself outside any section is rejected at compile time")
    func unconditionalRecursion() {
        let error = compileError("{{>loop}}", partials: ["loop": "x\n {{>loop}}"])
        #expect(error?.kind == .partialRecursionTooDeep(name: "loop", limit: MustacheTemplate.maxRenderDepth))
        #expect(error?.templateName == "loop")
        #expect(error?.line == 2)
        #expect(error?.column == 2)
    }

    @Test("data-driven runaway recursion stops at the depth bound instead of crashing")
    func renderDepth() throws {
        // `a` always resolves (from the root), so this would recurse forever.
        let template = try MustacheTemplate(source: "{{>p}}", partials: ["p": "{{#a}}.{{>p}}{{/a}}"])
        let output = template.render(["a": true])
        #expect(output.count > 10 && output.allSatisfy { $0 == "." })
        let error = #expect(throws: MustacheError.self) {
            try template.renderChecked(["a": true])
        }
        #expect(error?.kind == .partialRecursionTooDeep(name: "p", limit: MustacheTemplate.maxRenderDepth))
        #expect(error?.description == "p:1:8: partial 'p' nested more than 256 levels deep (unbounded recursion?)")
        #expect(error?.sourceLine == "{{#a}}.{{>p}}{{/a}}")
        // Bounded recursion (partials.yml "Recursion") is fine.
        #expect(try template.renderChecked(["a": false]) == "")
    }

    @Test("renderChecked leaves the buffer untouched on failure")
    func checkedBuffer() throws {
        let template = try MustacheTemplate(source: "{{>p}}", partials: ["p": "{{#a}}.{{>p}}{{/a}}"])
        var buffer = Array("keep".utf8)
        #expect(throws: MustacheError.self) {
            try template.renderChecked(["a": true], escaping: .html, into: &buffer)
        }
        #expect(buffer == Array("keep".utf8))
    }

    @Test("excessive section nesting is rejected")
    func nesting() {
        let depth = MustacheTemplate.maxSectionNesting + 1
        let source = String(repeating: "{{#a}}", count: depth) + String(repeating: "{{/a}}", count: depth)
        #expect(compileError(source)?.kind == .nestingTooDeep(limit: MustacheTemplate.maxSectionNesting))
        let allowed = MustacheTemplate.maxSectionNesting
        let fine = String(repeating: "{{#a}}", count: allowed) + "x" + String(repeating: "{{/a}}", count: allowed)
        #expect(compileError(fine) == nil)
    }
}
