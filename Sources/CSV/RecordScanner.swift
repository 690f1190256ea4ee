// RecordScanner.swift — the byte-level RFC 4180 §2 tokenizer: finds one record's fields in the input window.

/// Splits UTF-8 input into records and fields without creating strings.
///
/// The grammar is RFC 4180 §2 with the relaxations real exports need: the delimiter is configurable, a
/// record may end with LF, CRLF or a lone CR (§2.1 asks for CRLF; Excel for Mac writes CR, most Unix tools
/// LF), the last record may lack a line break (§2.2), and fully empty lines are skipped. Everything else is
/// strict: a quote may only open a field (§2.5), doubled quotes are the only escape inside a quoted field
/// (§2.7), and only a delimiter or a line break may follow a closing quote.
///
/// A record stays in the `InputWindow` from its first byte until the caller has turned its fields into
/// strings; the next call drops it. The scan is resumable: when the window runs dry in the middle of a
/// record, the state is saved, one more chunk is read, and scanning continues at the same byte, so a record
/// is scanned once however small the chunks are.
final class RecordScanner {
    /// Where one field's text lies, as offsets from the record's first byte.
    struct Field {
        /// The first byte of the value (after the opening quote of a quoted field).
        var start: Int
        /// One past the last byte of the value (the closing quote of a quoted field).
        var end: Int
        /// Whether the field was enclosed in quotes.
        var isQuoted: Bool
        /// Whether the value contains `""` pairs that stand for one quote each (RFC 4180 §2.7).
        var hasDoubledQuotes: Bool

        /// The offset of the field's first byte as written, its opening quote included.
        var origin: Int { isQuoted ? start - 1 : start }
    }

    /// The size limits from `CSVOptions`.
    struct Limits {
        var maxFieldBytes: Int
        var maxColumns: Int
        var maxRecordBytes: Int
    }

    private enum Phase {
        /// Before a record: skipping empty lines and the LF of a CRLF that ended the previous record.
        case recordStart
        case fieldStart
        case unquoted
        case quoted
        /// Just after a closing quote.
        case afterQuote
    }

    /// Where a scan stands; saved when the window runs dry in the middle of a record.
    private struct ScanState {
        var phase = Phase.recordStart
        /// The next byte to look at, as an offset from the record's first byte.
        var position = 0
        /// The offset of the current field's first byte (its opening quote, if quoted).
        var fieldStart = 0
        var hasDoubledQuotes = false
        /// Line breaks inside quoted fields of this record so far.
        var lineBreaks = 0
        var fields: [Field] = []
    }

    private enum Step {
        case record
        case endOfInput
        case needMore
    }

    /// Bits of `stopTable`: which bytes end a run of ordinary bytes.
    private static let endsUnquotedRun: UInt8 = 1
    private static let endsQuotedRun: UInt8 = 2

    /// The window the records are read from.
    let window: InputWindow
    /// The fields of the record found by the last successful `nextRecord()`.
    var fields: [Field] { state.fields }
    /// The line the current record starts on.
    private(set) var recordLine = 1
    /// The offset just past the current record's last byte (its line break, or the end of the input).
    private(set) var recordEnd = 0
    /// The delimiter; set once, before the first record is scanned.
    private(set) var delimiter = ASCII.comma
    private let limits: Limits
    /// For each byte value, the `endsUnquotedRun` and `endsQuotedRun` bits.
    private let stopTable: UnsafeMutablePointer<UInt8>
    /// Bytes with the unescaped value of a field with doubled quotes.
    var scratch: [UInt8] = []

    private var state = ScanState()
    /// The line the next record starts on.
    private var nextLine = 1
    /// Whether the last record ended with CR, so that an LF right after it completes a CRLF.
    private var endedWithCarriageReturn = false
    /// The bytes of the last record, line break included, to drop before scanning the next one.
    private var consumed = 0

    /// Creates a scanner over `window`.
    ///
    /// - Parameters:
    ///   - window: The decoded input.
    ///   - limits: The size limits to enforce.
    init(window: InputWindow, limits: Limits) {
        self.window = window
        self.limits = limits
        stopTable = .allocate(capacity: 256)
        stopTable.initialize(repeating: 0, count: 256)
        setDelimiter(ASCII.comma)
    }

    deinit {
        stopTable.deallocate()
    }

    /// Sets the delimiter; call before the first `nextRecord()`.
    func setDelimiter(_ delimiter: UInt8) {
        stopTable.update(repeating: 0, count: 256)
        self.delimiter = delimiter
        let both = Self.endsUnquotedRun | Self.endsQuotedRun
        stopTable[Int(delimiter)] = Self.endsUnquotedRun
        for byte in [ASCII.quote, ASCII.lineFeed, ASCII.carriageReturn, ASCII.nul] {
            stopTable[Int(byte)] = both
        }
    }

