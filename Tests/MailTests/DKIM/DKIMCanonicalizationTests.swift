// DKIMCanonicalizationTests: header and body canonicalisation vectors (RFC 6376 §3.4), including §3.4.5's example.
import Testing
@testable import Mail

@Suite struct DKIMCanonicalizationTests {
    private func canonicalHeaders(_ text: String, _ algorithm: DKIMCanonicalization.Algorithm) throws -> String {
        let bytes = Array(text.utf8)
        let layout = try DKIMMessage(bytes)
        var out: [UInt8] = []
        bytes.withUnsafeBufferPointer { buffer in
            for field in layout.fields {
                DKIMHeaderCanonicalizer.append(field, of: buffer, algorithm: algorithm, to: &out)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private func canonicalBody(_ text: String, _ algorithm: DKIMCanonicalization.Algorithm) -> String {
        let out = Array(text.utf8).withUnsafeBufferPointer {
            DKIMBodyCanonicalizer.canonicalize($0, algorithm: algorithm)
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - RFC 6376 §3.4.5

    static let rfcExample = "A: X\r\nB : Y\t\r\n\tZ  \r\n\r\n C \r\nD \t E\r\n\r\n\r\n"

    @Test("RFC 6376 §3.4.5: relaxed headers and body")
    func rfcExampleRelaxed() throws {
        #expect(try canonicalHeaders(Self.rfcExample, .relaxed) == "a:X\r\nb:Y Z\r\n")
        #expect(canonicalBody(" C \r\nD \t E\r\n\r\n\r\n", .relaxed) == " C\r\nD E\r\n")
    }

    @Test("RFC 6376 §3.4.5: simple headers and body")
    func rfcExampleSimple() throws {
        #expect(try canonicalHeaders(Self.rfcExample, .simple) == "A: X\r\nB : Y\t\r\n\tZ  \r\n")
        #expect(canonicalBody(" C \r\nD \t E\r\n\r\n\r\n", .simple) == " C \r\nD \t E\r\n")
    }

    @Test("the RFC 6376 §3.4.5 message splits into two fields and its body")
    func rfcExampleLayout() throws {
        let layout = try DKIMMessage(Array(Self.rfcExample.utf8))
        #expect(layout.fields.count == 2)
        #expect(layout.bodyStart == 22)
    }

    // MARK: - Headers

    @Test(
        "relaxed headers",
        arguments: [
            ("SuBject \t:\t a  \r\n\t b \t\r\n", "subject:a b\r\n"),
            ("X-Empty:\r\n", "x-empty:\r\n"),
            ("X-Blank: \t \r\n", "x-blank:\r\n"),
            ("X-Folded:\r\n value\r\n", "x-folded:value\r\n"),
            ("Subject: 你好  世界\r\n", "subject:你好 世界\r\n"),
            (
                "To: a@example.org,\r\n  b@example.org,\r\n\tc@example.org\r\n",
                "to:a@example.org, b@example.org, c@example.org\r\n"
            ),
            ("X:y:z\r\n", "x:y:z\r\n"),
        ])
    func relaxedHeader(input: String, expected: String) throws {
        #expect(try canonicalHeaders(input, .relaxed) == expected)
    }

    @Test("simple headers are unchanged, folding and case included")
    func simpleHeader() throws {
        let header = "SuBject \t:\t a  \r\n\t b \t\r\nX-Empty:\r\n"
        #expect(try canonicalHeaders(header, .simple) == header)
    }

    // MARK: - Bodies

    @Test(
        "relaxed bodies",
        arguments: [
            ("", ""),
            ("\r\n", ""),
            ("\r\n\r\n\r\n", ""),
            ("  \r\n\t\r\n", ""),
            ("a", "a\r\n"),
            ("a\r\n", "a\r\n"),
            (" \ta  b \t\r\n", " a b\r\n"),
            ("a\r\n\r\nb\r\n\r\n", "a\r\n\r\nb\r\n"),
            ("a\r\n \r\nb", "a\r\n\r\nb\r\n"),
            ("a\r\n\r\n  \r\n", "a\r\n"),
            ("a\r\nb  ", "a\r\nb\r\n"),
            ("a\r\n  ", "a\r\n"),
            (".\r\n..\r\n", ".\r\n..\r\n"),
            ("é\u{3000}x \r\n", "é\u{3000}x\r\n"),
        ])
    func relaxedBody(input: String, expected: String) {
        #expect(canonicalBody(input, .relaxed) == expected)
    }

    @Test(
        "simple bodies",
        arguments: [
            ("", "\r\n"),
            ("\r\n", "\r\n"),
            ("\r\n\r\n", "\r\n"),
            ("a", "a\r\n"),
            ("a\r\n\r\n\r\n", "a\r\n"),
            ("a \r\n", "a \r\n"),
            (" \r\n", " \r\n"),
            ("a\r\n\r\nb\r\n", "a\r\n\r\nb\r\n"),
            ("a  b\t\r\n \r\n", "a  b\t\r\n \r\n"),
        ])
    func simpleBody(input: String, expected: String) {
        #expect(canonicalBody(input, .simple) == expected)
    }

    // MARK: - Body hashes of the empty body

    @Test("an empty body hashes as CRLF for simple and as nothing for relaxed")
    func emptyBodyHashes() throws {
        let message = Array("From: a@example.com\r\n\r\n".utf8)
        let simple = DKIMFixtures.signer(.ed25519, DKIMCanonicalization(header: .simple, body: .simple))
        let relaxed = DKIMFixtures.signer(.ed25519)
        let simpleField = String(decoding: try simple.signatureFields(for: message, timestamp: 0), as: UTF8.self)
        let relaxedField = String(decoding: try relaxed.signatureFields(for: message, timestamp: 0), as: UTF8.self)
        // SHA-256 of "\r\n" and of "", base64.
        #expect(simpleField.contains("bh=frcCV1k9oG9oKj3dpUqdJg1PxRT2RSN/XKdLCPjaYaY=;"))
        #expect(relaxedField.contains("bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;"))
    }

    // MARK: - c= values

    @Test(
        "c= values parse per RFC 6376 §3.5",
        arguments: [
            ("relaxed/relaxed", "relaxed/relaxed"),
            ("relaxed/simple", "relaxed/simple"),
            ("simple/relaxed", "simple/relaxed"),
            ("simple", "simple/simple"),
            ("relaxed", "relaxed/simple"),
        ])
    func parse(text: String, expected: String) {
        #expect(DKIMCanonicalization(text)?.description == expected)
    }

    @Test(
        "malformed c= values are refused",
        arguments: [
            "", "RELAXED", "relaxed/", "/simple", "a/b", "simple/simple/simple",
        ])
    func parseRefuses(text: String) {
        #expect(DKIMCanonicalization(text) == nil)
    }
}
