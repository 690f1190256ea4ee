// PositionTests: source positions recorded for keys, values and tables.

import Testing
import TOML

@Suite("positions")
struct PositionTests {
    static let document = """
        # Campaign settings
        subject = "Spring sale"
        [smtp]
        host = "mail.example.com"
          port = 587
        [[recipients]]
        email = "a@example.com"
        [[recipients]]
        email = "b@example.com"
        [templates.html.layout]
        file = "base.html"
        [templates]
        inline = { name = "x", "é😀" = 1, size = 2 }
        dotted.key.here = true

        """

    private func pos(_ line: Int, _ column: Int) -> TOMLPosition {
        TOMLPosition(line: line, column: column)
    }

    @Test("keys, values and tables remember where they were written")
    func positions() throws {
        let root = try TOMLParser.parse(Self.document)
        #expect(root.position == pos(1, 1))
        #expect(root.keys == ["subject", "smtp", "recipients", "templates"])
        #expect(root.keyPosition("subject") == pos(2, 1))
        #expect(root.valuePosition("subject") == pos(2, 11))
        #expect(root.keyPosition("missing") == nil)

        let smtp = try #require(root["smtp"]?.tableValue)
        #expect(smtp.position == pos(3, 1))
        #expect(root.keyPosition("smtp") == pos(3, 2))
        #expect(root.valuePosition("smtp") == pos(3, 1))
        #expect(smtp.keyPosition("port") == pos(5, 3))
        #expect(smtp.valuePosition("port") == pos(5, 10))

        let recipients = try #require(root["recipients"]?.arrayValue)
        #expect(recipients.count == 2)
        #expect(recipients[0].tableValue?.position == pos(6, 1))
        #expect(recipients[1].tableValue?.position == pos(8, 1))
        #expect(recipients[1].tableValue?.keyPosition("email") == pos(9, 1))
        #expect(root.valuePosition("recipients") == pos(6, 1))
    }

    @Test("implicit tables take the header position once defined, else their key's position")
    func implicitTables() throws {
        let root = try TOMLParser.parse(Self.document)
        let templates = try #require(root["templates"]?.tableValue)
        // [templates] (line 12) defines the table created implicitly on line 10.
        #expect(templates.position == pos(12, 1))
        #expect(root.keyPosition("templates") == pos(12, 2))
        let html = try #require(templates["html"]?.tableValue)
        #expect(html.position == pos(10, 12))
        #expect(html["layout"]?.tableValue?.position == pos(10, 1))
    }

    @Test("inline tables and dotted keys")
    func inlineAndDotted() throws {
        let root = try TOMLParser.parse(Self.document)
        let templates = try #require(root["templates"]?.tableValue)
        let inline = try #require(templates["inline"]?.tableValue)
        #expect(inline.position == pos(13, 10))
        #expect(templates.valuePosition("inline") == pos(13, 10))
        // Columns count scalars: "é😀" is two scalars plus two quotes.
        #expect(inline.keyPosition("é😀") == pos(13, 24))
        #expect(inline.keyPosition("size") == pos(13, 34))
        #expect(inline.keys == ["name", "é😀", "size"])

        let dotted = try #require(templates["dotted"]?.tableValue)
        #expect(templates.keyPosition("dotted") == pos(14, 1))
        #expect(dotted.position == pos(14, 1))
        #expect(dotted["key"]?.tableValue?.keyPosition("here") == pos(14, 12))
        #expect(dotted["key"]?.tableValue?.valuePosition("here") == pos(14, 19))
    }

    @Test("CRLF line endings do not shift columns")
    func crlf() throws {
        let root = try TOMLParser.parse("a = 1\r\nbb = 2\r\n")
        #expect(root.keyPosition("bb") == pos(2, 1))
        #expect(root.valuePosition("bb") == pos(2, 6))
    }

    @Test("positions on one very long line are found incrementally and correctly")
    func longLine() throws {
        let count = 2_000
        let entries = (0..<count).map { "k\($0) = \($0)" }.joined(separator: ", ")
        let root = try TOMLParser.parse("t = { " + entries + " }")
        let table = try #require(root["t"]?.tableValue)
        #expect(table.count == count)
        var column = 7
        for index in 0..<count {
            #expect(table.keyPosition("k\(index)")?.column == column)
            column += "k\(index) = \(index), ".count
        }
    }
}
