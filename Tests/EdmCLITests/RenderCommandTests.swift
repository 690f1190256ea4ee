// send --dry-run, preview, recipients and check on rendering problems: outputs and exit codes.
import EdmTestSupport
import Foundation
import Testing

@Suite struct RenderCommandTests {
    /// A small campaign folder; `html` replaces the HTML template.
    static func campaign(html: String = "<p>Hi {{name}}</p>", csv: String? = nil) -> TemporaryDirectory {
        let folder = TemporaryDirectory()
        folder.write("campaign.toml", """
            [campaign]
            id = "t"
            name = "T"
            [sender]
            email = "news@example.com"
            postal_address = "1 Main St"
            [recipients]
            file = "r.csv"
            name_column = "name"
            [message]
            subject = "Hello {{name}}"
            html = "m.html"
            [unsubscribe]
            mailto = "u@example.com"

            """)
        folder.write("r.csv", csv ?? "email,name\na@example.com,Ann\nb@example.com,Bob\nbad,Bad\na@example.com,Again\n")
        folder.write("m.html", html)
        return folder
    }

    @Test("check reports an unknown template name with file:line:column and a suggestion, exit 65")
    func strictTemplateName() {
        let folder = Self.campaign(html: "<p>Hi</p>\n<p>{{nmae}}</p>\n")
        let result = EdmRun.inProcess(["check", "campaign.toml"], in: folder.path)
        #expect(result.code == 65)
        #expect(result.stderr.hasPrefix("m.html:2:4: error: unknown name 'nmae' (did you mean 'name'?"))
        #expect(result.stderr.contains(" 2 | <p>{{nmae}}</p>\n"))
    }

    @Test("check reports an unclosed section with its position, exit 65")
    func unclosedSection() {
        let folder = Self.campaign(html: "{{#name}}\nHi\n")
        let result = EdmRun.inProcess(["check", "campaign.toml"], in: folder.path)
        #expect(result.code == 65)
        #expect(result.stderr.hasPrefix("m.html:1:1: error: "))
    }

    @Test("send --dry-run prints counts and examples and exits 0")
    func dryRun() {
        let folder = Self.campaign()
        let result = EdmRun.inProcess(["send", "campaign.toml", "--dry-run"], in: folder.path)
        #expect(result.code == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("dry run: 4 rows, 2 messages would be sent") == true)
        #expect(lines.contains("  invalid     1"))
        #expect(lines.contains("      r.csv:4: bad: invalid address (missing-at: the address has no '@'; write it as local@domain)")
            || lines.contains { $0.hasPrefix("      r.csv:4: bad: invalid address (missing-at") })
        #expect(lines.contains("  duplicate   1"))
        #expect(lines.contains("      r.csv:5: a@example.com: duplicate of line 2"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("outbox")), "a dry run writes nothing")
        #expect(!FileManager.default.fileExists(atPath: folder.file(".edm")), "a dry run writes nothing")
    }

    @Test("a malformed CSV stops a dry run with exit 65 and the position")
    func dryRunMalformed() {
        let folder = Self.campaign(csv: "email,name\na@example.com,Ann,extra\n")
        let result = EdmRun.inProcess(["send", "campaign.toml", "--dry-run"], in: folder.path)
        #expect(result.code == 65)
        #expect(result.stderr.hasPrefix("r.csv:2:"))
    }

    @Test("preview writes .eml files with CRLF line ends and an index.html")
    func preview() throws {
        let folder = Self.campaign()
        let result = EdmRun.inProcess(["preview", "campaign.toml", "--out", "p"], in: folder.path)
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stdout == "wrote 2 messages and index.html to p\n")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.file("p")).sorted()
        #expect(files == ["0001-line-2.eml", "0002-line-3.eml", "index.html"])
        let eml = try #require(FileManager.default.contents(atPath: folder.file("p/0001-line-2.eml")))
        let bytes = [UInt8](eml)
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            #expect(index > 0 && bytes[index - 1] == 0x0D, "bare LF at byte \(index)")
        }
        let index = folder.read("p/index.html") ?? ""
        #expect(index.contains("<iframe sandbox=\"\""))
        #expect(index.contains("Hello Ann"))
    }

    @Test("preview --row picks one CSV line")
    func previewRow() throws {
        let folder = Self.campaign()
        let result = EdmRun.inProcess(["preview", "campaign.toml", "--out", "p", "--row", "3"], in: folder.path)
        #expect(result.code == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("p")).sorted() == ["0001-line-3.eml", "index.html"])
    }

    @Test("recipients --json prints one object per row in file order")
    func recipientsJSON() throws {
        let folder = Self.campaign()
        let result = EdmRun.inProcess(["recipients", "r.csv", "--json"], in: folder.path)
        #expect(result.code == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 4)
        let objects = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(objects.map { $0?["line"] as? Int } == [2, 3, 4, 5])
        #expect(objects.map { $0?["verdict"] as? String } == ["ok", "ok", "invalid", "duplicate"])
        #expect(objects[0]?["email"] as? String == "a@example.com")
        #expect((objects[0]?["fields"] as? [String: String]) == ["email": "a@example.com", "name": "Ann"])
        #expect(objects[3]?["reason"] as? String == "duplicate of line 2")
    }

    @Test("recipients summary counts rows, valid, invalid by reason and duplicates")
    func recipientsSummary() {
        let folder = Self.campaign()
        let result = EdmRun.inProcess(["recipients", "r.csv", "--quiet"], in: folder.path)
        #expect(result.stdout == """
            r.csv: 4 rows
              valid       2
              invalid     1  (missing-at: 1)
              duplicate   1

            """)
    }
}
