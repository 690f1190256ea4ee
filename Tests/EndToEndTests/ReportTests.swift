// edm report on journals made by real sends: every format, masking, errors, and the HTML in headless Chromium.
import EdmTestSupport
import Foundation
import Testing

@Suite(.serialized) struct ReportTests {
    /// The example campaign sent into its outbox by the real binary.
    static func sentExample() throws -> TemporaryDirectory {
        let folder = try SendTests.example()
        let send = try EdmRun.binary(["send", "campaign.toml"], in: folder.path)
        #expect(send.code == 0, "\(send.stderr)")
        return folder
    }

    @Test("text, json, csv and html from an outbox send of the example")
    func everyFormat() throws {
        let folder = try Self.sentExample()
        let text = try EdmRun.binary(["report", "campaign.toml"], in: folder.path)
        #expect(text.code == 0, "\(text.stderr)")
        #expect(text.stdout.hasPrefix("spring-sale-2026 (春季大促 Spring Sale 2026): 30 recipients, "))
        #expect(text.stdout.contains("\n  accepted            26\n"))
        #expect(text.stdout.contains("\nexample.com                           12         0         0         1\n"))

        let json = try EdmRun.binary(["report", "campaign.toml", "--format", "json"], in: folder.path)
        #expect(json.code == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["campaign"] as? String == "spring-sale-2026")
        #expect(object["recipients"] as? Int == 30)
        #expect(object["attempts"] as? Int == 26)
        #expect((object["counts"] as? [String: Int])?["accepted"] == 26)
        #expect((object["domains"] as? [[String: Any]])?.first?["domain"] as? String == "example.com")

        let csv = try EdmRun.binary(["report", "campaign.toml", "--format", "csv", "--out", "r.csv"], in: folder.path)
        #expect(csv.code == 0)
        #expect(csv.stdout == "wrote csv report to r.csv\n")
        let rows = try PythonScript.run("""
            import csv, sys
            rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
            print(len(rows), sum(r['state'] == 'accepted' for r in rows), sum(r['relay'] == 'outbox' for r in rows))
            """, arguments: [folder.file("r.csv")])
        #expect(rows.stdout == "30 26 26\n", "\(rows.stderr)")

        let html = try EdmRun.binary(["report", "campaign.toml", "--format", "html", "-o", "report.html"], in: folder.path)
        #expect(html.code == 0)
        let page = try #require(folder.read("report.html"))
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(page.components(separatedBy: "<svg role=\"img\"").count - 1 == 3)  // no reply codes from an outbox
        #expect(!page.contains("http://") && !page.contains("https://"))
        var info = stat()
        #expect(stat(folder.file("report.html"), &info) == 0 && info.st_mode & 0o777 == 0o600)
        // Nothing but the report was left beside it (the temporary file was renamed).
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".report") }.isEmpty)
    }

    @Test("privacy.mask_addresses masks every recipient in the CSV")
    func maskedCSV() throws {
        let folder = try Self.sentExample()
        folder.write("campaign.toml", (folder.read("campaign.toml") ?? "") + "\n[privacy]\nmask_addresses = true\n")
        let csv = try EdmRun.binary(["report", "campaign.toml", "--format", "csv"], in: folder.path)
        #expect(csv.code == 0, "\(csv.stderr)")
        #expect(csv.stdout.contains("\r\nw***@example.com,accepted,1,"))
        #expect(!csv.stdout.contains("wang.fang@example.com"))
    }

    @Test("no journal yet: exit 66 naming it; a bad --format: exit 64; an unwritable --out: exit 73")
    func errors() throws {
        let folder = try SendTests.example()
        let none = EdmRun.inProcess(["report", "campaign.toml"], in: folder.path)
        #expect(none.code == 66)
        #expect(none.stderr.contains("spring-sale-2026 has no journal at .edm/spring-sale-2026.journal yet"))
        let format = EdmRun.inProcess(["report", "campaign.toml", "--format", "pdf"], in: folder.path)
        #expect(format.code == 64)
        #expect(format.stderr.contains("--format must be text, json, csv or html, not 'pdf'"))
        _ = try EdmRun.binary(["send", "campaign.toml"], in: folder.path)
        let out = EdmRun.inProcess(["report", "campaign.toml", "--out", "no/such/dir/r.txt"], in: folder.path)
        #expect(out.code == 73)
        #expect(out.stderr.contains("cannot write report 'no/such/dir/r.txt'"))
    }

    @Test("scripts/report-screenshot renders a fault-sink campaign's HTML report in headless Chromium")
    func chromiumScreenshot() throws {
        let folder = TemporaryDirectory()
        let png = folder.file("report.png")
        let environment = ProcessInfo.processInfo.environment.merging(["EDM": EdmRun.binaryPath]) { $1 }
        let result = try EdmRun.process(EdmRun.packageRoot + "/scripts/report-screenshot", [png, folder.file("work")],
                                        environment: environment)
        #expect(result.code == 0, "chromium missing? run scripts/install-test-deps\n\(result.stdout)\(result.stderr)")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: png)))
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(bytes.count > 20_000, "a blank 1200×1600 page compresses to a few kB")
        #expect(Set(bytes).count > 200)
        // The page it rendered: the sink's replies made every chart (four SVGs) and the failure table.
        let page = try #require(folder.read("work/report.html"))
        #expect(page.components(separatedBy: "<svg role=\"img\"").count - 1 == 4)
        #expect(page.contains("550</td><td>5.1.1</td><td>no such user</td>"))
    }
}
