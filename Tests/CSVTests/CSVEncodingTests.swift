// CSVEncodingTests.swift — legacy encodings and UTF-16 decoded through iconv, with Python as the encoder.

import CSV
import Foundation
import Testing

@Suite("CSV encodings")
struct CSVEncodingTests {
    /// One encoded file: the text, how Python encodes it, and the option the reader gets.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        /// The Python codec that produces the bytes.
        var codec: String
        /// Whether Python writes U+FEFF first (in `codec`, so it becomes that encoding's byte-order mark).
        var byteOrderMark = false
        /// The reader's `encoding` option; `nil` keeps the default "utf-8".
        var option: String?
        var text: String
        var header: [String]
        var records: [CSVRecord]

        var testDescription: String { name }
    }

    static let chineseText = "姓名,城市,备注\r\n张三,北京,\"他说\"\"你好\"\"\"\r\n李四,上海,\"多行\n文本😀\"\r\n王五,𠮷野家,🎉\r\n"
    static let chineseHeader = ["姓名", "城市", "备注"]
    static let chineseRecords = [
        CSVRecord(line: 2, fields: ["张三", "北京", "他说\"你好\""]),
        CSVRecord(line: 3, fields: ["李四", "上海", "多行\n文本😀"]),
        CSVRecord(line: 5, fields: ["王五", "𠮷野家", "🎉"]),
    ]
    static let gbkText = "姓名;城市\n张三;北京\n李四;\"上海; 浦东\"\n"
    static let gbkRecords = [
        CSVRecord(line: 2, fields: ["张三", "北京"]), CSVRecord(line: 3, fields: ["李四", "上海; 浦东"]),
    ]
    static let big5Text = "姓名,城市\r\n張三,臺北\r\n李四,\"高雄, 台灣\"\r\n"
    static let big5Records = [
        CSVRecord(line: 2, fields: ["張三", "臺北"]), CSVRecord(line: 3, fields: ["李四", "高雄, 台灣"]),
    ]
    static let latinText = "Name,Stadt\r\nJürgen Müller,Köln\r\nZoë,\"Besançon, França\"\r\n"
    static let latinRecords = [
        CSVRecord(line: 2, fields: ["Jürgen Müller", "Köln"]), CSVRecord(line: 3, fields: ["Zoë", "Besançon, França"]),
    ]

    static let cases: [Case] = [
        Case(
            name: "gb18030 (with 4-byte characters)", codec: "gb18030", option: "gb18030",
            text: chineseText, header: chineseHeader, records: chineseRecords),
        Case(
            name: "gb18030 with its own byte-order mark", codec: "gb18030", byteOrderMark: true, option: "GB18030",
            text: chineseText, header: chineseHeader, records: chineseRecords),
        Case(name: "gbk", codec: "gbk", option: "gbk", text: gbkText, header: ["姓名", "城市"], records: gbkRecords),
        Case(name: "big5", codec: "big5", option: "big5", text: big5Text, header: ["姓名", "城市"], records: big5Records),
        Case(
            name: "latin1", codec: "latin-1", option: "latin1", text: latinText, header: ["Name", "Stadt"],
            records: latinRecords),
        Case(
            name: "iso-8859-1", codec: "latin-1", option: "ISO-8859-1", text: latinText, header: ["Name", "Stadt"],
            records: latinRecords),
        Case(
            name: "windows-1252", codec: "cp1252", option: "windows-1252", text: "Name,Notiz\r\nAnn,“Preis” 5 €\r\n",
            header: ["Name", "Notiz"], records: [CSVRecord(line: 2, fields: ["Ann", "“Preis” 5 €"])]),
        Case(
            name: "utf-16le with BOM, option utf-16", codec: "utf-16-le", byteOrderMark: true, option: "utf-16",
            text: chineseText, header: chineseHeader, records: chineseRecords),
        Case(
            name: "utf-16be with BOM, option utf-16", codec: "utf-16-be", byteOrderMark: true, option: "utf-16",
            text: chineseText, header: chineseHeader, records: chineseRecords),
        Case(
            name: "utf-16le with BOM, detected", codec: "utf-16-le", byteOrderMark: true,
            text: chineseText, header: chineseHeader, records: chineseRecords),
        Case(
            name: "utf-16be with BOM, detected", codec: "utf-16-be", byteOrderMark: true,
            text: chineseText, header: chineseHeader, records: chineseRecords),
        Case(
            name: "utf-16le with BOM overrides option gb18030", codec: "utf-16-le", byteOrderMark: true,
            option: "gb18030", text: chineseText, header: chineseHeader, records: chineseRecords),
        Case(
            name: "utf-16le without BOM, option utf-16", codec: "utf-16-le", option: "utf-16",
            text: chineseText, header: chineseHeader, records: chineseRecords),
        Case(
            name: "utf-16be without BOM, option utf-16", codec: "utf-16-be", option: "utf-16",
            text: chineseText, header: chineseHeader, records: chineseRecords),
        Case(
            name: "utf-8 with BOM, option utf-8", codec: "utf-8", byteOrderMark: true, option: "UTF-8",
            text: chineseText, header: chineseHeader, records: chineseRecords),
    ]

    static let chunkSizes = [1, 2, 3, 7, 65_536]

    /// Every case's bytes, encoded by Python once for all tests.
    static let encoded: Result<[[UInt8]], Error> = Result {
        let script = """
            import json, sys
            cases = json.load(open(sys.argv[1], encoding='utf-8'))
            print(json.dumps([(('\\ufeff' if bom else '') + text).encode(codec).hex() for codec, bom, text in cases]))
            """
        let input = try JSONSerialization.data(withJSONObject: cases.map { [$0.codec, $0.byteOrderMark, $0.text] })
        let inputFile = FileManager.default.temporaryDirectory.appendingPathComponent("csv-encodings-\(UUID()).json")
        try input.write(to: inputFile)
        defer { try? FileManager.default.removeItem(at: inputFile) }
        let output = try Python.run(script, arguments: [inputFile.path])
        return try JSONDecoder().decode([String].self, from: output).map(Self.bytes(hex:))
    }

    static func bytes(hex: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return bytes
    }

    static func encodedBytes(_ name: String) throws -> [UInt8] {
        let all = try encoded.get()
        let index = try #require(cases.firstIndex { $0.name == name })
        return all[index]
    }

    @Test("decodes to the exact text", arguments: cases, chunkSizes)
    func decodes(_ testCase: Case, chunkSize: Int) throws {
        let bytes = try Self.encodedBytes(testCase.name)
        var options = CSVOptions(chunkSize: chunkSize)
        options.encoding = testCase.option ?? options.encoding
        let outcome = ReadOutcome.read { () throws(CSVError) in try CSVReader(bytes: bytes, options: options) }
        #expect(outcome.error == nil)
        #expect(outcome.header == testCase.header)
        #expect(outcome.records == testCase.records)
    }

    @Test("GB18030 read as UTF-8 names the byte and suggests gb18030", arguments: chunkSizes)
    func gb18030AsUTF8(chunkSize: Int) throws {
        let bytes = try Self.encodedBytes("gb18030 (with 4-byte characters)")
        let outcome = ReadOutcome.read { () throws(CSVError) in
            try CSVReader(bytes: bytes, options: CSVOptions(chunkSize: chunkSize))
        }
        // "姓" is 0xD0 0xD5 in GB18030.
        #expect(bytes.prefix(2) == [0xD0, 0xD5])
        #expect(outcome.error == CSVError(.invalidUTF8(byte: 0xD0, suggestedEncoding: "gb18030"), line: 1, column: 1))
        #expect(
            outcome.error?.description == "line 1, column 1: invalid UTF-8 byte 0xD0; if this file came from Excel "
                + "in Chinese, set recipients.encoding = \"gb18030\"")
    }

    @Test("GB18030 data under a UTF-8 header is reported where it starts")
    func gb18030DataAsUTF8() throws {
        let bytes = Array("email,name\r\na@x.test,Ann\r\nb@x.test,".utf8) + [0xD5, 0xC5, 0xC8, 0xFD, 0x0D, 0x0A]
        let outcome = ReadOutcome.read { () throws(CSVError) in try CSVReader(bytes: bytes) }
        #expect(outcome.records == [CSVRecord(line: 2, fields: ["a@x.test", "Ann"])])
        #expect(outcome.error == CSVError(.invalidUTF8(byte: 0xD5, suggestedEncoding: "gb18030"), line: 3, column: 10))
    }

    @Test("a lone UTF-16 surrogate is an error at its position", arguments: chunkSizes)
    func loneSurrogate(chunkSize: Int) {
        // BOM, "a,b\n", "x,", then U+D800 without its low half, then "y\n" (UTF-16LE).
        let units: [UInt16] = [0x61, 0x2C, 0x62, 0x0A, 0x78, 0x2C, 0xD800, 0x79, 0x0A]
        let bytes: [UInt8] = [0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let outcome = ReadOutcome.read { () throws(CSVError) in
            try CSVReader(bytes: bytes, options: CSVOptions(chunkSize: chunkSize))
        }
        #expect(outcome.header == ["a", "b"])
        #expect(
            outcome.error
                == CSVError(
                    .invalidEncodedInput(encoding: "utf-16le", bytes: [0x00, 0xD8, 0x79, 0x00]), line: 2, column: 3))
    }

    @Test("a UTF-16 file cut in the middle of a character", arguments: chunkSizes)
    func truncatedUTF16(chunkSize: Int) {
        let bytes: [UInt8] = [0xFE, 0xFF, 0x00, 0x61, 0x00, 0x0A, 0x00, 0x62, 0x00]
        let outcome = ReadOutcome.read { () throws(CSVError) in
            try CSVReader(bytes: bytes, options: CSVOptions(chunkSize: chunkSize))
        }
        let kind = CSVError.Kind.truncatedEncodedInput(encoding: "utf-16be", bytes: [0x00])
        #expect(outcome.error == CSVError(kind, line: 2, column: 2))
    }

    @Test("an encoding iconv does not know is refused before reading")
    func unknownEncoding() {
        #expect(throws: CSVError(.unknownEncoding("ebcdic-klingon"))) {
            try CSVReader(bytes: Array("a\n".utf8), options: CSVOptions(encoding: "ebcdic-klingon"))
        }
        // Even when a byte-order mark would decide the encoding anyway: the option is still a typo.
        #expect(throws: CSVError(.unknownEncoding("utf-61"))) {
            try CSVReader(bytes: [0xEF, 0xBB, 0xBF, 0x61], options: CSVOptions(encoding: "utf-61"))
        }
    }
}
