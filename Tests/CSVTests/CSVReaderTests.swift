// CSVReaderTests.swift — CSVReader's API: files, errors and recovery, streaming memory, options.

import Foundation
import Testing

@testable import CSV

@Suite("CSVReader")
struct CSVReaderTests {
    private func temporaryFile(_ bytes: [UInt8]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("csvreader-\(UUID().uuidString).csv")
        try Data(bytes).write(to: url)
        return url
    }

    // MARK: - Opening files

    @Test("a missing file is reported by path, without a position")
    func fileNotFound() {
        let error = #expect(throws: CSVError.self) { try CSVReader(path: "/nonexistent/recipients.csv") }
        #expect(error == CSVError(.fileNotFound(path: "/nonexistent/recipients.csv")))
        #expect(error?.description == "file not found: /nonexistent/recipients.csv")
    }

    @Test("a directory is not a CSV file")
    func directory() {
        let path = FileManager.default.temporaryDirectory.path
        #expect(throws: CSVError(.isDirectory(path: path))) { try CSVReader(path: path) }
    }

    @Test("an unopenable path carries the errno text")
    func unreadable() throws {
        let file = try temporaryFile(Array("a\n".utf8))
        defer { try? FileManager.default.removeItem(at: file) }
        let path = file.path + "/inside"
        let error = #expect(throws: CSVError.self) { try CSVReader(path: path) }
        #expect(error == CSVError(.unreadable(path: path, reason: "Not a directory")))
        #expect(error?.description == "cannot open \(path): Not a directory")
    }

