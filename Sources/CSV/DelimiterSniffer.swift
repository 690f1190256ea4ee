// DelimiterSniffer.swift — guesses the delimiter from the header line: `,`, `;` or TAB.

/// Counts the candidate delimiters in the header line, outside quotes, and picks the most frequent.
///
/// Excel writes `;` where the decimal separator is a comma (most of Europe), `,` elsewhere, and TAB for
/// "Unicode Text"; Google Sheets and CRMs write `,`. The header line decides because header names rarely
/// contain a delimiter, while data often does (`3,5`, `Doe, Jane`). Ties go to `,`, then `;`, then TAB; a
/// header without any candidate is a one-column file, for which `,` is as good as any.
///
/// The sniffer is fed the growing window from its start and resumes where it stopped.
struct DelimiterSniffer {
    private var offset = 0
    private var inQuotes = false
    private var sawText = false
    private var commas = 0
    private var semicolons = 0
    private var tabs = 0

    /// Whether `byte` can delimit fields: ASCII, and not a quote, a line break or NUL.
    static func isUsable(_ byte: UInt8) -> Bool {
        byte > 0 && byte < 0x80 && byte != ASCII.quote && byte != ASCII.lineFeed && byte != ASCII.carriageReturn
    }

    /// Scans `bytes` from where the previous call stopped.
    ///
    /// - Parameter bytes: The input from its first byte (after any byte-order mark).
    /// - Returns: `true` once the end of the header line has been seen.
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        while offset < bytes.count {
            let byte = bytes[offset]
            offset += 1
            switch byte {
            case ASCII.quote:
                // A doubled quote toggles twice, so only real opening and closing quotes count.
                inQuotes.toggle()
            case ASCII.lineFeed, ASCII.carriageReturn:
                // Blank lines before the header are skipped, as the reader skips them.
                if sawText && !inQuotes { return true }
            case ASCII.comma where !inQuotes: commas += 1
            case ASCII.semicolon where !inQuotes: semicolons += 1
            case ASCII.tab where !inQuotes: tabs += 1
            default: break
            }
            sawText = sawText || (byte != ASCII.lineFeed && byte != ASCII.carriageReturn)
        }
        return false
    }

    /// How many bytes have been scanned.
    var scannedCount: Int { offset }

    /// The chosen delimiter.
    var delimiter: UInt8 {
        if semicolons > commas && semicolons >= tabs { return ASCII.semicolon }
        if tabs > commas && tabs > semicolons { return ASCII.tab }
        return ASCII.comma
    }
}
