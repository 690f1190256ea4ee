// RecipientSource: column mapping, verdicts (invalid, duplicate with both lines, no consent) and CSV errors.
import Campaign
import EdmTestSupport
import Testing

@Suite struct RecipientSourceTests {
    func read(_ csv: String, settings: (inout RecipientSettings) -> Void = { _ in }, consent: Bool = false) throws -> [Recipient] {
        let folder = TemporaryDirectory()
        var recipientSettings = RecipientSettings(file: folder.write("r.csv", csv))
        settings(&recipientSettings)
        let source = try RecipientSource(settings: recipientSettings, requireConsent: consent, displayPath: "r.csv")
        var rows: [Recipient] = []
        while let row = try source.next() { rows.append(row) }
        return rows
    }

    @Test("verdicts: ok, invalid with a reason code, duplicate naming the first line, no consent")
    func verdicts() throws {
        let rows = try read("""
            email,name,consent
            Ann@Example.com,Ann,yes
            bad-address,Bob,yes
            ann@example.COM,Ann again,yes
            carol@example.org,Carol,no
            dave@例子.广告,Dave,是

            """, settings: { $0.consentColumn = "consent"; $0.nameColumn = "name" }, consent: true)
        #expect(rows.map(\.line) == [2, 3, 4, 5, 6])
        #expect(rows[0].verdict == .ok)
        #expect(rows[0].key == "ann@example.com")
        #expect(rows[0].displayName == "Ann")
        guard case .invalid(let code, _) = rows[1].verdict else { Issue.record("row 3 should be invalid"); return }
        #expect(code == "missing-at")
        #expect(rows[2].verdict == .duplicate(firstLine: 2))
        #expect(rows[3].verdict == .noConsent)
        #expect(rows[4].verdict == .ok)
        #expect(rows[4].key == "dave@xn--fsqu00a.xn--4rr70v")
    }

    @Test("case-sensitive local parts make Ann and ann different people")
    func caseSensitive() throws {
        let rows = try read("email\nAnn@example.com\nann@example.com\n", settings: { $0.caseSensitiveLocalPart = true })
        #expect(rows.map(\.verdict) == [.ok, .ok])
    }

    @Test("a missing email column is a data error naming the columns and a suggestion")
    func missingColumn() {
        #expect {
            _ = try read("e-mail,name\na@example.com,A\n")
        } throws: { error in
            (error as? CampaignFailure)?.diagnostics.first?.description
                == "r.csv:1: error: the email column 'email' is not in the header (columns: e-mail, name); did you mean 'e-mail'?"
        }
    }

    @Test("malformed CSV is reported with file, line and column")
    func malformed() {
        #expect {
            _ = try read("email,name\na@example.com,\"unclosed\nb@example.com,B\n")
        } throws: { error in
            guard let failure = error as? CampaignFailure, let first = failure.diagnostics.first else { return false }
            return failure.category == .badData && first.file == "r.csv" && first.line == 2 && first.column == 15
        }
    }

    @Test("CR, LF and NUL in an address are invalid, never an address")
    func controlCharacters() throws {
        let rows = try read("email\n\"a@example.com\r\nBcc: x@evil.example\"\n\"b@example.com\nX\"\n")
        #expect(rows.count == 2)
        for row in rows {
            guard case .invalid = row.verdict else { Issue.record("line \(row.line) accepted: \(row.rawEmail)"); continue }
        }
    }
}

@Suite struct SuppressionListTests {
    @Test("addresses, domains, subdomains and hashed entries match on the normalised key")
    func matching() throws {
        let folder = TemporaryDirectory()
        let path = folder.write("s.txt", """
            # comment
            Ann@Example.com
            @blocked.example.net   # whole domain
            *.corp.example.org

            hmac-sha256:\(EdmTestSupportHMAC.hex(key: "k", message: "zed@example.com"))
            """)
        var list = SuppressionList(hmacKey: Array("k".utf8))
        try list.load(path: path, displayPath: "s.txt")
        #expect(list.count == 4)
        #expect(list.match(key: "ann@example.com", domain: "example.com")?.line == 2)
        #expect(list.match(key: "x@blocked.example.net", domain: "blocked.example.net")?.line == 3)
        #expect(list.match(key: "x@sub.blocked.example.net", domain: "sub.blocked.example.net") == nil)
        #expect(list.match(key: "x@a.b.corp.example.org", domain: "a.b.corp.example.org")?.line == 4)
        #expect(list.match(key: "x@corp.example.org", domain: "corp.example.org")?.line == 4)
        #expect(list.match(key: "zed@example.com", domain: "example.com")?.line == 6)
        #expect(list.match(key: "bob@example.com", domain: "example.com") == nil)
    }

