// EscapingTests: HTML versus no escaping, and how scalar values are written.

import Testing
import Mustache

@Suite("Escaping and value output")
struct EscapingTests {
    private let risky: MustacheValue = ["v": "<a href=\"x\">'Tom' & Jerry</a>"]

    @Test("html escapes & < > \" and '")
    func html() throws {
        let template = try MustacheTemplate(source: "{{v}}")
        #expect(template.render(risky) == "&lt;a href=&quot;x&quot;&gt;&#39;Tom&#39; &amp; Jerry&lt;/a&gt;")
        #expect(template.render(risky, escaping: .html) == template.render(risky))
    }

    @Test("none leaves values untouched, for text parts and headers")
    func none() throws {
        let template = try MustacheTemplate(source: "Subject: {{v}}")
        #expect(template.render(risky, escaping: .none) == "Subject: <a href=\"x\">'Tom' & Jerry</a>")
    }

    @Test("triple mustache and ampersand are never escaped")
    func unescapedTags() throws {
        let template = try MustacheTemplate(source: "{{{v}}}|{{& v}}")
        let raw = "<a href=\"x\">'Tom' & Jerry</a>"
        #expect(template.render(risky, escaping: .html) == raw + "|" + raw)
    }

    @Test("template text itself is never escaped")
    func literalText() throws {
        let template = try MustacheTemplate(source: "<b>&amp; 'x'</b>")
        #expect(template.render(nil) == "<b>&amp; 'x'</b>")
    }

    @Test("numbers: integers without a fraction, decimals shortest")
    func numbers() throws {
        let template = try MustacheTemplate(source: "{{a}} {{b}} {{c}} {{d}} {{e}} {{f}}")
        let data: MustacheValue = ["a": 85, "b": 1.21, "c": -3, "d": 0, "e": 1e20, "f": 123456789012]
        #expect(template.render(data) == "85 1.21 -3 0 1e+20 123456789012")
    }

    @Test("booleans, null, lists and objects")
    func otherValues() throws {
        let template = try MustacheTemplate(source: "[{{t}}|{{f}}|{{n}}|{{l}}|{{o}}|{{missing}}]")
        let data: MustacheValue = ["t": true, "f": false, "n": nil, "l": [1, 2], "o": ["k": "v"]]
        #expect(template.render(data) == "[true|false||||]")
    }

    @Test("falsey values: null, false, empty string, empty list; zero is truthy")
    func truthiness() throws {
        let template = try MustacheTemplate(source: "{{#v}}yes{{/v}}{{^v}}no{{/v}}")
        let cases: [(MustacheValue, String)] = [
            (nil, "no"), (false, "no"), ("", "no"), ([], "no"),
            (true, "yes"), ("x", "yes"), (0, "yes"), (["k": nil], "yes")
        ]
        for (value, expected) in cases {
            #expect(template.render(["v": value]) == expected, "\(value)")
        }
    }
}
