// CSVDifferentialTests.swift — thousands of random files read by CSVReader and by Python's csv module.

import CSV
import Foundation
import Testing

/// Compares CSVReader with Python's `csv.reader(strict=True)` on random files.
///
/// Valid files must give identical headers, records and line numbers (Python's empty rows for blank lines
/// dropped, header names stripped). Broken files must fail in both where Python is strict too (unclosed
/// quote, text after a closing quote); where Python is lenient (a wrong field count, which it does not
/// check, and a quote inside an unquoted field, which it keeps), Python's rows up to the bad record must
/// still match, and CSVReader must report the defect at its exact line and column.
@Suite("CSV differential test against Python's csv module")
struct CSVDifferentialTests {
    /// Ten batches of 300 files, so the batches run in parallel: 3,000 files in all, about 2,300 of them
    /// valid.
    static let batches = Array(0..<10)
    static let filesPerBatch = 300

    struct PythonResult: Decodable {
        var rows: [[String]]
        var lines: [Int]
        var error: String?
    }

    static let script = """
        import csv, json, sys
        out = []
        for item in json.load(open(sys.argv[1], encoding='utf-8')):
            rows, lines, error = [], [], None
            try:
                with open(item['path'], newline='', encoding='utf-8-sig') as f:
                    reader = csv.reader(f, delimiter=item['delimiter'], strict=True)
                    previous = 0
                    for row in reader:
                        if row:
                            rows.append(row)
                            lines.append(previous + 1)
                        previous = reader.line_num
            except csv.Error as e:
                error = str(e)
            out.append({'rows': rows, 'lines': lines, 'error': error})
        json.dump(out, sys.stdout)
        """

    @Test("random files read like Python's csv module", arguments: batches)
    func batch(_ batch: Int) throws {
        var rng = SeededGenerator(seed: 0xED_C5_0000 + UInt64(batch))
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("csv-differential-\(batch)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        var files: [RandomCSV] = []
        var manifest: [[String: String]] = []
        for index in 0..<Self.filesPerBatch {
            let file = RandomCSV.make(using: &rng)
            let path = directory.appendingPathComponent("\(index).csv").path
            try Data(file.bytes).write(to: URL(fileURLWithPath: path))
            files.append(file)
            manifest.append(["path": path, "delimiter": String(UnicodeScalar(file.delimiter))])
        }
        let manifestURL = directory.appendingPathComponent("manifest.json")
        try JSONSerialization.data(withJSONObject: manifest).write(to: manifestURL)
        let output = try Python.run(Self.script, arguments: [manifestURL.path])
        let results = try JSONDecoder().decode([PythonResult].self, from: output)
        try #require(results.count == files.count)

        var defects: [String: Int] = [:]
        for (index, (file, python)) in zip(files, results).enumerated() {
            var options = CSVOptions(chunkSize: rng.pick([1, 2, 3, 5, 7, 13, 64, 4_096, 65_536]))
            options.delimiter = file.sniff ? nil : file.delimiter
            let path = manifest[index]["path"] ?? ""
            let ours =
                index % 8 == 0
                ? ReadOutcome.read { () throws(CSVError) in try CSVReader(path: path, options: options) }
                : ReadOutcome.read { () throws(CSVError) in try CSVReader(bytes: file.bytes, options: options) }
            defects["\(file.defect)".prefix(while: { $0 != "(" }).description, default: 0] += 1
            compare(ours, with: python, for: file, label: "batch \(batch) file \(index) (\(options.chunkSize))")
        }
        // Every kind of file must have turned up, and 10 × 200 valid ones at least, or the generator has
        // drifted.
        #expect(defects.count == 5, "\(defects)")
        #expect(defects["none", default: 0] >= 200, "\(defects)")
    }

    private func compare(_ ours: ReadOutcome, with python: PythonResult, for file: RandomCSV, label: String) {
        let pythonRecords = zip(python.rows, python.lines).dropFirst().map { CSVRecord(line: $1, fields: $0) }
        let pythonHeader = python.rows.first?.map { $0.trimmingCharacters(in: .whitespaces) }
        let (line, column) = file.position(of: file.defectOffset)
        switch file.defect {
        case .none:
            #expect(python.error == nil, "\(label): Python rejected a valid file")
            #expect(ours.error == nil, "\(label): \(ours.error?.description ?? "")")
            #expect(ours.header == pythonHeader, "\(label)")
            #expect(ours.delimiter == file.delimiter, "\(label)")
            #expect(ours.records == pythonRecords, "\(label)")
        case .unclosedQuote:
            #expect(python.error != nil, "\(label): Python accepted an unclosed quote")
            #expect(ours.error == CSVError(.unclosedQuote, line: line, column: column), "\(label)")
            #expect(ours.records == pythonRecords, "\(label)")
        case .characterAfterClosingQuote(let character):
            #expect(python.error != nil, "\(label): Python accepted text after a closing quote")
            #expect(
                ours.error == CSVError(.characterAfterClosingQuote(character), line: line, column: column),
                "\(label)")
            #expect(ours.records == pythonRecords, "\(label)")
        case .fieldCount(let record, let found):
            #expect(python.error == nil, "\(label)")
            #expect(python.rows.count > record + 1 && python.rows[record + 1].count == found, "\(label)")
            let kind = CSVError.Kind.fieldCountMismatch(expected: file.columns, found: found)
            #expect(ours.error == CSVError(kind, line: line, column: column), "\(label)")
            #expect(ours.records == Array(pythonRecords.prefix(record)), "\(label)")
        case .strayQuote(let record):
            #expect(python.error == nil, "\(label)")
            let keptQuote = python.rows.count > record + 1 && python.rows[record + 1].contains { $0.contains("a\"b") }
            #expect(keptQuote, "\(label): Python should keep the stray quote as text")
            #expect(ours.error == CSVError(.strayQuote, line: line, column: column), "\(label)")
            #expect(ours.records == Array(pythonRecords.prefix(record)), "\(label)")
        }
    }
}