    @Test("a missing list fails closed with exit-66 category; a bad line is a data error with its line")
    func failClosed() {
        var list = SuppressionList()
        #expect(throws: FileError.self) { try list.load(path: "/nonexistent/s.txt", displayPath: "s.txt") }
        let folder = TemporaryDirectory()
        let path = folder.write("s.txt", "ok@example.com\nnot an address\n")
        #expect {
            try list.load(path: path, displayPath: "s.txt")
        } throws: { error in
            (error as? CampaignFailure)?.diagnostics.map(\.line) == [2]
        }
    }
}

@Suite struct RecipientSourceDedupeTests {
    func verdicts(
        _ bytes: [UInt8], encoding: String = "utf-8", dedupe: RecipientSource.Dedupe = .prePass
    ) throws -> [(Int, RecipientVerdict)] {
        let folder = TemporaryDirectory()
        var settings = RecipientSettings(file: folder.write("r.csv", bytes: bytes))
        settings.encoding = encoding
        let source = try RecipientSource(settings: settings, requireConsent: false, displayPath: "r.csv", dedupe: dedupe)
        var rows: [(Int, RecipientVerdict)] = []
        while let row = try source.next() { rows.append((row.line, row.verdict)) }
        return rows
    }

    @Test("first row wins; duplicates name physical lines, past fields that span lines")
    func firstRowWinsWithPhysicalLines() throws {
        let rows = try verdicts(Array("email,note\nb@example.com,\"one\ntwo\"\nA@example.com,x\nB@EXAMPLE.com,y\na@example.com,\"z\r\nw\"\nb@example.com,q\n".utf8))
        #expect(rows.map(\.0) == [2, 4, 5, 6, 8])
        #expect(rows.map(\.1) == [.ok, .ok, .duplicate(firstLine: 2), .duplicate(firstLine: 4), .duplicate(firstLine: 2)])
    }

    @Test("the first-rows index gives the pre-pass's verdicts, row for row, without reading ahead")
    func firstRowsAgrees() throws {
        var csv = "email,n\n"
        var generator = SystemRandomNumberGenerator()
        for n in 0..<3000 {
            let user = Int.random(in: 0..<800, using: &generator)
            csv += (n % 97 == 0 ? "not an address" : (user % 2 == 0 ? "U\(user)@Example.com" : "u\(user)@example.com")) + ",\(n)\n"
        }
        let prePass = try verdicts(Array(csv.utf8))
        let firstRows = try verdicts(Array(csv.utf8), dedupe: .firstRows)
        #expect(prePass.count == 3000)
        #expect(prePass.map(\.0) == firstRows.map(\.0))
        #expect(prePass.map(\.1) == firstRows.map(\.1))
        #expect(prePass.contains { if case .duplicate = $0.1 { true } else { false } })
    }

    @Test("an empty list and a list with no valid rows")
    func emptyLists() throws {
        #expect(try verdicts(Array("email,name\n".utf8)).isEmpty)
        let rows = try verdicts(Array("email\nnope\n@example.com\n".utf8))
        #expect(rows.map(\.0) == [2, 3])
        #expect(rows.allSatisfy { if case .invalid = $0.1 { true } else { false } })
    }

    @Test("a GB18030 list is deduped on its decoded, normalised addresses")
    func gb18030() throws {
        // "email,name\ndave@例子.广告,王伟\nb@example.com,李\nDAVE@例子.广告,张\n" in GB18030.
        let bytes: [UInt8] = [
            101, 109, 97, 105, 108, 44, 110, 97, 109, 101, 10, 100, 97, 118, 101, 64, 192, 253, 215, 211, 46, 185,
            227, 184, 230, 44, 205, 245, 206, 176, 10, 98, 64, 101, 120, 97, 109, 112, 108, 101, 46, 99, 111, 109, 44,
            192, 238, 10, 68, 65, 86, 69, 64, 192, 253, 215, 211, 46, 185, 227, 184, 230, 44, 213, 197, 10,
        ]
        #expect(try verdicts(bytes, encoding: "gb18030").map(\.1) == [.ok, .ok, .duplicate(firstLine: 2)])
    }

    @Test("a CSV error stops the pre-pass quietly; the main pass reports it at its row")
    func csvErrorAfterDuplicates() throws {
        let folder = TemporaryDirectory()
        let settings = RecipientSettings(file: folder.write("r.csv", "email\na@example.com\nA@example.com\n\"bad\n"))
        let source = try RecipientSource(settings: settings, requireConsent: false, displayPath: "r.csv")
        #expect(try source.next()?.verdict == .ok)
        #expect(try source.next()?.verdict == .duplicate(firstLine: 2))
        #expect(throws: CampaignFailure.self) { _ = try source.next() }
    }
}
