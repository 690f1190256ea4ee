// JournalHeader: the journal's first line: which campaign, which edm, and fingerprints of the inputs.
import Foundation

/// The first record of every journal: `{"type":"header","campaign":…,"edm":…,"created":…,`
/// `"inputs":{"campaign":…,"recipients":…,"templates":…}}`.
///
/// The fingerprints (SHA-256 hex, computed by the caller) let `edm send` refuse to resume a journal whose
/// campaign, recipient list or templates changed, since "already accepted" would then mean something else.
public struct JournalHeader: Sendable, Equatable {
    /// SHA-256 fingerprints of the inputs, as lower-case hex.
    public struct Inputs: Sendable, Equatable {
        public var campaign: String
        public var recipients: String
        public var templates: String

        public init(campaign: String, recipients: String, templates: String) {
            self.campaign = campaign
            self.recipients = recipients
            self.templates = templates
        }

        /// The names ("campaign", "recipients", "templates") of the fingerprints that differ from `other`.
        public func changes(from other: Inputs) -> [String] {
            var names: [String] = []
            if campaign != other.campaign { names.append("campaign") }
            if recipients != other.recipients { names.append("recipients") }
            if templates != other.templates { names.append("templates") }
            return names
        }
    }

    /// The campaign id.
    public var campaign: String
    /// The version of edm that created the journal.
    public var edmVersion: String
    /// When the journal was created (millisecond precision in the file).
    public var created: Date
    public var inputs: Inputs

    public init(campaign: String, edmVersion: String, created: Date = Date(), inputs: Inputs) {
        self.campaign = campaign
        self.edmVersion = edmVersion
        self.created = created
        self.inputs = inputs
    }

    /// The header as one JSON line with its terminating newline.
    public var encodedLine: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(320)
        out.append(UInt8(ascii: "{"))
        JournalJSON.appendName("type", to: &out, first: true)
        JournalJSON.appendString("header", to: &out)
        JournalJSON.appendName("campaign", to: &out)
        JournalJSON.appendString(campaign, to: &out)
        JournalJSON.appendName("edm", to: &out)
        JournalJSON.appendString(edmVersion, to: &out)
        JournalJSON.appendName("created", to: &out)
        out.append(UInt8(ascii: "\""))
        JournalTime.append(milliseconds: JournalTime.milliseconds(created), to: &out)
        out.append(UInt8(ascii: "\""))
        JournalJSON.appendName("inputs", to: &out)
        out.append(UInt8(ascii: "{"))
        JournalJSON.appendName("campaign", to: &out, first: true)
        JournalJSON.appendString(inputs.campaign, to: &out)
        JournalJSON.appendName("recipients", to: &out)
        JournalJSON.appendString(inputs.recipients, to: &out)
        JournalJSON.appendName("templates", to: &out)
        JournalJSON.appendString(inputs.templates, to: &out)
        out.append(contentsOf: [UInt8(ascii: "}"), UInt8(ascii: "}"), UInt8(ascii: "\n")])
        return out
    }

    /// Decodes a line that `JournalLineFields.check` accepted as a header.
    init(checked fields: JournalLineFields, in scanner: JournalJSONScanner) {
        campaign = fields.campaign.map(scanner.text) ?? ""
        edmVersion = fields.edm.map(scanner.text) ?? ""
        let createdText = fields.created.map(scanner.text) ?? ""
        created = JournalTime.parse(createdText).map(JournalTime.date(milliseconds:)) ?? Date(timeIntervalSince1970: 0)
        inputs = Inputs(
            campaign: fields.inputCampaign.map(scanner.text) ?? "",
            recipients: fields.inputRecipients.map(scanner.text) ?? "",
            templates: fields.inputTemplates.map(scanner.text) ?? ""
        )
    }
}
