// RandomCSV.swift — random CSV files, valid or broken in one known way, for the differential test.

import Foundation

/// A random CSV file and what is wrong with it, if anything.
///
/// Valid files use every feature both readers share: `,`, `;` or TAB, quoted and unquoted fields, doubled
/// quotes, LF, CRLF and CR line breaks inside and between records, empty fields, blank lines, a byte-order
/// mark, a last record without a line break, and non-ASCII text. Broken files carry exactly one defect at a
/// known byte offset.
struct RandomCSV {
    enum Defect: Equatable {
        case none
        /// A last record whose quoted field never closes; the offset is its opening quote.
        case unclosedQuote
        /// A character right after a closing quote; the offset is that character.
        case characterAfterClosingQuote(Character)
        /// A data record with one field too many or too few; the offset is the extra field or the record's
        /// end. `record` is its index among the data records.
        case fieldCount(record: Int, found: Int)
        /// A quote inside an unquoted field (`a"b`), which Python keeps as text; `record` as above.
        case strayQuote(record: Int)
    }

    var bytes: [UInt8]
    var delimiter: UInt8
    /// Whether the reader must sniff the delimiter (else it is passed in the options).
    var sniff: Bool
    var columns: Int
    var defect: Defect
    /// Where the defect is, as a byte offset into `bytes`.
    var defectOffset = 0

    private static let headerBases = ["email", "name", "Vorname", "城市", "名前", "note", "Zoë", "first name", "e-mail"]

    /// Makes one file from `rng`.
    static func make(using rng: inout SeededGenerator) -> RandomCSV {
        let delimiter: UInt8 = rng.pick([0x2C, 0x3B, 0x09])
        let columns = Int.random(in: 1...6, using: &rng)
        // A one-column header has no delimiter to sniff; pass the delimiter for those.
        let sniff = columns > 1 && rng.chance(50)
        let rowCount = Int.random(in: 0...12, using: &rng)
        var file = RandomCSV(bytes: [], delimiter: delimiter, sniff: sniff, columns: columns, defect: .none)
        if rng.chance(10) {
            file.bytes += [0xEF, 0xBB, 0xBF]
        }

        let header = (0..<columns).map { index in headerName(index, sniff: sniff, using: &rng) }
        file.appendRecord(header, using: &rng, lineBreak: file.randomLineBreak(using: &rng))

        let defectRoll = rowCount > 0 ? Int.random(in: 0..<100, using: &rng) : 100
        let defectiveRecord = Int.random(in: 0..<max(rowCount, 1), using: &rng)
        for record in 0..<rowCount {
            if rng.chance(8) {
                file.bytes += Array(rng.pick(["\n", "\r\n"]).utf8)
            }
            var values = (0..<columns).map { _ in value(using: &rng) }
            let isLast = record == rowCount - 1
            let lineBreak = isLast && rng.chance(20) ? "" : file.randomLineBreak(using: &rng)
            guard record == defectiveRecord else {
                file.appendRecord(values, using: &rng, lineBreak: lineBreak)
                continue
            }
            switch defectRoll {
            case 0..<6:
                let character: Character = rng.pick(["x", " ", "é", "😀"])
                file.defect = .characterAfterClosingQuote(character)
                file.appendRecord(
                    values, using: &rng, lineBreak: lineBreak,
                    trailer: (Int.random(in: 0..<columns, using: &rng), character))
            case 6..<12:
                if columns > 1 && rng.chance(50) {
                    values.removeLast()
                } else {
                    values.append(value(using: &rng))
                }
                file.defect = .fieldCount(record: record, found: values.count)
                file.appendRecord(values, using: &rng, lineBreak: lineBreak, markExtraField: values.count > columns)
            case 12..<18:
                let field = Int.random(in: 0..<columns, using: &rng)
                file.defect = .strayQuote(record: record)
                file.appendRecord(values, using: &rng, lineBreak: lineBreak, strayQuoteField: field)
            default:
                file.appendRecord(values, using: &rng, lineBreak: lineBreak)
            }
        }
        if (18..<24).contains(defectRoll) {
            file.appendUnclosedRecord(using: &rng)
        }
        return file
    }

    // MARK: - Serialising

    private func randomLineBreak(using rng: inout SeededGenerator) -> String {
        switch Int.random(in: 0..<100, using: &rng) {
        case 0..<45: return "\n"
        case 45..<90: return "\r\n"
        default: return "\r"
        }
    }

