// Tests of SigningKey and KeyGenerator: PEM loading, known-answer signatures, and clear errors for bad keys.
import EdmCrypto
import Testing

@Suite struct SigningKeyTests {
    // MARK: - Fixtures (made with the openssl CLI and RFC 8032, independent of the code under test)

    /// An RSA-1024 key as PKCS#8 (`openssl genpkey`).
    static let rsaPKCS8 = """
        -----BEGIN PRIVATE KEY-----
        MIICdwIBADANBgkqhkiG9w0BAQEFAASCAmEwggJdAgEAAoGBANPGxihELodd98bo
        YgCbcg7+RjdDbgbjFcGxcs+3Hp2XYHmE2ZfCUibhjQc//W33TRBdC8+bpNDhtyIY
        Ta1HstRNCPo8h2ibIZdTlG1a6fY3F6LQFoamtatEol8mqxIkoli+GO9onGQ+DNYl
        GxkotqBS5T9pKb8lSIvwnEvd3w1LAgMBAAECgYEAl2xti6UUz920qRjH2j9LksTl
        V+Zy6aG9kL1cpoD89xmh9cG0A/sB2qMzv5dVkiddhvHA3DUh5+k8lLhj8h5uEmm2
        49kmhUbuR1ybZAZcZLjChFR1MjBqpQJ86RJKaD8NE6SOsgZPHvBd8Sx1h+fqCa4u
        c22uDz+HXxwGeIzNLYECQQDyM2gMUT5cOg5Im36nRsHsKkTDYMvPoEAKG/aNW1Eh
        nVB9BPZ0O/wTwUnwDjz8fR09+H5dgkxsBTqXuJWJbwzRAkEA39ed23SP33pODDPz
        vXJpvLdodPsYtX35dY89RSOkYJWG5r/keTXrTcdJ+0eedDIS0zxrOxDFcqpnEl0I
        f6FPWwJALhSzxiwq9jchgpT7Gu5udPVx0c532I//vyyk0y49mGyq5K5uCZ1kD4ol
        /CNpXQyc5K6DtFzXF3JDPJyk7toPEQJBAK5xmMIoSt98r0pvSmq/uYuq26se7Ji0
        fi6R3Mv/BOGIZkN6FJIp5SEOSKednu0rAOTCV0cGwPmltwHmovLkQbUCQE7FYP4N
        DHxJfDEcRDHVKg2lnHZDDBpEjJoH8p6Ydfh2kevgcqYqwUvPzy2rkWO2lxt2yauV
        qBhOsswIRkF2Syk=
        -----END PRIVATE KEY-----
        """
    /// The same key as PKCS#1 (`openssl pkey -traditional`).
    static let rsaPKCS1 = """
        -----BEGIN RSA PRIVATE KEY-----
        MIICXQIBAAKBgQDTxsYoRC6HXffG6GIAm3IO/kY3Q24G4xXBsXLPtx6dl2B5hNmX
        wlIm4Y0HP/1t900QXQvPm6TQ4bciGE2tR7LUTQj6PIdomyGXU5RtWun2Nxei0BaG
        prWrRKJfJqsSJKJYvhjvaJxkPgzWJRsZKLagUuU/aSm/JUiL8JxL3d8NSwIDAQAB
        AoGBAJdsbYulFM/dtKkYx9o/S5LE5VfmcumhvZC9XKaA/PcZofXBtAP7AdqjM7+X
        VZInXYbxwNw1IefpPJS4Y/IebhJptuPZJoVG7kdcm2QGXGS4woRUdTIwaqUCfOkS
        Smg/DROkjrIGTx7wXfEsdYfn6gmuLnNtrg8/h18cBniMzS2BAkEA8jNoDFE+XDoO
        SJt+p0bB7CpEw2DLz6BAChv2jVtRIZ1QfQT2dDv8E8FJ8A48/H0dPfh+XYJMbAU6
        l7iViW8M0QJBAN/Xndt0j996Tgwz871yaby3aHT7GLV9+XWPPUUjpGCVhua/5Hk1
        603HSftHnnQyEtM8azsQxXKqZxJdCH+hT1sCQC4Us8YsKvY3IYKU+xrubnT1cdHO
        d9iP/78spNMuPZhsquSubgmdZA+KJfwjaV0MnOSug7Rc1xdyQzycpO7aDxECQQCu
        cZjCKErffK9Kb0pqv7mLqturHuyYtH4ukdzL/wThiGZDehSSKeUhDkinnZ7tKwDk
        wldHBsD5pbcB5qLy5EG1AkBOxWD+DQx8SXwxHEQx1SoNpZx2QwwaRIyaB/KemHX4
        dpHr4HKmKsFLz88tq5FjtpcbdsmrlagYTrLMCEZBdksp
        -----END RSA PRIVATE KEY-----
        """
    /// `openssl pkey -pubout -outform DER` of the key above.
    static let rsaSPKIHex = [
        "30819f300d06092a864886f70d010101050003818d0030818902818100d3c6c628442e875df7c6e862009b720efe4637",
        "436e06e315c1b172cfb71e9d97607984d997c25226e18d073ffd6df74d105d0bcf9ba4d0e1b722184dad47b2d44d08fa",
        "3c87689b219753946d5ae9f63717a2d01686a6b5ab44a25f26ab1224a258be18ef689c643e0cd6251b1928b6a052e53f",
        "6929bf25488bf09c4bdddf0d4b0203010001",
    ].joined()
    /// `printf abc | openssl dgst -sha256 -sign rsa1024.pem`; RSASSA-PKCS1-v1_5 is deterministic.
    static let rsaSignatureOfABCHex = [
        "26e317ce7c45b57bb94f3d1d96ae5c6ed8b6e28f627fbeb6ff6415dd616f437572ccdcd21da1b0f275138ed0bafa8a78",
        "ed354663010a1803d6065fd5a20ca7d8b69f2383640937b883bd312c051db99772c1c18e95a3a41ef46d2a0fbddc172d",
        "d466556dc2d37694824b6feb6c74eccd58fdd9f2f5c9b06dbbc46a28a45e5700",
    ].joined()

