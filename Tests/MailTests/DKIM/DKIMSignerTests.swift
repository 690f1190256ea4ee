// DKIMSignerTests: the DKIM-Signature fields' shape: tags, h= selection and oversigning, folding, and errors.
import EdmCrypto
import Testing

@testable import Mail

@Suite struct DKIMSignerTests {
    typealias KeySet = DKIMFixtures.KeySet

    /// The signature fields in `bytes`, each unfolded, as tag lists.
    private func signatures(_ bytes: [UInt8]) throws -> [DKIMTagList] {
        let text = String(decoding: bytes, as: UTF8.self)
        let fields = text.components(separatedBy: "DKIM-Signature:").dropFirst()
        return try fields.map { try DKIMTagList($0.replacingOccurrences(of: "\r\n", with: "")) }
    }

    private func hTag(_ message: String, signer: DKIMSigner = DKIMFixtures.signer(.ed25519)) throws -> String? {
        try signatures(signer.signatureFields(for: Array(message.utf8), timestamp: 0)).first?["h"]?
            .replacingOccurrences(of: " ", with: "")
    }

    // MARK: - Tags

    @Test("the tags are v, a, c, d, s, t, x, h, bh, b in that order, with no l= and no SHA-1")
    func tags() throws {
        let message = DKIMSampleMessages.all[0].bytes
        let signer = DKIMFixtures.signer(.both, expiration: 3600)
        let fields = try signer.signatureFields(for: message, timestamp: 1_700_000_000)
        let parsed = try signatures(fields)
        #expect(parsed.count == 2)
        for (tags, algorithm) in zip(parsed, ["rsa-sha256", "ed25519-sha256"]) {
            #expect(tags.tags.map(\.name) == ["v", "a", "c", "d", "s", "t", "x", "h", "bh", "b"])
            #expect(tags["v"] == "1")
            #expect(tags["a"] == algorithm)
            #expect(tags["c"] == "relaxed/relaxed")
            #expect(tags["d"] == "example.com")
            #expect(tags["t"] == "1700000000")
            #expect(tags["x"] == "1700003600")
            #expect(tags["bh"]?.count == 44)
        }
        #expect(parsed[0]["s"] == DKIMFixtures.rsaSelector)
        #expect(parsed[1]["s"] == DKIMFixtures.ed25519Selector)
        #expect(parsed[0]["bh"] == parsed[1]["bh"])
        let text = String(decoding: fields, as: UTF8.self)
        #expect(!text.contains("l=") && !text.lowercased().contains("sha1"))
    }

    @Test("without an expiration there is no x= tag")
    func noExpiration() throws {
        let message = DKIMSampleMessages.all[0].bytes
        let fields = try DKIMFixtures.signer(.ed25519).signatureFields(for: message, timestamp: 5)
        #expect(try signatures(fields)[0]["x"] == nil)
    }

    // MARK: - h=

