// DKIMBase64Tests: the base64 used for bh=, b= and p= (RFC 4648 §10 vectors, plus DKIM's embedded whitespace).
import Testing
@testable import Mail

@Suite struct DKIMBase64Tests {
    @Test(
        "RFC 4648 §10 vectors round-trip",
        arguments: [
            ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ])
    func vectors(plain: String, encoded: String) {
        #expect(DKIMBase64.encodeToString(Array(plain.utf8)) == encoded)
        #expect(DKIMBase64.decode(encoded) == Array(plain.utf8))
    }

    @Test("all byte values round-trip")
    func allBytes() {
        let bytes = (0...255).map(UInt8.init) + [0xFF, 0x00]
        #expect(DKIMBase64.decode(DKIMBase64.encodeToString(bytes)) == bytes)
    }

    @Test("whitespace inside is skipped; a missing pad is tolerated")
    func whitespace() {
        #expect(DKIMBase64.decode(" Zm9v\r\n\tYmE= ") == Array("fooba".utf8))
        #expect(DKIMBase64.decode("Zm9vYmE") == Array("fooba".utf8))
    }

    @Test("invalid text is refused", arguments: ["Zm9v!", "Z", "Zm=9v", "Zg===", "Zm9vY", "=Zm9"])
    func invalid(text: String) {
        #expect(DKIMBase64.decode(text) == nil)
    }
}
