// libFuzzer target for the bounce reader (Sources/Mail/Bounce): mbox splitting, MIME entity parsing and the
// classifier (DSN, ARF, auto-replies, free-text bounces). Built by scripts/fuzz.
import Mail

/// The input is a mailbox or a single message. Properties checked: splitting, parsing and classification
/// return for any input; the mbox pieces are in order and cover no more than the input; every recipient the
/// classifier reports has an address and a class.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBounce(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let options = BounceOptions(unsubscribeAddresses: ["unsubscribe@example.com"])
    if MboxSplitter.isMbox(bytes[...]) {
        var previousLine = 0
        var total = 0
        for (line, message) in MboxSplitter.split(bytes) {
            check(line > previousLine, "mbox messages out of order")
            previousLine = line
            total += message.count
            _ = BounceClassifier.classify(message[...], options: options)
        }
        check(total <= bytes.count, "mbox pieces longer than the mailbox")
    }
    if let report = BounceClassifier.classify(bytes[...], options: options) {
        for recipient in report.recipients {
            check(!recipient.address.isEmpty, "a bounced recipient without an address")
        }
    }
    let entity = MailEntity(parsing: bytes[...])
    _ = BounceClassifier.classify(entity, options: options)
    return 0
}
