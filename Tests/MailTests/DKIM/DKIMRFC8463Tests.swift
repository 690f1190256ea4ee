// DKIMRFC8463Tests: the RFC 8463 Appendix A example, re-signed with its published keys, matches the RFC's fields.
import EdmCrypto
import Foundation
import Mail
import Testing

/// RFC 8463 Appendix A publishes a message signed with ed25519-sha256 and rsa-sha256. Both schemes are
/// deterministic, so signing the same message with the same keys, `t=` and tags must give the same `bh=` and `b=`.
///
/// The RFC folds its fields by hand to fit the page (tag lines up to 58 characters, `b=` lines of 59), which
/// edm's folder (lines up to 76) does not imitate. The comparison is therefore exact after unfolding: every
/// CRLF before whitespace removed (RFC 5322 §2.2.3), and whitespace inside `b=` dropped, which RFC 6376 §3.5
/// says is not part of the value. Everything else, spaces in `h=` included, must match byte for byte.
@Suite struct DKIMRFC8463Tests {
    static let timestamp = 1_528_637_909
    static let domain = "football.example.com"
    static let tags = DKIMExplicitTags(
        headers: ["from", "to", "subject", "date", "message-id", "from", "subject", "date"],
        identity: "@football.example.com", writesQueryMethod: true, spacesHeaderColons: true)

    static let signed: [UInt8] = {
        // Tests may trap: a missing fixture is a broken checkout.
        let url = DKIMFixtures.directory.appendingPathComponent("rfc8463/signed.eml")
        return Array(try! Data(contentsOf: url))
    }()

