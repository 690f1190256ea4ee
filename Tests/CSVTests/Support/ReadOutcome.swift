// ReadOutcome.swift — everything a CSVReader yields for one input, collected for comparison in tests.

import CSV

/// The header, delimiter and records a reader produced, and the error that stopped it, if any.
struct ReadOutcome: Equatable {
    var header: [String]?
    var delimiter: UInt8?
    var records: [CSVRecord] = []
    var error: CSVError?

    /// Reads everything from the reader `open` creates, stopping at the first error.
    static func read(_ open: () throws(CSVError) -> CSVReader) -> ReadOutcome {
        var outcome = ReadOutcome()
        do {
            let reader = try open()
            outcome.header = reader.header
            outcome.delimiter = reader.delimiter
            while let record = try reader.next() {
                outcome.records.append(record)
            }
        } catch {
            outcome.error = error
        }
        return outcome
    }
}