    /// RFC 8032 §7.1 TEST 1: the secret key 9d61b1...7f60 wrapped in PKCS#8 (RFC 8410 §7).
    static let ed25519RFC8032 = """
        -----BEGIN PRIVATE KEY-----
        MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g
        -----END PRIVATE KEY-----
        """
    static let ed25519PublicHex = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
    /// RFC 8032 §7.1 TEST 1: the signature of the empty message.
    static let ed25519SignatureOfEmptyHex = [
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46b",
        "d25bf5f0595bbe24655141438e7a100b",
    ].joined()

    static let rsa512 = """
        -----BEGIN PRIVATE KEY-----
        MIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEA1bzOwC/1Pj0amSsU
        63zrGEw0xY0ZNxXGIsGwUru197KNmurNVT7jKrfrVKQ5U9hFEuYEBynf6jGj0b8J
        VUX2SQIDAQABAkBCxpEldBY/kqGLtuz7QXTFi5F1Isb88b2MQE0RG/oW30w8BmY8
        cuL7PPKzsRAIk7T7jXX1Pz/xGrvSvbvJ1qQtAiEA/fzdfjQb8Wrpa4xCd8Ox0flF
        2BgeoRY7ZKFIpptlR6sCIQDXbk6yYWz4MwK5o40B8iCai0Knp7YfTah9wtqNsSH1
        2wIhAMSsVecv+qNKok1BYwbSZpOtbsQSiUU7reoSaet5UUfZAiEAmp5ME1FDgZwy
        /4P4B4Z9ig4bZ/NCDpORM7nvXLTeV/MCIGR1RuNV9CqLHwaaTKiolpSlH3QLWe7L
        BDf9N27uO04q
        -----END PRIVATE KEY-----
        """
    static let encryptedPKCS8 = """
        -----BEGIN ENCRYPTED PRIVATE KEY-----
        MIIC3TBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQIArNlb44V9J8CAggA
        MAwGCCqGSIb3DQIJBQAwHQYJYIZIAWUDBAEqBBAKdx7ANCvK00RAJI1Kqe3CBIIC
        gMQtX5Gq19BHm6IPTiK0ZOTEXWW9j/qoX2KIbrPuK4XK+7687jHFlp2ReXJahuXo
        ei/Q86H50OXQ6dhvPeujtoECLyhBO6/GGod2ctCpnN33UDKl3qUj4W5ArsgSlrl7
        Mx8pgn5PL6NOFyeoHE9LNavOCxH6kJrZ8r7JXOpQ+Mk6lPIlRquW8Sl5mjQf5PLB
        XzhfPgGMBkMFSnyfO2w8tL0swkkY1/XW2VymVSPc9fQ7m6u79bg/s8RgBCiP+DUm
        J3xkWmEGyMXoVcKjx0gQDUKliebtFpQqzVyH7m7CGe2FMTMiiepnePEoKmn4WOmZ
        CIZzDAN1qro1QtX87/hnSpjBMBqA6xvCtdr5m8A97spq+6bGi7dglmHY4EiS4ZXz
        X1//u92kqomemznBOK449qbrEzAMQLU1Kr5XzwYFH//9ACOjuLILdDht5wYfHtGR
        pMuOE3J8MEfNvUrEstZ30jHpRCfhJFWRGls5yZ+ohySmtqOsq0a9K4E1KrHJkOFt
        5eHmZUMRwkkEE/ZdS9m61egNytQEXIh29VTliUdIHte8x3jBvFK3NtusYE+yGp0g
        VU5iw1apMLQvJbXtGGNDERngG+6AekGqlv2pQHkQmDAuLUkJ8JAn6jgM2k/Zf/P6
        K9UCdCESZVnr3fOv1tbdrx6yMebrWsvfvrCVWo4+b+ezSmpSHzCfBBQEcXGONuwK
        1XITtVCWFRKBKSFa+oaDy+d6d2+iup3IRNdO0FzN7oxIoYAvYmRtvqy3Q9vduetA
        gDJjxercooFGdJGttmUKr0wx1DiEV+4/a07uSgi+DGAVB3SUO7SXYTe45m147ffO
        lmcm0SzK3lyflrEVwN6SzoY=
        -----END ENCRYPTED PRIVATE KEY-----
        """
    static let encryptedPKCS1 = """
        -----BEGIN RSA PRIVATE KEY-----
        Proc-Type: 4,ENCRYPTED
        DEK-Info: AES-256-CBC,B24EBC5517EFFC0F218847EA34149D0F

        AO6A0SZNJAoLapLjbFolj+eQA7Osbnbawm0SRR5lSKDdCZM5uRD9qdZ4sXyqzjgR
        3hdooCiDO5plCaoQMKahmRC/SIhwbfGazSJdAi/jkEohUtkdmV641wW4pVdVibaA
        8GlWOkxfRw+wh7QG9gughrhg01FEePHclqDB3La21mV4b3mEFH6U8t4vlqb88cBW
        L0/3wBE3uVCDn3ctARJ8NyNSSWVUIqYMuW8YvYJF3bMkjiEW5dalWaUlVocMYI+V
        ffPfbt3RvgpwZC6LjQHGS6ByZ8w+pjrODj3tutAMmeIDyN+cJx0cb7Z0IBeMbewN
        ejCQNEEmwlEjCoiEjXDdwsi1l+g+K8sRdBeiGbnWkywZbEF1HlIRmvKvXXApUqAo
        P+oNLVwbZroYeX86wOTBiZ1NVUlHtfNtYAK2SlW/lNyc7l2BVhTJdopbOzJq1XYL
        lXiIsX4IE3rniqgSWm+hhx7BHFgaXmQXfjOh/Jgc70/Pu1ibFkKhz0vFeWYfXBbJ
        N10d0O0v9nR2JaJ5oenaOI9Wf1/xtUlydMT2jrC43xG0bOVx38JKvgVlJTekL/pw
        RZ3NajHRKDIRsPXfGe03pwBZCWVwDpTLX4+P3Mp9biCYTFUd8FQSvhL5hDuceG3X
        Gi/qk+lbz3R2/C98nd1kSt/XYc8007Y8aOgLjKWrOM7hJ9WB6ZoiKbARm/kFIPK+
        v3x4BNS6A8g9sr9HLcCVeD25p7h6M/v6VJpvJVsXW02VT/vdqp23EywyhoELLol7
        e5MITcsdmLDXJ1+JW1sbHIksyj6ZJem17yRDQhHb290qvirLzsS/eIv+Rh1Nk6k0
        -----END RSA PRIVATE KEY-----
        """
    static let ecP256 = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgl+yow4Od91psbN9+
        9URjt96chvoInDwuM6JsnaBPWX6hRANCAASCjmEf2E8RRKWT83U5qhd9XTtQPBdV
        Hx4jWVuu0JRSIrC9SsXa0npK95zyQw3J1dnURPRWramRswQM+QsEqzv+
        -----END PRIVATE KEY-----
        """

    // MARK: - Loading

    @Test("a PKCS#8 RSA key loads with its size and its SubjectPublicKeyInfo")
    func rsaPKCS8Loads() throws {
        let key = try SigningKey(pem: Self.rsaPKCS8)
        #expect(key.algorithm == .rsa(bits: 1024))
        #expect(Hex.encode(key.publicKeyDER()) == Self.rsaSPKIHex)
    }

    @Test("a PKCS#1 RSA key loads as the same key")
    func rsaPKCS1Loads() throws {
        let pkcs1 = try SigningKey(pem: Self.rsaPKCS1)
        #expect(pkcs1.algorithm == .rsa(bits: 1024))
        #expect(Hex.encode(pkcs1.publicKeyDER()) == Self.rsaSPKIHex)
    }

    @Test("a PKCS#8 Ed25519 key loads with the raw 32-byte public key RFC 8463 publishes")
    func ed25519Loads() throws {
        let key = try SigningKey(pem: Self.ed25519RFC8032)
        #expect(key.algorithm == .ed25519)
        #expect(Hex.encode(key.publicKeyDER()) == Self.ed25519PublicHex)
    }

    @Test("surrounding text and CRLF line ends are accepted")
    func pemWithNoise() throws {
        let noisy = "key for example.com\r\n" + Self.ed25519RFC8032.split(separator: "\n").joined(separator: "\r\n")
        #expect(try SigningKey(pem: noisy).algorithm == .ed25519)
    }

    @Test("a 512-bit RSA key loads and reports its size, so the caller can refuse it")
    func smallRSAReportsBits() throws {
        let key = try SigningKey(pem: Self.rsa512)
        #expect(key.algorithm == .rsa(bits: 512))
        #expect(key.algorithm.description == "RSA-512")
    }

    // MARK: - Signing

    @Test("RSA signs RSASSA-PKCS1-v1_5 with SHA-256, as openssl dgst -sha256 -sign does")
    func rsaKnownAnswer() throws {
        for pem in [Self.rsaPKCS8, Self.rsaPKCS1] {
            let key = try SigningKey(pem: pem)
            #expect(Hex.encode(try key.sign(Array("abc".utf8))) == Self.rsaSignatureOfABCHex)
        }
    }

    @Test("Ed25519 signs the RFC 8032 §7.1 TEST 1 vector")
    func ed25519KnownAnswer() throws {
        let key = try SigningKey(pem: Self.ed25519RFC8032)
        #expect(Hex.encode(try key.sign([])) == Self.ed25519SignatureOfEmptyHex)
        #expect(try key.sign(Array("abc".utf8)).count == 64)
    }

    @Test("one key signs from many tasks at once with identical results")
    func concurrentSigning() async throws {
        let key = try SigningKey(pem: Self.rsaPKCS8)
        let signatures = await withTaskGroup(of: String?.self) { group in
            for _ in 0..<16 {
                group.addTask { (try? key.sign(Array("abc".utf8))).map(Hex.encode) }
            }
            var all: [String?] = []
            for await signature in group { all.append(signature) }
            return all
        }
        #expect(signatures.count == 16)
        #expect(signatures.allSatisfy { $0 == Self.rsaSignatureOfABCHex })
    }

    // MARK: - Errors

    @Test(
        "text without a PEM private key is refused with a clear message",
        arguments: [
            "", "garbage", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
        ])
    func garbageIsRefused(pem: String) {
        #expect {
            try SigningKey(pem: pem)
        } throws: { error in
            "\(error)".contains("no PEM private key found")
        }
    }

    @Test("a damaged PEM block is refused with OpenSSL's reason")
    func damagedBlockIsRefused() {
        let damaged = "-----BEGIN PRIVATE KEY-----\nMIIBVQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n"
        #expect {
            try SigningKey(pem: damaged)
        } throws: { error in
            let description = "\(error)"
            return description.contains("loading the DKIM private key failed")
                && description.contains("not a readable private key")
        }
    }

    @Test(
        "encrypted keys are refused with instructions, without prompting",
        arguments: [
            encryptedPKCS8, encryptedPKCS1,
        ])
    func encryptedIsRefused(pem: String) {
        #expect {
            try SigningKey(pem: pem)
        } throws: { error in
            let description = "\(error)"
            return description.contains("encrypted with a passphrase") && description.contains("openssl pkey")
        }
    }

    @Test("a public key is refused as such")
    func publicKeyIsRefused() {
        let pem = """
            -----BEGIN PUBLIC KEY-----
            MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPaplIlrwIaaPcHURo=
            -----END PUBLIC KEY-----
            """
        #expect {
            try SigningKey(pem: pem)
        } throws: { error in
            "\(error)".contains("this is a public key")
        }
    }

    @Test("an EC P-256 key is refused: DKIM signs with RSA or Ed25519 only")
    func ecIsRefused() {
        #expect {
            try SigningKey(pem: Self.ecP256)
        } throws: { error in
            "\(error)".contains("neither RSA nor Ed25519")
        }
    }

    // MARK: - Key generation

    @Test("generated RSA keys are PKCS#8 PEM of the size asked for")
    func generateRSA() throws {
        let pem = try KeyGenerator.rsa(bits: 1024)
        #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        let key = try SigningKey(pem: pem)
        #expect(key.algorithm == .rsa(bits: 1024))
        #expect(try key.sign([1, 2, 3]).count == 128)
    }

    @Test("RSA keys default to 2048 bits")
    func generateDefaultRSA() throws {
        #expect(try SigningKey(pem: KeyGenerator.rsa()).algorithm == .rsa(bits: 2048))
    }

    @Test("generated Ed25519 keys are PKCS#8 PEM and differ each time")
    func generateEd25519() throws {
        let first = try SigningKey(pem: KeyGenerator.ed25519())
        let second = try SigningKey(pem: KeyGenerator.ed25519())
        #expect(first.algorithm == .ed25519)
        #expect(first.publicKeyDER().count == 32)
        #expect(first.publicKeyDER() != second.publicKeyDER())
    }

    @Test("RSA sizes outside 1024...4096 are refused", arguments: [512, 1023, 4097])
    func generateRefusesSize(bits: Int) {
        #expect {
            try KeyGenerator.rsa(bits: bits)
        } throws: { error in
            "\(error)".contains("RFC 8301")
        }
    }
}
