// JournalRecord: one recipient's line in the journal: what happened, when, and the SMTP evidence.
import Foundation

/// One recipient record: `{"t":…,"key":…,"state":…, …}` on one line, members in a fixed order and only those
/// that are set (a `deferred` record carries `due`; an `accepted` one the relay's reply; a `suppressed` one
/// neither).
///
/// `key` is opaque to the journal: the normalised address, or, with `hash_addresses`, a keyed hash the caller
/// computed (the journal never sees the address or the key then). Nothing written here may be a secret:
/// `reply` is the relay's reply text, never an AUTH exchange.
public struct JournalRecord: Sendable, Equatable {
    /// When it happened; written in UTC with millisecond precision.
    public var time: Date
    /// The recipient key (normalised address or keyed hash), opaque to the journal.
    public var key: String
    public var state: JournalState
    /// 1-based line of the recipient in the recipient file.
    public var line: Int?
    /// The Message-ID of the message attempted, with its angle brackets.
    public var messageID: String?
    /// 1 for the first attempt, counting across runs.
    public var attempt: Int?
    /// Host name of the relay that took or refused the message.
    public var relay: String?
    /// SMTP reply code (RFC 5321 §4.2).
    public var code: Int?
    /// Enhanced status code such as "5.1.1" (RFC 3463).
    public var enhancedStatus: String?
    /// The relay's reply text; control characters are escaped in the file.
    public var reply: String?
    /// For `deferred`: not before this time.
    public var due: Date?

    public init(
        key: String, state: JournalState, line: Int? = nil, messageID: String? = nil, attempt: Int? = nil,
        relay: String? = nil, code: Int? = nil, enhancedStatus: String? = nil, reply: String? = nil,
        due: Date? = nil, time: Date = Date()
    ) {
        self.time = time
        self.key = key
        self.state = state
        self.line = line
        self.messageID = messageID
        self.attempt = attempt
        self.relay = relay
        self.code = code
        self.enhancedStatus = enhancedStatus
        self.reply = reply
        self.due = due
    }

    /// The record as one JSON line with its terminating newline.
    public var encodedLine: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(160 + key.utf8.count + (reply?.utf8.count ?? 0))
        out.append(UInt8(ascii: "{"))
        JournalJSON.appendName("t", to: &out, first: true)
        out.append(UInt8(ascii: "\""))
        JournalTime.append(milliseconds: JournalTime.milliseconds(time), to: &out)
        out.append(UInt8(ascii: "\""))
        JournalJSON.appendName("key", to: &out)
        JournalJSON.appendString(key, to: &out)
        JournalJSON.appendName("state", to: &out)
        JournalJSON.appendString(state.rawValue, to: &out)
        if let line {
            JournalJSON.appendName("line", to: &out)
            JournalJSON.appendInteger(line, to: &out)
        }
        if let messageID {
            JournalJSON.appendName("mid", to: &out)
            JournalJSON.appendString(messageID, to: &out)
        }
        if let attempt {
            JournalJSON.appendName("attempt", to: &out)
            JournalJSON.appendInteger(attempt, to: &out)
        }
        if let relay {
            JournalJSON.appendName("relay", to: &out)
            JournalJSON.appendString(relay, to: &out)
        }
        if let code {
            JournalJSON.appendName("code", to: &out)
            JournalJSON.appendInteger(code, to: &out)
        }
        if let enhancedStatus {
            JournalJSON.appendName("enhanced", to: &out)
            JournalJSON.appendString(enhancedStatus, to: &out)
        }
        if let reply {
            JournalJSON.appendName("reply", to: &out)
            JournalJSON.appendString(reply, to: &out)
        }
        if let due {
            JournalJSON.appendName("due", to: &out)
            out.append(UInt8(ascii: "\""))
            JournalTime.append(milliseconds: JournalTime.milliseconds(due), to: &out)
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: "}"))
        out.append(UInt8(ascii: "\n"))
        return out
    }

    /// Decodes a line that `JournalLineFields.check` accepted as a record.
    init(checked fields: JournalLineFields, in scanner: JournalJSONScanner) {
        time = JournalTime.date(milliseconds: fields.timeMilliseconds)
        key = fields.key.map(scanner.text) ?? ""
        state = fields.checkedState
        line = fields.line
        messageID = fields.messageID.map(scanner.text)
        attempt = fields.attempt
        relay = fields.relay.map(scanner.text)
        code = fields.code
        enhancedStatus = fields.enhanced.map(scanner.text)
        reply = fields.reply.map(scanner.text)
        due = fields.dueMilliseconds.map(JournalTime.date(milliseconds:))
    }
}
