// FuzzRegressionTests.swift — inputs the CSV fuzz target found (Tests/Fuzz/regressions/csv, docs/fuzzing.md).

import Testing

@testable import CSV

@Suite("CSV fuzz regressions")
struct FuzzRegressionTests {
    /// Tests/Fuzz/regressions/csv/invalid-byte-after-closing-quote.csv.bin, without its option byte: an
    /// invalid UTF-8 byte (0xEE) right after a closing quote. The error's kind is `.invalidUTF8`, which
    /// `next()` documents as recoverable for a complete record, but this one stops the scanner inside the
    /// record. A caller that went on by kind alone looped forever; `hasFailed` tells the two apart.
    @Test("an invalid byte after a closing quote is a final error, and says so")
    func invalidByteAfterClosingQuote() throws {
        let bytes: [UInt8] = Array("E-Mail;de;Anna;3,50\n\"b@x.de\";\"M\u{FC}ller; B.\"".utf8) + [0xEE]
            + Array("\"1.00\n".utf8)
        let reader = try CSVReader(bytes: bytes)
        #expect(reader.header == ["E-Mail", "de", "Anna", "3,50"])
        #expect(!reader.hasFailed)
        let first = #expect(throws: CSVError.self) { try reader.next() }
        guard case .invalidUTF8(let byte, _) = first?.kind else {
            Issue.record("expected invalidUTF8, got \(String(describing: first))")
            return
        }
        #expect(byte == 0xEE)
        #expect(first?.line == 2)
        #expect(reader.hasFailed)
        let again = #expect(throws: CSVError.self) { try reader.next() }
        #expect(again == first)
    }

    @Test("a field that is not UTF-8 in a complete record lets reading go on")
    func recoverableInvalidUTF8() throws {
        let bytes: [UInt8] = Array("email,name\na@x.de,".utf8) + [0xEE] + Array("\nb@x.de,Bo\n".utf8)
        let reader = try CSVReader(bytes: bytes)
        #expect(throws: CSVError.self) { try reader.next() }
        #expect(!reader.hasFailed)
        #expect(try reader.next()?.fields == ["b@x.de", "Bo"])
        #expect(try reader.next() == nil)
    }
}
