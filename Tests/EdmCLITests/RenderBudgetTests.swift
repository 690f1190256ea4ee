// A template whose partials multiply the work at every level: check reports it per row instead of hanging.
import EdmTestSupport
import Foundation
import Testing

@Suite struct RenderBudgetTests {
    /// The Mustache fuzz target's hang (docs/fuzzing.md): `loop` includes itself twice inside a section that
    /// every row enters, 2^256 steps. The render budget ends each row's render; check lists the rows.
    @Test("check stops a self-multiplying partial at the render budget and reports each row, exit 65")
    func selfMultiplyingPartial() {
        let folder = RenderCommandTests.campaign(html: "<p>{{>loop}}</p>")
        let toml = (try? String(contentsOfFile: folder.file("campaign.toml"), encoding: .utf8)) ?? ""
        folder.write("campaign.toml", toml.replacingOccurrences(
            of: "html = \"m.html\"", with: "html = \"m.html\"\npartials = \"partials\""))
        folder.write("partials/loop.mustache", "{{#name}}x{{>loop}}{{>loop}}{{/name}}")
        let result = EdmRun.inProcess(["check", "campaign.toml"], in: folder.path)
        #expect(result.code == 65, "\(result.stdout)\(result.stderr)")
        let output = result.stdout + result.stderr
        #expect(output.contains("r.csv:2: a@example.com: m.html:1:1: rendering needs more than 100000 steps"),
                "\(output)")
    }
}
