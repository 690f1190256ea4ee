// DuplicateScan: the bounded-memory dedupe pre-pass agrees with a plain dictionary, across partitions.
@testable import Campaign
import CSV
import EdmTestSupport
import Foundation
import Mail
import Testing

@Suite struct DuplicateScanTests {
    /// Scans `csv` (column `email`) with `rowsPerPartition` and asks the result about every row, as the main
    /// pass would: line → first line for the later rows of a key.
    func scan(_ csv: String, rowsPerPartition: Int, scratch: TemporaryDirectory = TemporaryDirectory()) throws -> [Int: Int] {
        let reader = try CSVReader(bytes: Array(csv.utf8))
        let list = try DuplicateScan.run(
            reader, emailIndex: 0, addressOptions: AddressOptions(), caseSensitiveLocalPart: false,
            fileBytes: csv.utf8.count, displayPath: "r.csv", scratchFolder: scratch.path,
            rowsPerPartition: rowsPerPartition)
        var found: [Int: Int] = [:]
        let lines = try CSVReader(bytes: Array(csv.utf8))
        while let record = try lines.next() {
            guard (try? AddressParser.parse(record.fields[0])) != nil else { continue }
            if let entry = try list.entry(forLine: record.line) { found[record.line] = Int(entry.firstLine) }
        }
        return found
    }

    /// What a dictionary of every key says: line → first line of its key, for the later rows.
    func expected(_ csv: String) throws -> [Int: Int] {
        var first: [String: Int] = [:]
        var result: [Int: Int] = [:]
        let reader = try CSVReader(bytes: Array(csv.utf8))
        while let record = try reader.next() {
            guard let key = (try? AddressParser.parse(record.fields[0]))?.key() else { continue }
            if let line = first[key] { result[record.line] = line } else { first[key] = record.line }
        }
        return result
    }

    @Test("duplicates spread over 64 partitions: the same first lines as a dictionary")
    func acrossPartitions() throws {
        var generator = SystemRandomNumberGenerator()
        var csv = "email,name\n"
        for row in 0..<3000 {
            let n = Int.random(in: 0..<700, using: &generator)
            // Case differences in the domain and local part make the same key; a quoted name spans lines.
            let email = n % 2 == 0 ? "User\(n)@Example\(n % 7).COM" : "user\(n)@example\(n % 7).com"
            csv += row % 50 == 0 ? "\(email),\"two\nlines\"\n" : (row % 97 == 0 ? "not-an-address,x\n" : "\(email),x\n")
        }
        let want = try expected(csv)
        #expect(want.count > 2000)
        #expect(try scan(csv, rowsPerPartition: 1) == want)
        #expect(try scan(csv, rowsPerPartition: 65536) == want)
    }

    @Test("10,000 rows of one address: every later row names the first line")
    func manyOfOneKey() throws {
        var csv = "email\nother@example.org\n"
        for row in 0..<10_000 { csv += row % 2 == 0 ? "Same@Example.com\n" : "same@example.COM\n" }
        csv += "last@example.org\nother@example.org\n"
        let found = try scan(csv, rowsPerPartition: 1)
        #expect(found.count == 10_000)
        #expect(found[3] == nil)
        #expect((4...10_002).allSatisfy { found[$0] == 3 })
        #expect(found[10_004] == 2)
    }

    @Test("a header-only list and a list without a valid address leave no scratch file behind")
    func emptyAndNoValidRows() throws {
        let scratch = TemporaryDirectory()
        #expect(try scan("email\n", rowsPerPartition: 1, scratch: scratch).isEmpty)
        #expect(try scan("email\nnope\nstill-nope\n", rowsPerPartition: 1, scratch: scratch).isEmpty)
        #expect(try scan("email\na@example.com\na@example.com\n", rowsPerPartition: 1, scratch: scratch) == [3: 2])
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
    }

    @Test("a scratch folder that cannot be written is an error naming the file")
    func unwritableScratch() {
        let folder = TemporaryDirectory().file("missing")
        #expect {
            _ = try ScratchFile(folder: folder)
        } throws: { error in
            let text = (error as? FileError)?.description ?? ""
            return text.hasPrefix("cannot write temporary dedupe file '\(folder)/edm-dedupe-")
                && text.hasSuffix("': No such file or directory")
        }
    }

    @Test("scratch files are created mode 0600 and unlinked at once")
    func scratchFilesArePrivate() throws {
        let scratch = TemporaryDirectory()
        let file = try ScratchFile(folder: scratch.path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
        var info = stat()
        #expect(stat(file.path, &info) != 0)
        try file.append(UInt64(7))
        try file.flush()
        var cursor = ScratchCursor<UInt64>(file, from: 0, to: file.size)
        #expect(try cursor.next() == 7)
        #expect(try cursor.next() == nil)
    }
}
