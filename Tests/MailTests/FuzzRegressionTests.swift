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
        input.withUnsafeBufferPointer { QuotedPrintable.append($0, to: &encoded) }
        #expect(String(decoding: encoded, as: UTF8.self) == "g[t=CD\r\n=EC =3D3D\r\n")
        #expect(TransferDecoding.quotedPrintable(encoded[...], underscoreIsSpace: false) == input + [0x0D, 0x0A])
    }
}
