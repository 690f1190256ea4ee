// CSVFixtureTests.swift — runs every Fixtures/csv pair through the reader at chunk sizes that split everything.

import CSV
import Foundation
import Testing

@Suite("CSV fixture pairs")
struct CSVFixtureTests {
    /// Chunk sizes small enough that CRLF pairs, doubled quotes and multibyte characters straddle reads.
    static let chunkSizes = [1, 2, 3, 7, 64, 65_536]

    @Test("fixture directory holds complete pairs")
    func fixturesArePaired() throws {
        #expect(Fixture.all.count >= 50)
        for fixture in Fixture.all {
            let json = Fixture.directory.appendingPathComponent(fixture.name + ".json").path
            #expect(FileManager.default.fileExists(atPath: json), "\(fixture.name).csv has no .json")
        }
    }

    @Test("fixture reads as expected", arguments: Fixture.all, chunkSizes)
    func fixture(_ fixture: Fixture, chunkSize: Int) throws {
        let expectation = try fixture.expectation()
        let options = fixture.options(expectation, chunkSize: chunkSize)
        let fromFile = ReadOutcome.read { () throws(CSVError) in
            try CSVReader(path: fixture.csvPath, options: options)
        }
        let bytes = try fixture.bytes()
        let fromMemory = ReadOutcome.read { () throws(CSVError) in try CSVReader(bytes: bytes, options: options) }
        #expect(fromFile == fromMemory, "reading from a file and from memory differ")

        #expect(fromFile.header == expectation.header)
        if let delimiter = expectation.delimiter {
            #expect(fromFile.delimiter == delimiter.utf8.first)
        }
        let expectedRecords = (expectation.records ?? []).map { CSVRecord(line: $0.line, fields: $0.fields) }
        #expect(fromFile.records == expectedRecords)
        #expect(fromFile.error?.description == expectation.error)
    }
}
