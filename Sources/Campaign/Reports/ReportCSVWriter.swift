// ReportCSVWriter: one CSV row per recipient (its latest journal record), streamed, for spreadsheets.

/// Writes the per-recipient export: RFC 4180 (CRLF line ends, a header row), text cells encoded by
/// `CSVCell` against formula injection. Columns are listed in docs/reports.md.
public enum ReportCSVWriter {
    public static let header = ["recipient", "state", "attempts", "code", "enhanced", "reply", "relay", "time", "line"]

    /// Writes the header, then one row per recipient as `LatestRecords` hands them out (file order).
    ///
    /// - Parameter maskAddresses: `privacy.mask_addresses`: recipients and addresses quoted in replies are
    ///   shown as `a***@example.com` (`AddressMask`; keyed hashes have no `@` and stay as they are).
    /// - Throws: `JournalError` from reading the journal.
    public static func write(journalPath: String, maskAddresses: Bool, to out: inout some TextOutputStream)
        throws(JournalError)
    {
        let mask = AddressMask(enabled: maskAddresses)
        out.write(header.joined(separator: ",") + "\r\n")
        try LatestRecords.forEach(journalPath: journalPath) { record, _ in
            let state = record.state == .attempting ? JournalState.uncertain : record.state
            let recipient = mask.key(record.key)
            let reply = mask.text(record.reply ?? "")
            let cells = [
                CSVCell.encode(recipient), state.rawValue, record.attempt.map(String.init) ?? "",
                record.code.map(String.init) ?? "", CSVCell.encode(record.enhancedStatus ?? ""), CSVCell.encode(reply),
                CSVCell.encode(record.relay ?? ""), ReportFormatting.timestamp(record.time),
                record.line.map(String.init) ?? "",
            ]
            out.write(cells.joined(separator: ",") + "\r\n")
        }
    }
}
