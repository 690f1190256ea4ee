// Tests of the report formats: text tables, the JSON document, CSV defused against formulas, HTML escaped.
import EdmTestSupport
import Foundation
import Testing

@testable import Campaign

@Suite struct ReportFormatTests {
    static func report(_ records: [JournalRecord] = ReportJournal.records, name: String = "Spring sale")
        throws -> (JournalTemporaryDirectory, String, CampaignReport)
    {
        let (directory, path) = try ReportJournal.folder(records)
        var report = try ReportReader.read(journalPath: path, hashedAddresses: false)
        report.campaignID = "report-test"
        report.campaignName = name
        return (directory, path, report)
    }

    /// `records` summed up and rendered by `write`.
    static func rendered(_ records: [JournalRecord] = ReportJournal.records,
                         _ write: (CampaignReport, inout String) -> Void) throws -> String {
        let (directory, _, report) = try Self.report(records)
        _ = directory
        var out = ""
        write(report, &out)
        return out
    }

    /// Replies and keys a hostile relay or recipient list could put in the journal.
    static let hostile: [JournalRecord] = [
        ReportJournal.record("=cmd@example.com", .accepted, 0, attempt: 1, code: 250,
                             reply: "=HYPERLINK(\"http://evil.example/\",\"click\")", relay: "r1"),
        ReportJournal.record("x@<b>evil</b>.example", .failed, 10, attempt: 1, code: 550, enhanced: "5.7.1",
                             reply: "<script>alert(1)</script><img src=x onerror=alert(1)> & \u{1B}[31m \"q\" 'q'",
                             relay: "r1"),
        ReportJournal.record("+plus@example.com", .deferred, 20, attempt: 1, code: 451,
                             reply: "@SUM(1+1)\tcell, with comma; semicolon\r\nnext line", relay: "r1"),
        ReportJournal.record("-minus@example.com", .accepted, 30, attempt: 1, code: 250, reply: "-2+3", relay: "r1"),
    ]

    @Test("text: states, domains, codes, failures and a bar per time bucket")
    func text() throws {
        let out = try Self.rendered { ReportTextRenderer.write($0, to: &$1) }
        #expect(out.hasPrefix("report-test (Spring sale): 8 recipients, 15 journal records\n"))
        #expect(out.contains("\n  accepted             2\n  deferred             1\n  failed               2\n"))
        #expect(out.contains("\nexample.org                            0         1         0         2\n"))
        #expect(out.contains("\n  550               2\n"))
        #expect(out.contains("\n       2  550 5.1.1 <address>: user unknown\n"))
        #expect(out.contains("\naccepted per 50 ms (UTC; deferred and failed after the bar)\n"))
        #expect(out.contains("  22:13:20.100 " + String(repeating: "#", count: 40) + "      1\n"))
    }

    @Test("text: control characters from the journal never reach the terminal")
    func textControlCharacters() throws {
        let out = try Self.rendered(Self.hostile) { ReportTextRenderer.write($0, to: &$1) }
        #expect(!out.contains("\u{1B}"))
        #expect(out.contains("\u{FFFD}[31m"))
    }