    @Test("a file is read in chunks with memory flat in its size")
    func streamsLargeFile() throws {
        var text = "email,name,city,code,note\r\n"
        for row in 0..<100_000 {
            text += "user\(row)@example.com,Name \(row),City,\(row % 97),\"a, \"\"quoted\"\" note\"\r\n"
        }
        let file = try temporaryFile(Array(text.utf8))
        defer { try? FileManager.default.removeItem(at: file) }
        let reader = try CSVReader(path: file.path, options: CSVOptions(chunkSize: 4_096))
        var count = 0
        var last: CSVRecord?
        while let record = try reader.next() {
            count += 1
            last = record
        }
        #expect(text.utf8.count > 6_000_000)
        #expect(count == 100_000)
        #expect(
            last
                == CSVRecord(
                    line: 100_001,
                    fields: [
                        "user99999@example.com", "Name 99999", "City", "89", "a, \"quoted\" note",
                    ]))
        // One record plus one chunk, however long the file: the initial 8 KiB buffer never had to grow.
        #expect(reader.bufferCapacity == 8_192)
    }

    @Test("a record longer than a chunk grows the buffer, up to the record limit only")
    func longRecord() throws {
        let long = String(repeating: "x", count: 50_000)
        let bytes = Array("note\n\"\(long)\"\nshort\n".utf8)
        let reader = try CSVReader(bytes: bytes, options: CSVOptions(chunkSize: 1_000))
        #expect(try reader.next()?.fields == [long])
        #expect(try reader.next()?.fields == ["short"])
        #expect(try reader.next() == nil)
        #expect(reader.bufferCapacity <= 2 * 65_536)
    }

    @Test("the reader closes its file descriptor, also when opening fails")
    func closesDescriptor() throws {
        let file = try temporaryFile(Array("email\na@x.test\n".utf8))
        defer { try? FileManager.default.removeItem(at: file) }
        func openDescriptors() throws -> Int {
            try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count
        }
        // Other tests run in parallel and open a few descriptors of their own; 300 dwarfs that.
        let before = try openDescriptors()
        var readers: [CSVReader] = []
        for _ in 0..<300 {
            readers.append(try CSVReader(path: file.path))
        }
        let open = try openDescriptors()
        readers.removeAll()
        let closed = try openDescriptors()
        for _ in 0..<300 {
            #expect(throws: CSVError.self) { try CSVReader(path: file.path, options: CSVOptions(encoding: "nope")) }
        }
        let afterFailures = try openDescriptors()
        #expect(open - before >= 290)
        #expect(open - closed >= 290)
        #expect(afterFailures - closed < 50)
    }

    // MARK: - Errors and recovery

    @Test("after a wrong field count, reading goes on with the next record")
    func recoversFromFieldCount() throws {
        let reader = try CSVReader(bytes: Array("a,b\n1,2\n3\n4,5\n6,7,8\n9,10\n".utf8))
        #expect(try reader.next() == CSVRecord(line: 2, fields: ["1", "2"]))
        #expect(throws: CSVError(.fieldCountMismatch(expected: 2, found: 1), line: 3, column: 2)) { try reader.next() }
        #expect(try reader.next() == CSVRecord(line: 4, fields: ["4", "5"]))
        #expect(throws: CSVError(.fieldCountMismatch(expected: 2, found: 3), line: 5, column: 5)) { try reader.next() }
        #expect(try reader.next() == CSVRecord(line: 6, fields: ["9", "10"]))
        #expect(try reader.next() == nil)
        #expect(try reader.next() == nil)
    }

    @Test("after invalid UTF-8 in a record, reading goes on with the next record")
    func recoversFromInvalidUTF8() throws {
        let bytes = Array("name\nJos\u{E9}\n".utf8) + [0x4A, 0x6F, 0x73, 0xE9, 0x0A] + Array("Zo\u{EB}\n".utf8)
        let reader = try CSVReader(bytes: bytes)
        #expect(try reader.next()?.fields == ["José"])
        #expect(throws: CSVError(.invalidUTF8(byte: 0xE9, suggestedEncoding: "windows-1252"), line: 3, column: 4)) {
            try reader.next()
        }
        #expect(try reader.next()?.fields == ["Zoë"])
    }

    @Test("a syntax error is final: every later call throws it again")
    func syntaxErrorIsFinal() throws {
        let reader = try CSVReader(bytes: Array("a,b\n1,\"2\n".utf8))
        let expected = CSVError(.unclosedQuote, line: 2, column: 3)
        #expect(throws: expected) { try reader.next() }
        #expect(throws: expected) { try reader.next() }
    }

    @Test("an oversized field is refused before the rest of the file is read")
    func unclosedQuoteInHugeFile() throws {
        var text = "email,note\na@x.test,\"oops\n"
        text += String(repeating: "b@x.test,fine\n", count: 50_000)
        let reader = try CSVReader(bytes: Array(text.utf8), options: CSVOptions(chunkSize: 4_096))
        #expect(throws: CSVError(.fieldTooLarge(limit: 65_536, quoted: true), line: 2, column: 10)) {
            try reader.next()
        }
        #expect(reader.bufferCapacity <= 131_072)
    }

    @Test("error descriptions are lower-case sentences with a position")
    func descriptions() {
        #expect(
            CSVError(.unclosedQuote, line: 17, column: 5).description
                == "line 17, column 5: unclosed quoted field (opened here)")
        #expect(
            CSVError(.invalidUTF8(byte: 0xD5, suggestedEncoding: "gb18030"), line: 2, column: 1).description
                == "line 2, column 1: invalid UTF-8 byte 0xD5; if this file came from Excel in Chinese, set "
                + "recipients.encoding = \"gb18030\"")
        #expect(
            CSVError(.fieldCountMismatch(expected: 1, found: 2), line: 3, column: 4).description
                == "line 3, column 4: expected 1 field as in the header, found 2")
        #expect(
            CSVError(.characterAfterClosingQuote("\t"), line: 1, column: 2).kind.message
                == "unexpected TAB after a closing quote; expected a delimiter or the end of the line")
        #expect(
            CSVError(.readFailed(reason: "Input/output error"), line: 9, column: 1).description
                == "line 9, column 1: read error: Input/output error")
    }

    // MARK: - Options and sniffing

    @Test("the defaults are the documented ones")
    func defaults() {
        let options = CSVOptions()
        #expect(options.delimiter == nil)
        #expect(options.encoding == "utf-8")
        #expect(options.maxFieldBytes == 65_536)
        #expect(options.maxColumns == 1_000)
        #expect(options.maxRecordBytes == 1_048_576)
        #expect(options.chunkSize == 65_536)
    }

    @Test(
        "the delimiter is sniffed from the header line only",
        arguments: [
            ("a,b,c\n1;2;3;4;5\n", UInt8(ascii: ",")),
            ("a;b;c\n1,2,3\n", UInt8(ascii: ";")),
            ("a\tb\tc\n", UInt8(ascii: "\t")),
            ("a;b\tc\td\n", UInt8(ascii: "\t")),
            ("a;b,c\n", UInt8(ascii: ",")),
            ("a;b\tc\n", UInt8(ascii: ";")),
            ("email\n", UInt8(ascii: ",")),
            ("\n\r\n\"a;b;c\"\tx\n", UInt8(ascii: "\t")),
        ])
    func sniffing(text: String, delimiter: UInt8) throws {
        for chunkSize in [1, 65_536] {
            let reader = try CSVReader(bytes: Array(text.utf8), options: CSVOptions(chunkSize: chunkSize))
            #expect(reader.delimiter == delimiter)
        }
    }

    @Test("a chunk size below 1 is treated as 1")
    func tinyChunkSize() throws {
        let reader = try CSVReader(bytes: Array("a,b\n1,2\n".utf8), options: CSVOptions(chunkSize: 0))
        #expect(try reader.next() == CSVRecord(line: 2, fields: ["1", "2"]))
    }
}
