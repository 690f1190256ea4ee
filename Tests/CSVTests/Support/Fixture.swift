// Fixture.swift — one `Fixtures/csv/<case>.csv` file with its `<case>.json` expectation, found via #filePath.

import CSV
import Foundation
import Testing

/// A fixture pair: the CSV bytes and what reading them must give.
struct Fixture: Sendable, CustomTestStringConvertible {
    /// What `<case>.json` says: the options to read with, and the header, records and error to expect.
    struct Expectation: Decodable {
        struct Options: Decodable {
            var delimiter: String?
            var encoding: String?
            var maxFieldBytes: Int?
            var maxColumns: Int?
            var maxRecordBytes: Int?
        }

        struct Record: Decodable {
            var line: Int
            var fields: [String]
        }

        var options: Options?
        /// The delimiter the reader must report (sniffed or given).
        var delimiter: String?
        /// The header; absent when opening must fail.
        var header: [String]?
        /// The records read before the end (or before `error`).
        var records: [Record]?
        /// `CSVError.description` of the expected error, if any.
        var error: String?
    }

    /// The directory holding the fixture pairs, beside this test target's sources.
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/csv")

    /// Every fixture, by name.
    static let all: [Fixture] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".csv") }.sorted().map { Fixture(name: String($0.dropLast(4))) }
    }()

    /// The case name, such as `quoted-fields`.
    let name: String

    var testDescription: String { name }

    var csvPath: String { Self.directory.appendingPathComponent(name + ".csv").path }

    func bytes() throws -> [UInt8] {
        try Array(Data(contentsOf: URL(fileURLWithPath: csvPath)))
    }

    func expectation() throws -> Expectation {
        let data = try Data(contentsOf: Self.directory.appendingPathComponent(name + ".json"))
        return try JSONDecoder().decode(Expectation.self, from: data)
    }

    /// The reader options the expectation asks for, with `chunkSize`.
    func options(_ expectation: Expectation, chunkSize: Int) -> CSVOptions {
        var options = CSVOptions(chunkSize: chunkSize)
        if let given = expectation.options {
            options.delimiter = given.delimiter.flatMap { $0.utf8.first }
            options.encoding = given.encoding ?? options.encoding
            options.maxFieldBytes = given.maxFieldBytes ?? options.maxFieldBytes
            options.maxColumns = given.maxColumns ?? options.maxColumns
            options.maxRecordBytes = given.maxRecordBytes ?? options.maxRecordBytes
        }
        return options
    }
}
