// CSVError+Messages.swift — the user-facing sentence for each CSVError.Kind, with a hint on how to fix it.

extension CSVError.Kind {
    /// One lower-case sentence describing the problem and, where there is one, the usual fix.
    public var message: String {
        switch self {
        case .fileNotFound(let path):
            return "file not found: \(path)"
        case .unreadable(let path, let reason):
            return "cannot open \(path): \(reason)"
        case .isDirectory(let path):
            return "\(path) is a directory, not a CSV file"
        case .notRegularFile(let path):
            return "\(path) is not a regular file (a fifo or device?); save the list to a file and name that"
        case .readFailed(let reason):
            return "read error: \(reason)"
        case .unknownEncoding(let name):
            return "unknown encoding \"\(name)\"; use utf-8, gb18030, gbk, big5, latin1, windows-1252, utf-16 "
                + "or another name from `iconv --list`"
        case .invalidDelimiter(let byte):
            return "delimiter \(Self.hex(byte)) cannot separate fields; use \",\", \";\", TAB or another ASCII "
                + "character other than a quote or a line break"
        case .missingHeader:
            return "no header row: the file is empty or holds only blank lines"
        case .emptyHeaderName(let field):
            return "header field \(field) has no name; every column needs one"
        case .duplicateHeaderName(let name, let firstField):
            return "duplicate header name \"\(name)\" (also header field \(firstField))"
        case .unclosedQuote:
            return "unclosed quoted field (opened here)"
        case .strayQuote:
            return "quote inside an unquoted field; enclose the whole field in quotes and double the quotes "
                + "inside it"
        case .characterAfterClosingQuote(let character):
            return "unexpected \(Self.describe(character)) after a closing quote; expected a delimiter or the "
                + "end of the line"
        case .fieldCountMismatch(let expected, let found):
            return "expected \(expected) \(expected == 1 ? "field" : "fields") as in the header, found \(found)"
        case .nulByte:
            return "NUL character in the text; if this file is UTF-16, set recipients.encoding = \"utf-16\""
        case .invalidUTF8(let byte, let suggestedEncoding):
            let origin = suggestedEncoding == "gb18030" ? "in Chinese" : "in a Western European language"
            return "invalid UTF-8 byte \(Self.hex(byte)); if this file came from Excel \(origin), set "
                + "recipients.encoding = \"\(suggestedEncoding)\""
        case .invalidEncodedInput(let encoding, let bytes):
            return "invalid \(encoding) byte sequence \(bytes.map(Self.hex).joined(separator: " ")); "
                + "check recipients.encoding"
        case .truncatedEncodedInput(let encoding, let bytes):
            return "incomplete \(encoding) character \(bytes.map(Self.hex).joined(separator: " ")) at the end "
                + "of the file"
        case .fieldTooLarge(let limit, let quoted):
            return quoted
                ? "quoted field opened here is longer than \(limit) bytes (maxFieldBytes); is its closing quote "
                    + "missing?"
                : "field longer than \(limit) bytes (maxFieldBytes)"
        case .tooManyColumns(let limit):
            return "more than \(limit) fields in one record (maxColumns)"
        case .recordTooLarge(let limit):
            return "record longer than \(limit) bytes (maxRecordBytes)"
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return "0x" + (digits.count == 1 ? "0" + digits : digits)
    }

    /// Shows invisible characters by name, so `"a" b` reads "unexpected space".
    private static func describe(_ character: Character) -> String {
        switch character {
        case " ": return "space"
        case "\t": return "TAB"
        default: return "character \"\(character)\""
        }
    }
}
