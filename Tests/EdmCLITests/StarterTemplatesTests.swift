// The starters embedded in the binary are exactly templates/ (run scripts/embed-templates after editing).
import EdmTestSupport
import Foundation
import Testing

@Suite struct StarterTemplatesTests {
    @Test("each starter written by init is byte-identical to templates/", arguments: ["newsletter", "announcement", "event-zh"])
    func embeddedMatchesDisk(template: String) throws {
        let folder = TemporaryDirectory()
        #expect(EdmRun.inProcess(["init", "out", "--template", template, "--quiet"], in: folder.path).code == 0)
        let source = EdmRun.packageRoot + "/templates/" + template
        let files = try FileManager.default.contentsOfDirectory(atPath: source).sorted()
        let written = try FileManager.default.contentsOfDirectory(atPath: folder.file("out")).sorted()
        #expect(files == written, "stale: run scripts/embed-templates")
        for file in files {
            #expect(
                FileManager.default.contents(atPath: source + "/" + file) == FileManager.default.contents(atPath: folder.file("out/" + file)),
                "templates/\(template)/\(file) differs from the embedded copy: run scripts/embed-templates")
        }
        let check = EdmRun.inProcess(["check", "out/campaign.toml"], in: folder.path)
        #expect(check.code == 0, "\(check.stderr)")
    }
}