    /// Finds the next record, skipping empty lines.
    ///
    /// On success, `fields`, `recordLine` and `recordEnd` describe it and its bytes stay in the window until
    /// the next call.
    ///
    /// - Returns: `false` at the end of the input.
    /// - Throws: `CSVError` for malformed or oversized records and for failures of the source.
    func nextRecord() throws(CSVError) -> Bool {
        window.start += consumed
        consumed = 0
        state.fields.removeAll(keepingCapacity: true)
        state.phase = .recordStart
        state.position = 0
        state.lineBreaks = 0
        recordLine = nextLine
        while true {
            switch try step() {
            case .record:
                return true
            case .endOfInput:
                return false
            case .needMore:
                try checkLimitsBeforeReading()
                _ = try readMore()
            }
        }
    }

    /// Reads one more chunk into the window.
    ///
    /// - Returns: `false` at the end of the input.
    /// - Throws: `CSVError` placed where the text read so far ends, which is where a decoding error begins.
    func readMore() throws(CSVError) -> Bool {
        do {
            return try window.refill()
        } catch {
            throw self.error(error.kind, at: window.count)
        }
    }

    /// An error at `offset` bytes into the current record.
    func error(_ kind: CSVError.Kind, at offset: Int) -> CSVError {
        let (line, column) = TextPosition.locate(offset, in: window.bytes, firstLine: recordLine)
        return CSVError(kind, line: line, column: column)
    }

    // MARK: - The state machine

    /// Runs the state machine over the bytes in the window.
    ///
    /// The common case — a whole record in the window — runs as tight loops over a table of stop bytes;
    /// state is written back only when the window runs dry.
    private func step() throws(CSVError) -> Step {
        // The state lives in a local for the duration: stored properties of a class pay a dynamic
        // exclusivity check on every access, which the per-field work below would multiply.
        var state = ScanState()
        swap(&state, &self.state)
        defer { swap(&state, &self.state) }
        var bytes = window.base + window.start
        var count = window.count
        let atEnd = window.isAtEnd
        let table = stopTable
        let delimiter = self.delimiter
        let endsUnquotedRun = Self.endsUnquotedRun
        let endsQuotedRun = Self.endsQuotedRun
        var index = state.position
        while true {
            switch state.phase {
            case .recordStart:
                guard index < count else {
                    state.position = index
                    return atEnd ? .endOfInput : .needMore
                }
                let byte = bytes[index]
                guard byte == ASCII.lineFeed || byte == ASCII.carriageReturn else {
                    endedWithCarriageReturn = false
                    state.phase = .fieldStart
                    continue
                }
                // An empty line, or the LF of a CRLF whose CR ended the previous record. Python's csv
                // module returns [] for an empty line; a recipient list has no use for it, so it is skipped.
                if byte == ASCII.carriageReturn || !endedWithCarriageReturn {
                    nextLine += 1
                }
                endedWithCarriageReturn = byte == ASCII.carriageReturn
                recordLine = nextLine
                window.start += 1
                bytes += 1
                count -= 1

            case .fieldStart:
                guard index < count else {
                    guard atEnd else {
                        state.position = index
                        return .needMore
                    }
                    // The input ends right after a delimiter: the record's last field is empty.
                    try appendField(to: &state.fields, start: index, end: index, isQuoted: false, doubled: false)
                    return try finishRecord(at: index, lineBreak: nil, lineBreaks: state.lineBreaks)
                }
                state.fieldStart = index
                if bytes[index] == ASCII.quote {
                    state.hasDoubledQuotes = false
                    index += 1
                    state.phase = .quoted
                } else {
                    state.phase = .unquoted
                }

            case .unquoted:
                while index < count && table[Int(bytes[index])] & endsUnquotedRun == 0 {
                    index += 1
                }
                guard index < count || atEnd else {
                    state.position = index
                    return .needMore
                }
                // A delimiter, a line break, a quote, NUL, or nil for the end of the input.
                let byte = index < count ? bytes[index] : nil
                if byte == ASCII.quote {
                    // RFC 4180 §2.5: a field that does not begin with a quote may not contain one. Python's
                    // csv module keeps such a quote as text; here it is an error, because it usually means
                    // a field was quoted after a space (`a, "b, c"`) and has been split in the wrong place.
                    throw error(.strayQuote, at: index)
                }
                if byte == ASCII.nul {
                    throw error(.nulByte, at: index)
                }
                try appendField(to: &state.fields, start: state.fieldStart, end: index, isQuoted: false, doubled: false)
                guard byte == delimiter else {
                    return try finishRecord(at: index, lineBreak: byte, lineBreaks: state.lineBreaks)
                }
                index += 1
                state.phase = .fieldStart

            case .quoted:
                quoted: while true {
                    while index < count && table[Int(bytes[index])] & endsQuotedRun == 0 {
                        index += 1
                    }
                    guard index < count else {
                        guard atEnd else {
                            state.position = index
                            return .needMore
                        }
                        throw error(.unclosedQuote, at: state.fieldStart)
                    }
                    switch bytes[index] {
                    case ASCII.quote:
                        // RFC 4180 §2.7: inside a quoted field a quote is written twice; a single one closes
                        // the field. Deciding which needs the next byte.
                        if index + 1 == count && !atEnd {
                            state.position = index
                            return .needMore
                        }
                        if index + 1 < count && bytes[index + 1] == ASCII.quote {
                            state.hasDoubledQuotes = true
                            index += 2
                            continue quoted
                        }
                        try appendField(
                            to: &state.fields, start: state.fieldStart + 1, end: index, isQuoted: true,
                            doubled: state.hasDoubledQuotes)
                        index += 1
                        state.phase = .afterQuote
                        break quoted
                    case ASCII.lineFeed:
                        // RFC 4180 §2.6: line breaks inside quotes are data, kept as written; they still end
                        // a physical line, and CRLF counts once. The byte before is in the window: at least
                        // the opening quote precedes.
                        if bytes[index - 1] != ASCII.carriageReturn {
                            state.lineBreaks += 1
                        }
                        index += 1
                    case ASCII.carriageReturn:
                        state.lineBreaks += 1
                        index += 1
                    default:
                        throw error(.nulByte, at: index)
                    }
                }

            case .afterQuote:
                guard index < count else {
                    guard atEnd else {
                        state.position = index
                        return .needMore
                    }
                    return try finishRecord(at: index, lineBreak: nil, lineBreaks: state.lineBreaks)
                }
                let byte = bytes[index]
                if byte == delimiter {
                    index += 1
                    state.phase = .fieldStart
                } else if byte == ASCII.lineFeed || byte == ASCII.carriageReturn {
                    return try finishRecord(at: index, lineBreak: byte, lineBreaks: state.lineBreaks)
                } else if byte == ASCII.nul {
                    throw error(.nulByte, at: index)
                } else {
                    // RFC 4180 §2.7 leaves no room for text after the closing quote (`"a"b`, `"a" ,`).
                    guard let kind = characterError(at: index, in: bytes, count: count, atEnd: atEnd) else {
                        state.position = index
                        return .needMore
                    }
                    throw error(kind, at: index)
                }
            }
        }
    }

