// JournalLineFields: one journal line split into its known members and checked, before any String is made.

/// What a line is, once its members are known.
enum JournalLineKind {
    case header
    case record
    /// A record with a `type` this version does not know (written by a later edm); skipped.
    case unknown
}

/// The members of one journal line as positions in the line.
///
/// `JournalIndex` reads these directly (no allocation per line); `JournalRecord` and `JournalHeader` decode them into
/// values.
struct JournalLineFields {
    var type: JournalJSONString?
    var time: JournalJSONString?
    var key: JournalJSONString?
    var state: JournalJSONString?
    var line: Int?
    var messageID: JournalJSONString?
    var attempt: Int?
    var relay: JournalJSONString?
    var code: Int?
    var enhanced: JournalJSONString?
    var reply: JournalJSONString?
    var due: JournalJSONString?

    // Header members.
    var campaign: JournalJSONString?
    var edm: JournalJSONString?
    var created: JournalJSONString?
    var inputCampaign: JournalJSONString?
    var inputRecipients: JournalJSONString?
    var inputTemplates: JournalJSONString?

    // Filled by `check` for records.
    var timeMilliseconds: Int64 = 0
    var checkedState: JournalState = .attempting
    var dueMilliseconds: Int64?

    /// Scans the whole line: one object, nothing after it.
    static func scan(_ scanner: inout JournalJSONScanner) throws(JournalScanError) -> JournalLineFields {
        var fields = JournalLineFields()
        try scanner.object { scanner, name throws(JournalScanError) in
            try fields.member(name, &scanner)
        }
        try scanner.end()
        return fields
    }

    /// Checks what the line must contain and converts states and times; says what the line is.
    mutating func check(_ scanner: JournalJSONScanner) throws(JournalScanError) -> JournalLineKind {
        if let type {
            guard Self.equals(scanner, type, "header") else { return .unknown }
            guard campaign != nil, edm != nil, let created, inputCampaign != nil, inputRecipients != nil,
                inputTemplates != nil
            else { throw JournalScanError(reason: "header record lacks a member") }
            guard Self.timestamp(scanner, created) != nil else {
                throw JournalScanError(reason: "header 'created' is not an RFC 3339 time")
            }
            return .header
        }
        guard let time, let key, let state else {
            throw JournalScanError(reason: "a record needs 't', 'key' and 'state'")
        }
        guard key.end - key.start <= JournalWriter.maximumRecordLength else {
            throw JournalScanError(reason: "key longer than \(JournalWriter.maximumRecordLength) bytes")
        }
        guard let milliseconds = Self.timestamp(scanner, time) else {
            throw JournalScanError(reason: "'t' is not an RFC 3339 time")
        }
        let stateText = scanner.text(state)
        guard let parsedState = JournalState(rawValue: stateText) else {
            throw JournalScanError(reason: "unknown state '\(stateText)'")
        }
        timeMilliseconds = milliseconds
        checkedState = parsedState
        if let due {
            guard let dueTime = Self.timestamp(scanner, due) else {
                throw JournalScanError(reason: "'due' is not an RFC 3339 time")
            }
            dueMilliseconds = dueTime
        }
        return .record
    }

    // MARK: - Members

    private mutating func member(
        _ name: UnsafeBufferPointer<UInt8>, _ scanner: inout JournalJSONScanner
    ) throws(JournalScanError) -> Bool {
        switch name.count {
        case 1:
            if JournalJSONScanner.matches(name, "t") { time = try scanner.string(); return true }
        case 3:
            if JournalJSONScanner.matches(name, "key") { key = try scanner.string(); return true }
            if JournalJSONScanner.matches(name, "mid") { messageID = try scanner.string(); return true }
            if JournalJSONScanner.matches(name, "due") { due = try scanner.string(); return true }
            if JournalJSONScanner.matches(name, "edm") { edm = try scanner.string(); return true }
        case 4:
            if JournalJSONScanner.matches(name, "line") { line = try scanner.integer(); return true }
            if JournalJSONScanner.matches(name, "code") { code = try scanner.integer(); return true }
            if JournalJSONScanner.matches(name, "type") { type = try scanner.string(); return true }
        case 5:
            if JournalJSONScanner.matches(name, "state") { state = try scanner.string(); return true }
            if JournalJSONScanner.matches(name, "relay") { relay = try scanner.string(); return true }
            if JournalJSONScanner.matches(name, "reply") { reply = try scanner.string(); return true }
        case 6:
            if JournalJSONScanner.matches(name, "inputs") {
                try scanner.object { scanner, name throws(JournalScanError) in try input(name, &scanner) }
                return true
            }
        case 7:
            if JournalJSONScanner.matches(name, "attempt") { attempt = try scanner.integer(); return true }
            if JournalJSONScanner.matches(name, "created") { created = try scanner.string(); return true }
        case 8:
            if JournalJSONScanner.matches(name, "enhanced") { enhanced = try scanner.string(); return true }
            if JournalJSONScanner.matches(name, "campaign") { campaign = try scanner.string(); return true }
        default:
            break
        }
        return false
    }

    private mutating func input(
        _ name: UnsafeBufferPointer<UInt8>, _ scanner: inout JournalJSONScanner
    ) throws(JournalScanError) -> Bool {
        if JournalJSONScanner.matches(name, "campaign") { inputCampaign = try scanner.string(); return true }
        if JournalJSONScanner.matches(name, "recipients") { inputRecipients = try scanner.string(); return true }
        if JournalJSONScanner.matches(name, "templates") { inputTemplates = try scanner.string(); return true }
        return false
    }

    private static func equals(
        _ scanner: JournalJSONScanner, _ string: JournalJSONString, _ literal: StaticString
    ) -> Bool {
        let bytes = UnsafeBufferPointer(rebasing: scanner.bytes[string.start..<string.end])
        return !string.hasEscapes && JournalJSONScanner.matches(bytes, literal)
    }

    private static func timestamp(_ scanner: JournalJSONScanner, _ string: JournalJSONString) -> Int64? {
        guard !string.hasEscapes else { return nil }
        return JournalTime.parse(UnsafeBufferPointer(rebasing: scanner.bytes[string.start..<string.end]))
    }
}
