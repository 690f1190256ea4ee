// StrictModeTests: unknownReferences(knownNames:scalarNames:) findings, positions and message text.

import Testing
import Mustache

@Suite("Strict mode")
struct StrictModeTests {
    private let known: Set<String> = ["email", "first_name", "items", "vip"]

    @Test("misspelt top-level name gets a suggestion and the available names")
    func misspelling() throws {
        let source = "<p>Hello {{frist_name}},</p>\n<p>{{email}}</p>\n"
        let template = try MustacheTemplate(source: source, name: "newsletter.html")
        let errors = template.unknownReferences(knownNames: known)
        #expect(errors.count == 1)
        let error = try #require(errors.first)
        #expect(error.templateName == "newsletter.html")
        #expect(error.line == 1)
        #expect(error.column == 10)
        #expect(error.kind == .unknownName(
            name: "frist_name", suggestion: "first_name", available: ["email", "first_name", "items", "vip"]))
        #expect(error.description == "newsletter.html:1:10: unknown name 'frist_name' "
            + "(did you mean 'first_name'? available: email, first_name, items, vip)")
    }

    @Test("no suggestion when nothing is close")
    func noSuggestion() throws {
        let template = try MustacheTemplate(source: "a\n  {{{unsubscribe}}}", name: "t.txt")
        let errors = template.unknownReferences(knownNames: known)
        #expect(errors.map(\.description) == [
            "t.txt:2:3: unknown name 'unsubscribe' (available: email, first_name, items, vip)"
        ])
    }

    @Test("names inside list or object sections are not checked; inverted sections are")
    func sectionScopes() throws {
        let source = "{{#items}}{{title}}{{/items}}\n{{^vip}}{{bogus}}{{/vip}}\n{{#missing}}{{x}}{{/missing}}"
        let template = try MustacheTemplate(source: source, name: "t")
        let errors = template.unknownReferences(knownNames: known)
        #expect(errors.map(\.description) == [
            "t:2:9: unknown name 'bogus' (available: email, first_name, items, vip)",
            "t:3:1: unknown name 'missing' (available: email, first_name, items, vip)"
        ])
    }

    @Test("sections over scalar names push nothing, so their bodies are checked")
    func scalarSections() throws {
        let template = try MustacheTemplate(source: "{{#company}} at {{compnay}}{{/company}}", name: "t")
        let names: Set<String> = ["company"]
        #expect(template.unknownReferences(knownNames: names).isEmpty)
        let errors = template.unknownReferences(knownNames: names, scalarNames: names)
        #expect(errors.map(\.description) == [
            "t:1:17: unknown name 'compnay' (did you mean 'company'? available: company)"
        ])
    }

    @Test("dotted names are checked by their first segment and suggested whole")
    func dottedNames() throws {
        let template = try MustacheTemplate(source: "{{user.email}} {{usr.email}} {{.}}", name: "t")
        let errors = template.unknownReferences(knownNames: ["user"])
        #expect(errors.count == 1)
        #expect(errors.first?.kind == .unknownName(name: "usr.email", suggestion: "user.email", available: ["user"]))
        #expect(errors.first?.column == 16)
    }

    @Test("errors in partials carry the partial's name and are reported once")
    func partials() throws {
        let template = try MustacheTemplate(
            source: "{{>footer}}\n{{>footer}}",
            name: "main",
            partials: ["footer": "Bye {{first_name}}\n  <a href=\"{{unsubscibe_url}}\">x</a>"])
        let errors = template.unknownReferences(knownNames: ["first_name", "unsubscribe_url"])
        #expect(errors.map(\.description) == [
            "footer:2:12: unknown name 'unsubscibe_url' "
                + "(did you mean 'unsubscribe_url'? available: first_name, unsubscribe_url)"
        ])
    }

    @Test("columns count Unicode scalars, not bytes")
    func unicodeColumns() throws {
        let template = try MustacheTemplate(source: "こんにちは 🎉 {{名前}}", name: "jp")
        let errors = template.unknownReferences(knownNames: ["名字", "メール"])
        #expect(errors.first?.line == 1)
        #expect(errors.first?.column == 9)
        #expect(errors.first?.description == "jp:1:9: unknown name '名前' (did you mean '名字'? available: メール, 名字)")
    }

    @Test("no known names at all")
    func emptyKnownNames() throws {
        let template = try MustacheTemplate(source: "{{a}}", name: "t")
        #expect(template.unknownReferences(knownNames: []).map(\.description) == [
            "t:1:1: unknown name 'a' (no names available)"
        ])
    }

    @Test("edit distance counts a transposition once")
    func transposition() throws {
        let template = try MustacheTemplate(source: "{{emial}}{{nmae}}{{x}}", name: "t")
        let errors = template.unknownReferences(knownNames: ["email", "name", "y"])
        let suggestions = errors.map { error -> String? in
            if case .unknownName(_, let suggestion, _) = error.kind {
                return suggestion
            }
            return nil
        }
        #expect(suggestions == ["email", "name", nil])
    }

    @Test("dotted known names: edm built-ins such as sender.name are checked in full")
    func dottedKnownNames() throws {
        let source = "{{sender.name}} {{sender.nmae}}\n{{#sender}}{{anything}}{{/sender}} {{campaing.id}} {{Email}}"
        let template = try MustacheTemplate(source: source, name: "message.html")
        let known: Set<String> = ["email", "sender.name", "sender.email", "campaign.id", "campaign.name"]
        let errors = template.unknownReferences(knownNames: known)
        let list = "available: campaign.id, campaign.name, email, sender.email, sender.name"
        #expect(errors.map(\.description) == [
            "message.html:1:17: unknown name 'sender.nmae' (did you mean 'sender.name'? \(list))",
            "message.html:2:36: unknown name 'campaing.id' (did you mean 'campaign.id'? \(list))",
            "message.html:2:52: unknown name 'Email' (did you mean 'email'? \(list))"
        ])
    }

    @Test("errors quote the offending line for caret displays")
    func sourceLine() throws {
        let template = try MustacheTemplate(source: "<h1>Hi</h1>\r\n\t<p>{{nmae}}</p>\r\nbye", name: "t")
        let error = try #require(template.unknownReferences(knownNames: ["name"]).first)
        #expect(error.sourceLine == "\t<p>{{nmae}}</p>")
        #expect(error.column == 5)
        #expect(error.message == "unknown name 'nmae' (did you mean 'name'? available: name)")
    }
}
