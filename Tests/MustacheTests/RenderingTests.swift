// RenderingTests: rendering behaviour edm relies on beyond the spec fixtures.

import Testing
import Mustache

@Suite("Rendering")
struct RenderingTests {
    @Test("data that looks like Mustache is output literally, never evaluated")
    func dataIsNotTemplate() throws {
        let template = try MustacheTemplate(
            source: "{{v}}|{{{v}}}|{{#list}}{{.}}{{/list}}", partials: ["p": "PARTIAL"])
        let data: MustacheValue = ["v": "{{x}}{{>p}}", "x": "BAD", "list": ["{{#x}}", "{{/x}}"]]
        #expect(template.render(data, escaping: .none) == "{{x}}{{>p}}|{{x}}{{>p}}|{{#x}}{{/x}}")
        #expect(template.render(data) == "{{x}}{{&gt;p}}|{{x}}{{>p}}|{{#x}}{{/x}}")
    }

    @Test("CJK and emoji round-trip through template text and data")
    func unicode() throws {
        let source = "你好，{{name}}！🎉\n{{#tags}}<{{.}}>{{/tags}} — ✉️ {{{raw}}}"
        let template = try MustacheTemplate(source: source)
        let data: MustacheValue = [
            "name": "山田 太郎 👩‍👩‍👧", "tags": ["日本", "Ünïcödé", "🇯🇵"], "raw": "<é & 😀>"
        ]
        let expected = "你好，山田 太郎 👩‍👩‍👧！🎉\n<日本><Ünïcödé><🇯🇵> — ✉️ <é & 😀>"
        #expect(template.render(data) == expected)
        var bytes: [UInt8] = []
        template.render(data, escaping: .none, into: &bytes)
        #expect(bytes == Array(expected.utf8))
    }

    @Test("rendering into a buffer appends")
    func bufferAppends() throws {
        let template = try MustacheTemplate(source: "Hi {{n}}.")
        var buffer = Array("Subject: ".utf8)
        template.render(["n": "Ana"], escaping: .none, into: &buffer)
        template.render(["n": "Bo"], escaping: .none, into: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == "Subject: Hi Ana.Hi Bo.")
    }

    @Test("a ~5 KB template renders repeatedly into a reused buffer")
    func largeTemplateLoop() throws {
        let template = try MustacheTemplate(source: LargeTemplate.source, name: "newsletter.html")
        #expect(LargeTemplate.source.utf8.count > 5_000)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(8_192)
        for index in 0..<1_000 {
            buffer.removeAll(keepingCapacity: true)
            template.render(LargeTemplate.row(index), escaping: .html, into: &buffer)
            if index % 250 == 0 {
                #expect(String(decoding: buffer, as: UTF8.self) == template.render(LargeTemplate.row(index)))
            }
        }
        let output = String(decoding: buffer, as: UTF8.self)
        #expect(output.contains("Dear Recipient 999,"))
        #expect(output.contains("mailto:user999@example.com"))
        #expect(output.contains("Tom &amp; Jerry&#39;s"))
        #expect(!output.contains("{{"))
    }

    @Test("references list every tag in source order, partials expanded once")
    func references() throws {
        let template = try MustacheTemplate(
            source: "Hi {{name}}\n{{#items}}{{{title}}}{{/items}}{{^vip}}x{{/vip}}\n{{>footer}}{{>footer}}{{>*dyn}}",
            name: "main",
            partials: ["footer": "{{&unsub}}"])
        let summary = template.references.map { "\($0.templateName):\($0.line):\($0.column) \($0.kind) \($0.name)" }
        #expect(summary == [
            "main:1:4 variable name",
            "main:2:1 section items",
            "main:2:11 unescapedVariable title",
            "main:2:32 invertedSection vip",
            "main:3:1 partial footer",
            "footer:1:1 unescapedVariable unsub",
            "main:3:12 partial footer",
            "main:3:23 dynamicPartial dyn"
        ])
        #expect(template.references.filter(\.isDataReference).count == 6)
    }

    @Test("recursive partials render per the spec and are listed once")
    func recursivePartials() throws {
        let template = try MustacheTemplate(
            source: "{{>node}}", partials: ["node": "{{content}}<{{#nodes}}{{>node}}{{/nodes}}>"])
        let data: MustacheValue = ["content": "X", "nodes": [["content": "Y", "nodes": []]]]
        #expect(template.render(data) == "X<Y<>>")
        #expect(template.references.map(\.name) == ["node", "content", "nodes", "node"])
    }

    @Test("one compiled template serves concurrent renders")
    func concurrentRenders() async throws {
        let template = try MustacheTemplate(source: "{{#rows}}{{n}},{{/rows}}")
        let outputs = await withTaskGroup(of: String.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    let rows = MustacheValue.list((0..<100).map { ["n": .number(Double($0 + worker))] })
                    return template.render(["rows": rows])
                }
            }
            var collected: [String] = []
            for await output in group {
                collected.append(output)
            }
            return collected
        }
        #expect(outputs.count == 4)
        #expect(outputs.allSatisfy { $0.hasSuffix(",") && $0.split(separator: ",").count == 100 })
    }

    @Test("layouts through inheritance, with edm-style partials")
    func layout() throws {
        let template = try MustacheTemplate(
            source: "{{<layout}}{{$body}}\n  <p>Hello {{name}}</p>\n{{/body}}{{/layout}}\n",
            name: "welcome.html",
            // Block tags on their own lines: the override is reindented to the block's indentation.
            partials: ["layout": "<html>\n  {{$body}}\n  {{/body}}\n</html>\n"],
            requirePartials: true)
        #expect(template.render(["name": "Ana"]) == "<html>\n  <p>Hello Ana</p>\n</html>\n")
    }

    @Test("a standalone block whose body starts with a standalone section is indented once")
    func blockStartingWithSection() throws {
        let template = try MustacheTemplate(
            source: "{{<layout}}{{$body}}\n{{#items}}\n- {{.}}\n{{/items}}\n{{/body}}{{/layout}}",
            partials: ["layout": "<ul>\n  {{$body}}\n  {{/body}}\n</ul>\n"])
        #expect(template.render(["items": ["a", "b"]]) == "<ul>\n  - a\n  - b\n</ul>\n")
        let defaults = try MustacheTemplate(
            source: "<ul>\n  {{$body}}\n  {{#items}}\n  * {{.}}\n  {{/items}}\n  {{/body}}\n</ul>")
        #expect(defaults.render(["items": ["a"]]) == "<ul>\n  * a\n</ul>")
    }
}