    @Test("a full bulk message signs every standard field, From and Subject oversigned")
    func fullHeaderList() throws {
        let message = String(decoding: DKIMSampleMessages.all[0].bytes, as: UTF8.self)
        #expect(
            try hTag(message) == "from:from:subject:subject:to:date:message-id:mime-version:content-type:"
                + "reply-to:list-unsubscribe:list-unsubscribe-post")
    }

    @Test("absent fields are not listed, except From and Subject once each")
    func onlyPresentFields() throws {
        #expect(try hTag("From: a@example.com\r\nTo: b@example.org\r\n\r\nhi\r\n") == "from:from:subject:to")
    }

    @Test("repeated fields are listed once per instance")
    func repeatedFields() throws {
        let message = "From: a@example.com\r\nTo: b@example.org\r\nSubject: s\r\nto: c@example.org\r\n\r\n"
        #expect(try hTag(message) == "from:from:subject:subject:to:to")
    }

    @Test("extra header names follow the standard ones; duplicates and absent ones are dropped")
    func extraHeaders() throws {
        let signer = try DKIMSigner(
            domain: "example.com", keys: KeySet.ed25519.keys,
            extraHeaders: ["X-Campaign-ID", "SUBJECT", "Cc", "x-campaign-id"])
        #expect(signer.signedHeaders.suffix(3) == ["list-unsubscribe-post", "x-campaign-id", "cc"])
        let message = "From: a@example.com\r\nX-Campaign-ID: 42\r\n\r\n"
        #expect(try hTag(message, signer: signer) == "from:from:subject:x-campaign-id")
    }

    // MARK: - Layout

    @Test("every line is shorter than 78 characters, folded with a leading space, ending in CRLF")
    func folding() throws {
        let long = try DKIMSigner(
            domain: "mail.a-rather-long-subdomain.example-company-with-long-name.com", keys: KeySet.both.keys,
            extraHeaders: ["X-An-Unusually-Long-Header-Name-For-Testing", "X-Another-One"], expiration: 86_400)
        let message = DKIMSampleMessages.message(
            header: DKIMSampleMessages.header(
                extra: ["X-An-Unusually-Long-Header-Name-For-Testing: 1", "X-Another-One: 2"]),
            body: "hi\r\n")
        for signer in [DKIMFixtures.signer(.both), long] {
            let fields = try signer.signatureFields(for: message, timestamp: 1_700_000_000)
            let text = String(decoding: fields, as: UTF8.self)
            #expect(text.hasSuffix("\r\n"))
            let lines = text.dropLast(2).components(separatedBy: "\r\n")
            for line in lines {
                #expect(line.count < 78, "\(line.count): \(line)")
                #expect(line.hasPrefix("DKIM-Signature: ") || line.hasPrefix(" "), "\(line)")
                #expect(!line.contains("\r") && !line.contains("\n"))
            }
        }
    }

    @Test("sign returns the signature fields followed by the unchanged message")
    func signPrepends() throws {
        let signer = DKIMFixtures.signer(.both)
        for sample in DKIMSampleMessages.all {
            let fields = try signer.signatureFields(for: sample.bytes, timestamp: 99)
            #expect(try signer.sign(sample.bytes, timestamp: 99) == fields + sample.bytes, "\(sample.name)")
        }
    }

    @Test("signing is deterministic, also from many tasks at once")
    func deterministicAndConcurrent() async throws {
        let signer = DKIMFixtures.signer(.both)
        let message = DKIMSampleMessages.multipart()
        let expected = try signer.sign(message, timestamp: 1_700_000_000)
        let results = await withTaskGroup(of: [UInt8]?.self) { group in
            for _ in 0..<12 {
                group.addTask { try? signer.sign(message, timestamp: 1_700_000_000) }
            }
            var all: [[UInt8]?] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 12 && results.allSatisfy { $0 == expected })
    }

    // MARK: - Errors

    @Test(
        "malformed messages are refused",
        arguments: [
            ("To: b@example.org\r\n\r\nhi\r\n", DKIMError.Kind.missingFrom),
            ("", .missingFrom),
            ("From: a@example.com\nTo: b@example.org\r\n\r\n", .bareLineBreak(offset: 19)),
            ("From: a@example.com\r\n\r\nline\nnext\r\n", .bareLineBreak(offset: 27)),
            ("From: a@example.com\r\n\r\nline\rnext\r\n", .bareLineBreak(offset: 27)),
            ("From: a@example.com\r\nnot a header\r\n\r\n", .malformedHeader(line: 2)),
            (" From: a@example.com\r\n\r\n", .malformedHeader(line: 1)),
            (": no name\r\nFrom: a@example.com\r\n\r\n", .malformedHeader(line: 1)),
            ("From: a@example.com", .malformedHeader(line: 1)),
        ])
    func malformedMessages(message: String, kind: DKIMError.Kind) {
        #expect(throws: DKIMError(kind)) {
            try DKIMFixtures.signer(.ed25519).signatureFields(for: Array(message.utf8), timestamp: 0)
        }
    }

    @Test("timestamps must be 0 to 12 digits, x= included")
    func timestamps() {
        let signer = DKIMFixtures.signer(.ed25519, expiration: 10)
        let message = DKIMSampleMessages.all[0].bytes
        #expect(throws: DKIMError(.invalidTimestamp(-1))) { try signer.sign(message, timestamp: -1) }
        #expect(throws: DKIMError(.invalidTimestamp(999_999_999_995))) {
            try signer.sign(message, timestamp: 999_999_999_995)
        }
    }

    @Test("bad configuration is refused")
    func badConfiguration() throws {
        let keys = KeySet.ed25519.keys
        #expect(throws: DKIMError(.noKeys)) { try DKIMSigner(domain: "example.com", keys: []) }
        for domain in ["", "exa mple.com", "-bad.example", "a..b", "example.com.", "bücher.example", "a_b.example"] {
            #expect(throws: DKIMError(.invalidDomain(domain))) { try DKIMSigner(domain: domain, keys: keys) }
        }
        for name in ["Bad Name", "DKIM-Signature", "dkim-signature", "X:Y", ""] {
            #expect(throws: DKIMError(.invalidHeaderName(name))) {
                try DKIMSigner(domain: "example.com", keys: keys, extraHeaders: [name])
            }
        }
        for expiration in [0, -1, Int.max] {
            #expect(throws: DKIMError(.invalidExpiration(expiration))) {
                try DKIMSigner(domain: "example.com", keys: keys, expiration: expiration)
            }
        }
        for selector in ["", "sel ector", "sel.", "_sel"] {
            #expect(throws: DKIMError(.invalidSelector(selector))) {
                try DKIMKey(selector: selector, signingKey: DKIMFixtures.ed25519Key)
            }
        }
        #expect(try DKIMKey(selector: "2023-11.mail", signingKey: DKIMFixtures.ed25519Key).selector == "2023-11.mail")
    }

    @Test("RSA keys under 1024 bits are refused (RFC 8301 §3.2)")
    func smallKeyRefused() throws {
        let small = try SigningKey(pem: DKIMFixtures.text("rsa512.pem"))
        #expect(throws: DKIMError(.keyTooSmall(selector: "old", bits: 512))) {
            try DKIMKey(selector: "old", signingKey: small)
        }
    }

    @Test("errors read as sentences")
    func errorDescriptions() {
        #expect("\(DKIMError(.missingFrom))" == "the message has no From header field, which DKIM must sign")
        #expect("\(DKIMError(.keyTooSmall(selector: "s", bits: 512)))".contains("at least 1024"))
        #expect(!DKIMError(.noKeys).isTransient)
    }
}