    private func needsQuotes(_ value: String, fieldCount: Int) -> Bool {
        // A record that is one empty field would be an empty line, which both readers skip.
        value.utf8.contains { $0 == delimiter || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            || (fieldCount == 1 && value.isEmpty)
    }

    private mutating func appendField(_ value: String, fieldCount: Int, using rng: inout SeededGenerator) {
        if needsQuotes(value, fieldCount: fieldCount) || rng.chance(25) {
            bytes.append(0x22)
            bytes += Array(value.replacingOccurrences(of: "\"", with: "\"\"").utf8)
            bytes.append(0x22)
        } else {
            bytes += Array(value.utf8)
        }
    }

    private mutating func appendRecord(
        _ values: [String], using rng: inout SeededGenerator, lineBreak: String,
        trailer: (field: Int, character: Character)? = nil, markExtraField: Bool = false, strayQuoteField: Int? = nil
    ) {
        for (index, value) in values.enumerated() {
            if index > 0 {
                bytes.append(delimiter)
            }
            if markExtraField && index == columns {
                defectOffset = bytes.count
            }
            if let trailer, trailer.field == index {
                bytes.append(0x22)
                bytes += Array(value.replacingOccurrences(of: "\"", with: "\"\"").utf8)
                bytes.append(0x22)
                defectOffset = bytes.count
                bytes += Array(String(trailer.character).utf8)
            } else if strayQuoteField == index {
                bytes += Array("a".utf8)
                defectOffset = bytes.count
                bytes += Array("\"b".utf8)
            } else {
                appendField(value, fieldCount: values.count, using: &rng)
            }
        }
        if case .fieldCount = defect, !markExtraField, defectOffset == 0 {
            defectOffset = bytes.count
        }
        bytes += Array(lineBreak.utf8)
    }

    /// Appends a record whose last field opens a quote and never closes it.
    private mutating func appendUnclosedRecord(using rng: inout SeededGenerator) {
        if let last = bytes.last, last != 0x0A && last != 0x0D {
            bytes.append(0x0A)
        }
        let field = Int.random(in: 0..<columns, using: &rng)
        for _ in 0..<field {
            appendField(Self.value(using: &rng), fieldCount: columns, using: &rng)
            bytes.append(delimiter)
        }
        defectOffset = bytes.count
        bytes.append(0x22)
        let rest = Self.value(using: &rng).replacingOccurrences(of: "\"", with: "")
        bytes += Array((rest + rng.pick(["", "\n", "\r\nmore", "x,y;z\tw"])).utf8)
        defect = .unclosedQuote
    }

    // MARK: - Values

    private static func headerName(_ index: Int, sniff: Bool, using rng: inout SeededGenerator) -> String {
        var name = rng.pick(headerBases) + String(index)
        if rng.chance(15) {
            // Sniffed headers must not contain candidate delimiters; a quote is fine either way.
            name += sniff ? "\"q" : rng.pick([",", ";", "\t", "\"q"])
        }
        if rng.chance(20) {
            name = " " + name + "  "
        }
        return name
    }

    static func value(using rng: inout SeededGenerator) -> String {
        let one = singleValue(using: &rng)
        return rng.chance(25) ? one + singleValue(using: &rng) : one
    }

    private static func singleValue(using rng: inout SeededGenerator) -> String {
        switch Int.random(in: 0..<100, using: &rng) {
        case 0..<15: return ""
        case 15..<45: return rng.pick(["alice@example.com", "Bob", "x", "42", "3.50", "Smith-Jones", "o'Brien"])
        case 45..<55: return rng.pick(["Doe, Jane", "a;b", "tab\there", "1,000;2", ", ;\t"])
        case 55..<65: return rng.pick(["say \"hi\"", "\"", "\"\"", "a\"b\"c", "\"quoted\""])
        case 65..<75:
            return rng.pick(["line1\nline2", "crlf\r\nline", "cr\ronly", "\n", "\r\n", "end\n", "\r", "a\n\nb"])
        case 75..<90:
            return rng.pick([
                "张三", "Zoë", "e\u{301}", "😀", "👩‍👩‍👧", "مرحبا", "naïve café", "\u{A0}nbsp\u{A0}", "ß", "𠮷",
            ])
        default: return rng.pick(["  padded  ", " ", "\t", " lead", "trail "])
        }
    }

    // MARK: - Positions

    /// The 1-based line and column of the byte at `offset`: lines end at LF, CRLF or CR, columns count
    /// Unicode scalars, and a byte-order mark takes no column.
    func position(of offset: Int) -> (line: Int, column: Int) {
        let text = String(decoding: bytes[..<offset], as: UTF8.self)
        var line = 1
        var column = 1
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            if scalar == "\n" && previous == "\r" {
                continue
            }
            if scalar == "\n" || scalar == "\r" {
                line += 1
                column = 1
            } else if !(scalar == "\u{FEFF}" && line == 1 && column == 1) {
                column += 1
            }
        }
        return (line, column)
    }
}