    static let records: [String: String] = {
        var records: [String: String] = [:]
        for line in DKIMFixtures.text("rfc8463/records.txt").split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            records[String(parts[0])] = String(parts[1])
        }
        return records
    }()

    /// The published DKIM-Signature fields (each through its final CRLF) and the message they sign.
    static func split(_ message: [UInt8]) -> (fields: [String], message: [UInt8]) {
        let text = String(decoding: message, as: UTF8.self)
        var fields: [String] = []
        var rest = Substring(text)
        while rest.hasPrefix("DKIM-Signature:") {
            var end = rest.startIndex
            repeat {
                let lineEnd = rest[end...].range(of: "\r\n")?.upperBound ?? rest.endIndex
                end = lineEnd
            } while end < rest.endIndex && (rest[end] == " " || rest[end] == "\t")
            fields.append(String(rest[..<end]))
            rest = rest[end...]
        }
        return (fields, Array(rest.utf8))
    }

    /// The field unfolded, with whitespace removed from the `b=` value (which is last in both forms).
    static func unfolded(_ field: String) -> String {
        let flat = field.replacingOccurrences(of: "\r\n", with: "")
        guard let b = flat.range(of: " b=") else { return flat }
        return String(flat[..<b.upperBound]) + flat[b.upperBound...].filter { !$0.isWhitespace }
    }

    static func signer() throws -> DKIMSigner {
        let ed25519 = try SigningKey(pem: DKIMFixtures.text("rfc8463/ed25519.pem"))
        let rsa = try SigningKey(pem: DKIMFixtures.text("rfc8463/rsa1024-pkcs1.pem"))
        let keys = [try DKIMKey(selector: "brisbane", signingKey: ed25519), try DKIMKey(selector: "test", signingKey: rsa)]
        return try DKIMSigner(domain: domain, keys: keys, explicitTags: tags)
    }

    @Test("the fixture is the RFC's: both published signatures verify with dkimpy")
    func publishedVerifies() throws {
        let (fields, _) = Self.split(Self.signed)
        #expect(fields.count == 2)
        for verdict in try DKIMPy.verify([Self.signed], records: Self.records) {
            #expect(verdict.passed && verdict.signatures == 2, "\(verdict)")
        }
    }

    @Test("re-signing reproduces both published DKIM-Signature fields, exact after unfolding")
    func reproducesPublishedFields() throws {
        let (published, message) = Self.split(Self.signed)
        let output = try Self.signer().signatureFields(for: message, timestamp: Self.timestamp)
        let (ours, rest) = Self.split(output)
        #expect(rest.isEmpty)
        #expect(ours.count == 2)
        for (mine, theirs) in zip(ours, published) {
            #expect(Self.unfolded(mine) == Self.unfolded(theirs))
        }
        // The tags one by one, so a failure names the tag that differs.
        let published0 = Self.unfolded(published[0])
        #expect(published0.contains("bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;"))
        #expect(Self.unfolded(ours[0]).hasSuffix(
            "b=/gCrinpcQOoIfuHNQIbq4pgh9kyIK3AQUdt9OdqQehSwhEIug4D11BusFa3bT3FY5OsU7ZbnKELq+eXdp1Q1Dw=="))
        #expect(Self.unfolded(ours[1]).hasSuffix(
            "b=F45dVWDfMbQDGHJFlXUNB2HKfbCeLRyhDXgFpEL8GwpsRe0IeIixNTe3DhCVlUrSjV4BwcVcOF6+FF3Zo9Rpo1tFOeS9mPYQTnGdaSGsgeefOsk2JzdA+L10TeYt9BgDfQNZtKdN1WO//KgIqXP7OdEFE4LjFYNcUxZQ4FADY+8="
        ))
    }

    @Test("edm's folding of the example: lines under 78 characters, and dkimpy verifies it")
    func oursVerifies() throws {
        let (_, message) = Self.split(Self.signed)
        let signed = try Self.signer().sign(message, timestamp: Self.timestamp)
        let header = String(decoding: signed, as: UTF8.self).components(separatedBy: "\r\n\r\n")[0]
        for line in header.components(separatedBy: "\r\n") {
            #expect(line.utf8.count < 78, "\(line)")
        }
        for verdict in try DKIMPy.verify([signed], records: Self.records) {
            #expect(verdict.passed && verdict.signatures == 2, "\(verdict)")
        }
    }

    @Test("explicit tags are checked: From must be listed, i= must sit at d= or below")
    func explicitTagsValidated() throws {
        let keys = DKIMFixtures.KeySet.ed25519.keys
        let noFrom = DKIMExplicitTags(headers: ["to", "subject"])
        #expect(throws: DKIMError.self) { try DKIMSigner(domain: "example.com", keys: keys, explicitTags: noFrom) }
        for identity in ["news@example.org", "example.com", "a b@example.com", "@badexample.com"] {
            let tags = DKIMExplicitTags(headers: ["from"], identity: identity)
            #expect(throws: DKIMError.self, "\(identity)") {
                try DKIMSigner(domain: "example.com", keys: keys, explicitTags: tags)
            }
        }
        for identity in ["@example.com", "news@example.com", "news@mail.example.com"] {
            let tags = DKIMExplicitTags(headers: ["from"], identity: identity)
            _ = try DKIMSigner(domain: "example.com", keys: keys, explicitTags: tags)
        }
        let bad = DKIMExplicitTags(headers: ["from", "dkim-signature"])
        #expect(throws: DKIMError(.invalidHeaderName("dkim-signature"))) {
            try DKIMSigner(domain: "example.com", keys: keys, explicitTags: bad)
        }
    }

    @Test("an explicit list signs exactly its names, with no oversigning added")
    func explicitListIsExact() throws {
        let tags = DKIMExplicitTags(headers: ["from", "to"])
        let signer = try DKIMSigner(domain: "example.com", keys: DKIMFixtures.KeySet.ed25519.keys, explicitTags: tags)
        #expect(signer.signedHeaders == ["from", "to"])
        let message = Array("From: a@example.com\r\nTo: b@example.org\r\nSubject: hi\r\n\r\nbody\r\n".utf8)
        let field = String(decoding: try signer.signatureFields(for: message, timestamp: DKIMFixtures.now), as: UTF8.self)
        #expect(field.contains(" h=from:to;"))
        let verdicts = try DKIMPy.verify([try signer.sign(message, timestamp: DKIMFixtures.now)])
        #expect(verdicts.allSatisfy { $0.passed }, "\(verdicts)")
    }
}