    /// The error for the character at `index` after a closing quote, or `nil` if it is not all in the window.
    private func characterError(
        at index: Int, in bytes: UnsafeMutablePointer<UInt8>, count: Int, atEnd: Bool
    ) -> CSVError.Kind? {
        let lead = bytes[index]
        let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        if index + length > count && !atEnd {
            return nil
        }
        let available = UnsafeBufferPointer(start: bytes + index, count: min(length, count - index))
        if UTF8Inspector.firstInvalidOffset(in: available) == nil,
            let character = String(decoding: available, as: UTF8.self).first
        {
            return .characterAfterClosingQuote(character)
        }
        return .invalidUTF8(byte: lead, suggestedEncoding: UTF8Inspector.suggestedEncoding(for: available, at: 0))
    }

    private func appendField(
        to fields: inout [Field], start: Int, end: Int, isQuoted: Bool, doubled: Bool
    ) throws(CSVError) {
        let origin = isQuoted ? start - 1 : start
        guard fields.count < limits.maxColumns else {
            throw error(.tooManyColumns(limit: limits.maxColumns), at: origin)
        }
        guard end - start <= limits.maxFieldBytes else {
            throw error(.fieldTooLarge(limit: limits.maxFieldBytes, quoted: isQuoted), at: origin)
        }
        fields.append(Field(start: start, end: end, isQuoted: isQuoted, hasDoubledQuotes: doubled))
    }

    /// Ends the record at `offset`, where its line break (if any) is.
    private func finishRecord(at offset: Int, lineBreak: UInt8?, lineBreaks: Int) throws(CSVError) -> Step {
        guard offset <= limits.maxRecordBytes else {
            throw error(.recordTooLarge(limit: limits.maxRecordBytes), at: 0)
        }
        recordEnd = offset
        consumed = lineBreak == nil ? offset : offset + 1
        endedWithCarriageReturn = lineBreak == ASCII.carriageReturn
        nextLine = recordLine + lineBreaks + 1
        return .record
    }

    /// Refuses to read more for a field or record already over its limit, so that one unclosed quote
    /// cannot pull a whole file into memory.
    private func checkLimitsBeforeReading() throws(CSVError) {
        switch state.phase {
        case .unquoted where state.position - state.fieldStart > limits.maxFieldBytes:
            throw error(.fieldTooLarge(limit: limits.maxFieldBytes, quoted: false), at: state.fieldStart)
        case .quoted where state.position - (state.fieldStart + 1) > limits.maxFieldBytes:
            throw error(.fieldTooLarge(limit: limits.maxFieldBytes, quoted: true), at: state.fieldStart)
        default:
            break
        }
        if window.count > limits.maxRecordBytes {
            throw error(.recordTooLarge(limit: limits.maxRecordBytes), at: 0)
        }
    }
}
