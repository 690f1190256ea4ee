// FuzzRegressionTests: inputs the MIME, address and bounce fuzz targets found (Tests/Fuzz/regressions,
// docs/fuzzing.md), each as the property the target checks.
@testable import Mail
import Testing

@Suite struct FuzzRegressionTests {
    /// regressions/mime/quoted-filename-trailing-space.bin: HeaderParameters trimmed spaces after removing the
    /// quotes, so a quoted value ending in a space (RFC 2045 §5.1: quoted text is data) lost it.
    @Test("a quoted parameter keeps its spaces; what RFC2231 writes reads back")
    func quotedParameterKeepsSpaces() throws {
        #expect(HeaderParameters(#"attachment; filename="b 1 c=\" ""#).parameters["filename"] == #"b 1 c=" "#)
        #expect(HeaderParameters(#"text/plain; name=" padded "; x = y "#).parameters == ["name": " padded ", "x": "y"])
        #expect(HeaderParameters(#" "Multipart/Report" ; a="1;2""#).value == "multipart/report")
        for value in [#"b 1 c=" "#, " lead", "trail ", "文件 .pdf", #"back\slash"#] {
            var writer = HeaderWriter(out: [])
            writer.begin("Content-Disposition")
            try writer.append(spaced: Array("attachment".utf8))
            try RFC2231.appendParameter(name: "filename", value: value, into: &writer)
            let field = String(decoding: writer.out.dropFirst("Content-Disposition: ".utf8.count), as: UTF8.self)
            let unfolded = field.split(separator: "\r\n", omittingEmptySubsequences: false).joined()
            #expect(HeaderParameters(unfolded).parameters["filename"] == value, "\(field)")
        }
    }

    /// regressions/mime/qp-lead-byte-before-crlf.bin: a UTF-8 lead byte (0xCD) just before CRLF took the CR
    /// into its "sequence", escaped it as =0D, and so the decoded text had CR CR LF.
    @Test("quoted-printable: a stray lead byte before a line end does not swallow the CR")
    func quotedPrintableLeadByteBeforeCRLF() {
        let input: [UInt8] = [0x67, 0x5B, 0x74, 0xCD, 0x0D, 0x0A, 0xEC, 0x20, 0x3D, 0x33, 0x44]
        var encoded: [UInt8] = []
        _ = input.withUnsafeBufferPointer { QuotedPrintable.append($0, to: &encoded) }
        #expect(String(decoding: encoded, as: UTF8.self) == "g[t=CD\r\n=EC =3D3D\r\n")
        #expect(TransferDecoding.quotedPrintable(encoded[...], underscoreIsSpace: false) == input + [0x0D, 0x0A])
    }

    /// regressions/bounce/text-bounce-1000-addresses.eml: every listed address rescanned the whole report for
    /// its part, so the work grew with the square of the list (13 s for 1,000 in the fuzz build, minutes for
    /// 5,000). One scan now splits the text; each address still gets its own part.
    @Test("a text bounce listing 5,000 addresses gives each its own diagnostic")
    func manyAddressesTextBounce() throws {
        let lines = (0..<5000).map { "<user\($0)@example.com>: 550 5.1.1 unknown user\r\n" }.joined()
        let mail = "From: MAILER-DAEMON@mx.example.net\r\nSubject: Undelivered Mail Returned to Sender\r\n\r\n"
            + lines
        let report = try #require(BounceClassifier.classify(Array(mail.utf8)[...]))
        #expect(report.recipients.count == 5000)
        #expect(report.recipients.allSatisfy { $0.bounceClass == .hardBounce && $0.status == "5.1.1" })
        #expect(report.recipients[4321].address == "user4321@example.com")
        #expect(report.recipients[4321].diagnostic == "user4321@example.com>: 550 5.1.1 unknown user")
    }

    @Test("a DSN of 2,000 recipients without Diagnostic-Code reads each one's part of the report text")
    func manyRecipientsDSN() throws {
        let count = 2000
        let text = (0..<count).map { "<user\($0)@example.com>: 550 5.1.1 unknown user\r\n" }.joined()
        let fields = (0..<count).map {
            "Final-Recipient: rfc822; user\($0)@example.com\r\nAction: failed\r\nStatus: 5.0.0\r\n\r\n"
        }
        let mail = "From: MAILER-DAEMON@mx.example.net\r\nSubject: failure\r\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\r\n\r\n"
            + "--B\r\nContent-Type: text/plain\r\n\r\n" + text
            + "\r\n--B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.net\r\n\r\n"
            + fields.joined() + "--B--\r\n"
        let report = try #require(BounceClassifier.classify(Array(mail.utf8)[...]))
        #expect(report.format == "dsn")
        #expect(report.recipients.count == count)
        // Status 5.0.0 is vague, so the 5.1.1 in each recipient's own part of the text wins.
        #expect(report.recipients.allSatisfy { $0.status == "5.1.1" })
        #expect(report.recipients[1234].diagnostic?.hasPrefix("user1234@example.com>: 550 5.1.1 unknown user") == true)
    }
}
