// Suppression list files: the CSV form with reason and date, comments, headers, and bad lines failing closed.
import Campaign
import EdmTestSupport
import Foundation
import Testing

@Suite struct SuppressionFormatTests {
    func load(_ text: String, key: String? = nil) throws -> SuppressionList {
        let folder = TemporaryDirectory()
        var list = SuppressionList(hmacKey: key.map { Array($0.utf8) })
        try list.load(path: folder.write("s.csv", text), displayPath: "s.csv")
        return list
    }

    func problems(_ text: String, key: String? = nil) -> [Diagnostic] {
        do {
            _ = try load(text, key: key)
            return []
        } catch let failure as CampaignFailure {
            return failure.diagnostics
        } catch {
            return [Diagnostic(.error, file: "?", line: -1, column: 0, message: "\(error)")]
        }
    }

    @Test("CSV lines with reason and date, a header, quoted reasons and CRLF line ends are entries")
    func csvForm() throws {
        let list = try load("""
            address,reason,date\r
            ann@example.com,unsubscribed,2026-03-20T09:00:00Z\r
            "bob@example.com","asked by phone, twice",2026-03-21
            @spam.example.net,complaint,
            carl@example.com # a comment after a plain entry
            """)
        #expect(list.count == 4)
        #expect(list.match(key: "ann@example.com", domain: "example.com") == .init(file: "s.csv", line: 2))
        #expect(list.match(key: "bob@example.com", domain: "example.com")?.line == 3)
        #expect(list.match(key: "x@spam.example.net", domain: "spam.example.net")?.line == 4)
        #expect(list.match(key: "carl@example.com", domain: "example.com")?.line == 5)
    }

    @Test("a duplicate keeps the first line; lists loaded later do not override earlier ones")
    func firstWins() throws {
        let folder = TemporaryDirectory()
        var list = SuppressionList()
        try list.load(path: folder.write("a.txt", "ann@example.com\nANN@example.com\n"), displayPath: "a.txt")
        try list.load(path: folder.write("b.txt", "x@example.com\nann@example.com\n"), displayPath: "b.txt")
        #expect(list.count == 2)
        #expect(list.match(key: "ann@example.com", domain: "example.com") == .init(file: "a.txt", line: 1))
        #expect(list.match(key: "x@example.com", domain: "example.com") == .init(file: "b.txt", line: 1))
    }

    @Test("bad dates, unclosed quotes, too many fields and unkeyed hashes are errors with their lines")
    func badLines() {
        let found = problems("""
            ok@example.com,reason,2026-03-20
            a@example.com,reason,yesterday
            "b@example.com,reason
            c@example.com,a,2026-01-01,extra
            hmac-sha256:\(String(repeating: "ab", count: 32))
            not an address,x
            """)
        #expect(found.map(\.line) == [2, 3, 4, 5, 6])
        #expect(found[0].message == "'yesterday' is not a date; write it as 2026-03-20 or 2026-03-20T09:00:00Z")
        #expect(found[1].message == "a quoted field is not closed on this line")
        #expect(found[2].message == "expected entry,reason,date but found 4 fields")
        #expect(found[3].message.hasPrefix("hashed entries need a key"))
        #expect(found.allSatisfy { $0.file == "s.csv" && $0.severity == .error })
    }

    @Test("a list that is not UTF-8 is a data error for the whole file")
    func notUTF8() throws {
        let folder = TemporaryDirectory()
        var list = SuppressionList()
        let path = folder.write("s.txt", bytes: [0x61, 0x40, 0xFF, 0x0A])
        #expect(throws: CampaignFailure.self) { try list.load(path: path, displayPath: "s.txt") }
    }

    @Test("entries print back in the CSV form edm suppress writes, quoting where needed")
    func csvLine() {
        let entry = SuppressionEntry(kind: .address, value: "ann@example.com", reason: "said \"stop\", twice",
            date: "2026-03-20")
        #expect(entry.csvLine == "ann@example.com,\"said \"\"stop\"\", twice\",2026-03-20")
        #expect(SuppressionEntry(kind: .subdomains, value: "example.org").csvLine == "*.example.org,,")
    }

    @Test("a hundred thousand entries load and match (the million-entry benchmark is in docs/suppression.md)")
    func many() throws {
        var text = "address,reason,date\n"
        for index in 0..<100_000 { text += "user\(index)@example.com,unsubscribed,2026-03-20\n" }
        let list = try load(text)
        #expect(list.count == 100_000)
        #expect(list.match(key: "user99999@example.com", domain: "example.com")?.line == 100_001)
        #expect(list.match(key: "user100000@example.com", domain: "example.com") == nil)
        #expect(list.memoryBytes <= 4 << 20)
    }
}
