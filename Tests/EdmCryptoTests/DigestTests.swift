// Tests of EdmCrypto's digests against published test vectors.
import EdmCrypto
import Testing

@Suite struct DigestTests {
    @Test("SHA-256 matches FIPS 180-2 vectors")
    func sha256Vectors() {
        #expect(SHA256.hexHash(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hexHash([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test("incremental SHA-256 equals one-shot")
    func incremental() throws {
        let hasher = try SHA256Hasher()
        try hasher.update(Array("ab".utf8))
        try hasher.update(Array("c".utf8))
        #expect(Hex.encode(try hasher.finish()) == SHA256.hexHash(Array("abc".utf8)))
    }

    @Test("HMAC-SHA256 matches RFC 4231 test case 2")
    func hmacVector() {
        let mac = HMACSHA256.authenticate(Array("what do ya want for nothing?".utf8), key: Array("Jefe".utf8))
        #expect(Hex.encode(mac) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test("the OpenSSL version is reported")
    func version() {
        #expect(OpenSSLVersion.runtime.hasPrefix("OpenSSL 3"))
        #expect(OpenSSLVersion.compiledAgainst.hasPrefix("OpenSSL 3"))
    }
}
