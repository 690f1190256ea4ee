// DeliveryStatus: the fields of a message/delivery-status body (RFC 3464 §2.2 per-message, §2.3 per-recipient).

/// A parsed delivery-status report: per-message fields and one group of fields per recipient.
struct DeliveryStatus {
    /// RFC 3464 §2.3: one recipient's fields.
    struct Recipient {
        var originalRecipient: String?
        var finalRecipient: String?
        var action: String?
        var status: String?
        var diagnostic: String?
        var remoteMTA: String?

        /// The address edm sent to: Original-Recipient when present (§2.3.1), else Final-Recipient (§2.3.2).
        var address: String? { originalRecipient ?? finalRecipient }
    }

    var reportingMTA: String?
    var recipients: [Recipient] = []

    /// Parses the body: blocks of header-style fields separated by blank lines (§2.1).
    init(_ body: [UInt8]) {
        // Normalise line ends, then split on blank lines.
        var text = String(decoding: body, as: UTF8.self).replacingCRLF()
        if !text.hasSuffix("\n") { text += "\n" }
        let blocks = text.components(separatedByBlankLines: ())
        for (index, block) in blocks.enumerated() {
            let (headers, _, _) = MessageHeaders.parse(Array((block + "\n\n").utf8)[...])
            if index == 0, headers["Final-Recipient"] == nil {
                reportingMTA = headers["Reporting-MTA"].map(Self.stripType)
                continue
            }
            guard headers["Final-Recipient"] != nil || headers["Original-Recipient"] != nil else { continue }
            recipients.append(Recipient(
                originalRecipient: headers["Original-Recipient"].map(Self.stripType).flatMap(Self.nonEmpty),
                finalRecipient: headers["Final-Recipient"].map(Self.stripType).flatMap(Self.nonEmpty),
                action: headers["Action"]?.lowercased(),
                status: headers["Status"].flatMap { TextScanner.enhancedStatus(in: $0) },
                diagnostic: headers["Diagnostic-Code"].map { TextScanner.oneLine(Self.stripType($0)) },
                remoteMTA: headers["Remote-MTA"].map(Self.stripType)))
        }
    }

    /// `rfc822; user@example.com` to `user@example.com` (§2.3.1: address-type ";" generic-address).
    static func stripType(_ value: String) -> String {
        guard let semicolon = value.firstIndex(of: ";") else { return value.trimmingASCIISpace() }
        var address = value[value.index(after: semicolon)...].trimmingASCIISpace()
        if address.hasPrefix("<"), address.hasSuffix(">") { address = String(address.dropFirst().dropLast()) }
        return address
    }

    static func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }
}

extension String {
    /// The text with CRLF and lone CR turned into LF.
    func replacingCRLF() -> String {
        guard contains("\r") else { return self }
        var out = ""
        out.reserveCapacity(utf8.count)
        var previousCR = false
        for scalar in unicodeScalars {
            if scalar == "\r" { out.unicodeScalars.append("\n"); previousCR = true; continue }
            if scalar == "\n", previousCR { previousCR = false; continue }
            previousCR = false
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    /// Blocks separated by one or more blank lines (lines holding only white space count as blank).
    func components(separatedByBlankLines: Void) -> [String] {
        var blocks: [String] = []
        var current: [Substring] = []
        for line in split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                if !current.isEmpty { blocks.append(current.joined(separator: "\n")); current = [] }
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { blocks.append(current.joined(separator: "\n")) }
        return blocks
    }
}
