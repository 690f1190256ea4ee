// DKIMRecordTests: the TXT record edm publishes for a key, and comparing a published record with the key.
import EdmCrypto
import Foundation
import Mail
import Testing

@Suite struct DKIMRecordTests {
    let rsa = DKIMFixtures.rsaKey
    let ed25519 = DKIMFixtures.ed25519Key

    @Test("the RSA record carries the SubjectPublicKeyInfo, as openssl pkey -pubout prints it")
    func rsaRecord() throws {
        let txt = DKIMRecord.txt(for: rsa)
        #expect(txt.hasPrefix("v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"))
        let pem = DKIMFixtures.text("rsa2048.pem")
        #expect(pem.contains("BEGIN PRIVATE KEY"))
        let record = try DKIMRecord(txt: txt)
        #expect(record.keyType == "rsa")
        #expect(record.publicKey == rsa.publicKeyDER())
        #expect(record.mismatches(with: rsa).isEmpty)
    }

    @Test("the Ed25519 record carries the raw 32-byte key (RFC 8463 §4)")
    func ed25519Record() throws {
        let txt = DKIMRecord.txt(for: ed25519)
        #expect(txt.hasPrefix("v=DKIM1; k=ed25519; p="))
        #expect(txt.count == "v=DKIM1; k=ed25519; p=".count + 44)
        let record = try DKIMRecord(txt: txt)
        #expect(record.publicKey.count == 32)
        #expect(record.mismatches(with: ed25519).isEmpty)
    }

    @Test("the zone-file form splits into quoted strings of at most 255 bytes that join back")
    func zoneFileValue() throws {
        let value = DKIMRecord.zoneFileValue(for: rsa)
        let strings = value.split(separator: "\" \"")
        #expect(strings.count == 2)
        #expect(strings.allSatisfy { $0.utf8.count <= 256 })
        #expect(try DKIMRecord(txt: value) == DKIMRecord(txt: DKIMRecord.txt(for: rsa)))
    }

    @Test("records as dig prints them, with whitespace and folded p=, are understood")
    func digOutput() throws {
        let txt = DKIMRecord.txt(for: ed25519)
        let p = String(txt.dropFirst("v=DKIM1; k=ed25519; p=".count))
        let dig = "\"v=DKIM1;k=ed25519 ; t=y:s;\" \"p=\(p.prefix(20)) \(p.dropFirst(20));\""
        let record = try DKIMRecord(txt: dig)
        #expect(record.isTesting)
        #expect(record.flags == ["y", "s"])
        #expect(record.mismatches(with: ed25519).isEmpty)
    }

    @Test("a bare PKCS#1 RSAPublicKey in p= matches too")
    func pkcs1PublicKey() throws {
        let p = DKIMFixtures.text("rsa2048-rsapublickey.b64").trimmingCharacters(in: .whitespacesAndNewlines)
        let record = try DKIMRecord(txt: "v=DKIM1; p=\(p)")
        #expect(record.keyType == "rsa")
        #expect(record.mismatches(with: rsa).isEmpty)
    }

    @Test("mismatches name what is wrong")
    func mismatches() throws {
        let other = try SigningKey(pem: KeyGenerator.ed25519())
        #expect(try DKIMRecord(txt: DKIMRecord.txt(for: other)).mismatches(with: ed25519) == [.publicKey])
        #expect(
            try DKIMRecord(txt: DKIMRecord.txt(for: rsa)).mismatches(with: ed25519)
                == [.keyType(published: "rsa", configured: "ed25519")])
        #expect(try DKIMRecord(txt: "v=DKIM1; k=rsa; p=").mismatches(with: rsa) == [.keyRevoked])
        let restricted = "v=DKIM1; h=sha1; s=tlsrpt; " + DKIMRecord.txt(for: ed25519).dropFirst("v=DKIM1; ".count)
        #expect(
            try DKIMRecord(txt: restricted).mismatches(with: ed25519)
                == [.hashAlgorithms(["sha1"]), .serviceTypes(["tlsrpt"])])
        let allowed = "h=sha1:sha256; s=email; " + DKIMRecord.txt(for: ed25519).dropFirst("v=DKIM1; ".count)
        #expect(try DKIMRecord(txt: allowed).mismatches(with: ed25519).isEmpty)
        #expect("\(DKIMRecordMismatch.publicKey)".contains("not the public half of the configured private key"))
    }

    @Test(
        "malformed records are refused",
        arguments: [
            ("", "no p= tag"),
            ("v=DKIM1; k=rsa", "no p= tag"),
            ("v=DKIM1; p=@@@", "not valid base64"),
            ("v=DKIM2; p=", "must come first and be DKIM1"),
            ("k=rsa; v=DKIM1; p=", "must come first and be DKIM1"),
            ("v=DKIM1; p=; p=", "appears twice"),
            ("v=DKIM1; garbage; p=", "is not tag=value"),
            ("v=DKIM1;; p=", "empty tag"),
            ("v=DKIM1; 1x=2; p=", "is not a tag name"),
        ])
    func malformed(txt: String, reason: String) {
        #expect {
            try DKIMRecord(txt: txt)
        } throws: { error in
            "\(error)".contains(reason)
        }
    }
}