    @Test("json: one document with every documented member, numbers as numbers")
    func json() throws {
        let out = try Self.rendered { ReportJSONRenderer.write($0, to: &$1) }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["format_version", "campaign", "name", "generated_at", "hashed_addresses",
                                     "recipients", "records", "first_record", "last_record", "duration_seconds",
                                     "accepted_per_second", "attempts", "retries", "counts", "domains",
                                     "reply_codes", "top_failures", "timeline"])
        #expect(object["recipients"] as? Int == 8)
        #expect(object["first_record"] as? String == "2023-11-14T22:13:20.000Z")
        #expect(object["duration_seconds"] as? Double == 1.4)
        let counts = try #require(object["counts"] as? [String: Int])
        #expect(counts["accepted"] == 2 && counts["uncertain"] == 1 && counts["duplicate"] == 0)
        let failures = try #require(object["top_failures"] as? [[String: Any]])
        #expect(failures.first?["code"] as? Int == 550)
        #expect(failures.first?["enhanced"] as? String == "5.1.1")
        #expect(failures.first?["text"] as? String == "<address>: user unknown")
        #expect(failures.first?["count"] as? Int == 2)
        let timeline = try #require(object["timeline"] as? [String: Any])
        #expect(timeline["bucket_seconds"] as? Double == 0.05)
        #expect((timeline["buckets"] as? [Any])?.count == 27)
    }

    @Test("csv cells: formula starts defused with a quote, RFC 4180 quoting")
    func csvCells() {
        #expect(CSVCell.encode("plain text") == "plain text")
        #expect(CSVCell.encode("=1+2") == "\"'=1+2\"")
        #expect(CSVCell.encode("+1") == "\"'+1\"")
        #expect(CSVCell.encode("-1") == "\"'-1\"")
        #expect(CSVCell.encode("@SUM(A1)") == "\"'@SUM(A1)\"")
        #expect(CSVCell.encode("\tx") == "\"'\tx\"")
        #expect(CSVCell.encode("\rx") == "\"'\rx\"")
        #expect(CSVCell.encode("a \"b\", c") == "\"a \"\"b\"\", c\"")
        #expect(CSVCell.encode("a;b") == "\"a;b\"")
        #expect(CSVCell.encode("a=b") == "a=b")
    }

    @Test("csv: one row per recipient that Python's csv reads back, no cell a spreadsheet would run")
    func csvRoundTrip() throws {
        let (directory, path) = try ReportJournal.folder(Self.hostile + ReportJournal.records)
        var out = ""
        try ReportCSVWriter.write(journalPath: path, maskAddresses: false, to: &out)
        #expect(out.hasPrefix("recipient,state,attempts,code,enhanced,reply,relay,time,line\r\n"))
        let file = directory.file("r.csv")
        try out.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try PythonScript.run("""
            import csv, json, sys
            rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))
            print(json.dumps(rows))
            """, arguments: [file])
        #expect(result.code == 0, "\(result.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String]])
        #expect(rows.count == 1 + 4 + 8)
        #expect(rows.allSatisfy { $0.count == 9 })
        // Every text cell a spreadsheet would evaluate is defused; the rest is the data as written.
        for cell in rows.dropFirst().flatMap({ $0 }) {
            #expect(!["=", "+", "-", "@", "\t", "\r"].contains(cell.first.map(String.init) ?? ""), "\(cell)")
        }
        #expect(rows[1][0] == "'=cmd@example.com")
        #expect(rows[1][5] == "'=HYPERLINK(\"http://evil.example/\",\"click\")")
        #expect(rows[3][5] == "'@SUM(1+1)\tcell, with comma; semicolon\r\nnext line")
        #expect(rows[4][0] == "'-minus@example.com" && rows[4][5] == "'-2+3")
        #expect(rows[5][0] == "f@example.org" && rows[5][1] == "suppressed" && rows[5][8] == "7")
    }

    @Test("csv with privacy.mask_addresses: recipients and addresses in replies masked")
    func csvMasked() throws {
        let (directory, path) = try ReportJournal.folder()
        _ = directory
        var out = ""
        try ReportCSVWriter.write(journalPath: path, maskAddresses: true, to: &out)
        #expect(out.contains("\r\nc***@example.net,failed,1,550,5.1.1,<c***@example.net>:  user unknown,"))
        #expect(!out.contains("c@example.net"))
        #expect(!out.contains("b@example.com"))
    }

    @Test("html: hostile replies, domains and names stay text; the page is well-formed and loads nothing")
    func htmlEscaping() throws {
        let (directory, _, report) = try Self.report(Self.hostile + ReportJournal.records,
                                                     name: "</title><script>alert('name')</script>")
        var out = ""
        ReportHTMLRenderer.write(report, to: &out)
        #expect(!out.contains("<script"))
        #expect(!out.contains("<img"))
        #expect(!out.contains("<b>evil"))
        let file = directory.file("report.html")
        try out.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try PythonScript.run(Self.htmlCheck, arguments: [file])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stdout == """
            svg 4
            problems []
            title Campaign report: </title><script>alert('name')</script>
            hostile text kept True
            tags from html.parser ok

            """)
    }

    /// Parses the report as XML (it must be well-formed) and as HTML (as a browser's tokenizer would see it),
    /// and lists anything that could load, run or break out: scripts, event handlers, URLs in attributes or CSS.
    static let htmlCheck = #"""
        import sys, xml.etree.ElementTree as ET
        from html.parser import HTMLParser
        doc = open(sys.argv[1], encoding="utf-8").read()
        root = ET.fromstring(doc)
        problems = []
        for el in root.iter():
            if el.tag in ("script", "iframe", "object", "embed", "img", "link", "image", "use", "foreignObject", "a"):
                problems.append(el.tag)
            for name, value in el.attrib.items():
                if name.startswith("on") or name in ("src", "href", "srcset", "action", "poster", "data"):
                    problems.append(name)
                if "http:" in value or "https:" in value or "url(" in value:
                    problems.append(value)
        style = "".join(s.text or "" for s in root.iter("style"))
        if "url(" in style or "@import" in style:
            problems.append("style")
        svgs = list(root.iter("svg"))
        for svg in svgs:
            if svg.get("role") != "img":
                problems.append("svg without role=img")
            for ref in (svg.get("aria-labelledby") or "").split():
                if svg.find(".//*[@id='%s']" % ref) is None:
                    problems.append("missing " + ref)
        print("svg", len(svgs))
        print("problems", problems)
        print("title", root.find("./head/title").text)
        print("hostile text kept", "<script>alert(1)</script><img src=x onerror=alert(1)>" in "".join(root.itertext()))
        class Tags(HTMLParser):
            seen = set()
            def handle_starttag(self, tag, attrs):
                self.seen.add(tag)
        parser = Tags()
        parser.feed(doc)
        print("tags from html.parser", "bad" if parser.seen & {"script", "img", "iframe", "b"} else "ok")
        """#
}
