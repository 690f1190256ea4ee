// DKIMGoldenTests: DKIM-Signature fields compared byte for byte with values fixed at a known time and key.
import Mail
import Testing

/// RSASSA-PKCS1-v1_5 and Ed25519 are deterministic, so a fixed key, message and `t=` give one exact field.
/// A change here means the wire output changed: check it with dkimpy (the test below does) before updating.
@Suite struct DKIMGoldenTests {
    static let timestamp = 1_700_000_000  // 2023-11-14T22:13:20Z

    static let message = DKIMSampleMessages.crlf([
        "From: \"Example News\" <news@example.com>",
        "To: Alice Example <alice@example.org>",
        "Subject: Your November newsletter",
        "Date: Tue, 14 Nov 2023 22:13:20 +0000",
        "Message-ID: <20231114221320.abc123@example.com>",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: 7bit",
        "List-Unsubscribe: <https://example.com/unsubscribe/abc123>",
        "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
        "",
        "Hello Alice,",
        "",
        "This is the newsletter.  ",
        "",
    ])

    static let rsaRelaxed = [
        "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com;\r\n",
        " s=rsa2048; t=1700000000; h=from:from:subject:subject:to:date:message-id:\r\n",
        " mime-version:content-type:list-unsubscribe:list-unsubscribe-post;\r\n",
        " bh=Xqqjr2J3ij6RvgZHPTgkFjd0DKzm5hPIltJSbWd37KY=;\r\n",
        " b=ndL/33z4FIX9HfvrFPqaQCXMm1M5gmmVTFzXW/jazrMjgdUGFyb30fZ9CVbctCUnFbhO6Pqf6\r\n",
        " anNMGiQSCLYSDeTmJCLToCIWusWXReKABL15XOER3bw7SSilaPqf1EXLYkMhEUTggjNFIftyYPf\r\n",
        " IQBoYYiEC91qFVFJNvK8t23q/3VNgK3F3AN7Z/08MFmnEwmTZ8+o+vnsQe9mYuSjnUmlybPMqf9\r\n",
        " aj7fzzzHyrr2FZUKHwhSy6Se36BrchWS2JrW+CgCUJgEa3FCGxPeptdshKbxvJOusqzOFc/IYXc\r\n",
        " zEQ1rFIezUpBHcXqraY87I67+Fui50k6/Opys5plS/iQ==\r\n",
    ].joined()
    static let ed25519Relaxed = [
        "DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed; d=example.com;\r\n",
        " s=ed2023; t=1700000000; h=from:from:subject:subject:to:date:message-id:\r\n",
        " mime-version:content-type:list-unsubscribe:list-unsubscribe-post;\r\n",
        " bh=Xqqjr2J3ij6RvgZHPTgkFjd0DKzm5hPIltJSbWd37KY=;\r\n",
        " b=4RC5JVkoRV8TY6XGEPg3sK16Ye7XAJdqpXQgD3DJTNJCampeToEqI/P541Tkk9KxpsgRSIVRp\r\n",
        " J8cTCM803icCg==\r\n",
    ].joined()
    static let rsaSimpleExpiring = [
        "DKIM-Signature: v=1; a=rsa-sha256; c=simple/simple; d=example.com;\r\n",
        " s=rsa2048; t=1700000000; x=1700604800; h=from:from:subject:subject:to:date:\r\n",
        " message-id:mime-version:content-type:list-unsubscribe:\r\n",
        " list-unsubscribe-post; bh=fPrdYMUCeVPzG9euIKfzVijX9HgJ++24E8+T7D+vhqo=;\r\n",
        " b=ppWHBtMLPoBo98iPNbywxiEDLC1lcK5VjxWxNyKYUeGQgKoAFXA3uNYl/ZDzHpP1Q8C+3cxBC\r\n",
        " haJxhOufgnN1w9OROPsUx3TRxnNKSCax/8WUS+mOV8v3UgOHpmwWxbMVjLetoEaC5fxetsdocW5\r\n",
        " hXVOMrYyf2HoLhlE6zq9+Hj58OiX8oImjrTy0Th3IW4rLSQ4w+Tzoz8BsHesAG7t2+mYbE6ewFN\r\n",
        " C4J9fDKV2xU76Y0W3ctuV5AWVUAFvcjzWCl5EjT/kI+brVrokmTUrwBxKmH094k9hE9u3mfWjOZ\r\n",
        " dIs985oor2SbUzOyIOCDy2CToHHdidNcrC9J0L4h7lVw==\r\n",
    ].joined()

    private func fields(_ signer: DKIMSigner) throws -> String {
        let bytes = try signer.signatureFields(for: Array(Self.message.utf8), timestamp: Self.timestamp)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The golden value with CR and LF made visible, so a failure shows where the bytes differ.
    private func visible(_ text: String) -> String {
        text.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n\n")
    }

    @Test("rsa-sha256, relaxed/relaxed")
    func rsaRelaxed() throws {
        let actual = try fields(DKIMFixtures.signer(.rsa))
        #expect(visible(actual) == visible(Self.rsaRelaxed))
    }

    @Test("ed25519-sha256, relaxed/relaxed")
    func ed25519Relaxed() throws {
        let actual = try fields(DKIMFixtures.signer(.ed25519))
        #expect(visible(actual) == visible(Self.ed25519Relaxed))
    }

    @Test("rsa-sha256, simple/simple, with x=")
    func rsaSimpleExpiring() throws {
        let simple = DKIMCanonicalization(header: .simple, body: .simple)
        let signer = DKIMFixtures.signer(.rsa, simple, expiration: 604_800)
        let actual = try fields(signer)
        #expect(visible(actual) == visible(Self.rsaSimpleExpiring))
    }

    @Test("both keys give the two golden fields, RSA first")
    func both() throws {
        #expect(try fields(DKIMFixtures.signer(.both)) == Self.rsaRelaxed + Self.ed25519Relaxed)
    }

    @Test("the golden messages verify with dkimpy")
    func goldenVerifies() throws {
        let messages = [Self.rsaRelaxed, Self.ed25519Relaxed, Self.rsaRelaxed + Self.ed25519Relaxed]
            .map { Array(($0 + Self.message).utf8) }
        for verdict in try DKIMPy.verify(messages) {
            #expect(verdict.passed, "\(verdict)")
        }
    }
}
