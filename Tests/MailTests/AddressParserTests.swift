// AddressParserTests: addr-spec validation tables, RFC 5321 length limits, keys and injection characters.
import Mail
import Testing

@Suite struct AddressParserTests {
    struct Valid: CustomTestStringConvertible, Sendable {
        var input: String
        var localPart: String
        var domain: String
        var smtpUTF8 = false
        var testDescription: String { input }
    }

    static let valid: [Valid] = [
        Valid(input: "user@example.com", localPart: "user", domain: "example.com"),
        Valid(input: "  User.Name+tag@Example.COM \t", localPart: "User.Name+tag", domain: "example.com"),
        Valid(input: "a!#$%&'*+-/=?^_`{|}~@example.com", localPart: "a!#$%&'*+-/=?^_`{|}~", domain: "example.com"),
        Valid(input: "\"john smith\"@example.com", localPart: "\"john smith\"", domain: "example.com"),
        Valid(input: "\"john\"@example.com", localPart: "john", domain: "example.com"),
        Valid(input: "\"a\\\"b\"@example.com", localPart: "\"a\\\"b\"", domain: "example.com"),
        Valid(input: "\"a..b\"@example.com", localPart: "\"a..b\"", domain: "example.com"),
        Valid(input: "\"a@b\"@example.com", localPart: "\"a@b\"", domain: "example.com"),
        Valid(input: "\"\\j\\o\\e\"@example.com", localPart: "joe", domain: "example.com"),
        Valid(input: "user@a-b.c-d.example", localPart: "user", domain: "a-b.c-d.example"),
        Valid(input: "user@123.example", localPart: "user", domain: "123.example"),
        Valid(input: "user@sub.domain.example.co.uk", localPart: "user", domain: "sub.domain.example.co.uk"),
        Valid(input: "用户@例子.广告", localPart: "用户", domain: "xn--fsqu00a.xn--4rr70v", smtpUTF8: true),
        Valid(input: "user@例子.广告", localPart: "user", domain: "xn--fsqu00a.xn--4rr70v"),
        Valid(input: "user@例子。广告", localPart: "user", domain: "xn--fsqu00a.xn--4rr70v"),
        Valid(input: "user@bücher.de", localPart: "user", domain: "xn--bcher-kva.de"),
        Valid(input: "user@BÜCHER.DE", localPart: "user", domain: "xn--bcher-kva.de"),
        Valid(input: "user@XN--BCHER-KVA.de", localPart: "user", domain: "xn--bcher-kva.de"),
        Valid(input: "josé@example.com", localPart: "josé", domain: "example.com", smtpUTF8: true),
        Valid(input: "θσερ@παράδειγμα.δοκιμή", localPart: "θσερ", domain: "xn--hxajbheg2az3al.xn--jxalpdlp",
              smtpUTF8: true),
    ]

    @Test("valid addresses parse and normalise", arguments: valid)
    func validAddress(_ case_: Valid) throws {
        let address = try AddressParser.parse(case_.input)
        #expect(address.localPart == case_.localPart)
        #expect(address.domain == case_.domain)
        #expect(address.needsSMTPUTF8 == case_.smtpUTF8)
        #expect(address.wireForm == case_.localPart + "@" + case_.domain)
    }

    struct Invalid: CustomTestStringConvertible, Sendable {
        var input: String
        var code: String
        var testDescription: String { input.debugDescription + " → " + code }
    }

    static let invalid: [Invalid] = [
        Invalid(input: "", code: "empty"),
        Invalid(input: " \t ", code: "empty"),
        Invalid(input: "userexample.com", code: "missing-at"),
        Invalid(input: "john smith", code: "missing-at"),
        Invalid(input: "\"quoted\"", code: "missing-at"),
        Invalid(input: "@example.com", code: "empty-local-part"),
        Invalid(input: "\"\"@example.com", code: "empty-local-part"),
        Invalid(input: "user@", code: "empty-domain"),
        Invalid(input: "us er@example.com", code: "invalid-character"),
        Invalid(input: "us(er@example.com", code: "invalid-character"),
        Invalid(input: "a@b@example.com", code: "invalid-character"),
        Invalid(input: "user@exa_mple.com", code: "invalid-character"),
        Invalid(input: "user@exa mple.com", code: "invalid-character"),
        Invalid(input: "\"a\"b@example.com", code: "invalid-character"),
        Invalid(input: ".user@example.com", code: "invalid-dot"),
        Invalid(input: "user.@example.com", code: "invalid-dot"),
        Invalid(input: "us..er@example.com", code: "invalid-dot"),
        Invalid(input: "\"unterminated@example.com", code: "unterminated-quoted-string"),
        Invalid(input: "user@example", code: "single-label-domain"),
        Invalid(input: "user@localhost", code: "single-label-domain"),
        Invalid(input: "user@-example.com", code: "invalid-domain-label"),
        Invalid(input: "user@example-.com", code: "invalid-domain-label"),
        Invalid(input: "user@example..com", code: "invalid-domain-label"),
        Invalid(input: "user@.example.com", code: "invalid-domain-label"),
        Invalid(input: "user@example.com.", code: "invalid-domain-label"),
        Invalid(input: "user@192.0.2.1", code: "invalid-domain-label"),
        Invalid(input: "user@例子..广告", code: "invalid-domain-label"),
        Invalid(input: "user@[192.0.2.1]", code: "ip-literal-not-allowed"),
        Invalid(input: "user@[IPv6:2001:db8::1]", code: "ip-literal-not-allowed"),
        Invalid(input: "user@😀.com", code: "invalid-idn"),
        Invalid(input: "user@xn--ls8h.com", code: "invalid-idn"),
        Invalid(input: "user@xn--a.com", code: "invalid-idn"),
        Invalid(input: "user@xn--bcher-kva9.de", code: "invalid-idn"),
        Invalid(input: "user@ｅｘａｍｐｌｅ.com", code: "invalid-idn"),
        Invalid(input: "user@\u{301}a.com", code: "invalid-idn"),
        Invalid(input: "user@a\u{200D}b.com", code: "invalid-idn"),
        Invalid(input: "user@例子.广告.", code: "invalid-domain-label"),
    ]

    @Test("invalid addresses fail with a stable code", arguments: invalid)
    func invalidAddress(_ case_: Invalid) {
        #expect(throws: AddressError.self) { try AddressParser.parse(case_.input) }
        do {
            _ = try AddressParser.parse(case_.input)
        } catch {
            #expect(error.code == case_.code, "\(error)")
            #expect(!error.message.isEmpty)
        }
    }

    static let injections = ["\r", "\n", "\r\n", "\0", "\u{7F}", "\u{85}", "\u{2028}", "\u{1B}", "\t"]

    @Test("control characters anywhere are refused", arguments: injections)
    func controlCharacters(_ control: String) {
        for text in [
            "user\(control)@example.com", "user@example.com\(control)Bcc: victim@example.net",
            "user@exa\(control)mple.com", "\"us\(control)er\"@example.com",
        ] {
            #expect(throws: AddressError(.controlCharacter, "the address contains a control character")) {
                try AddressParser.parse(text)
            }
        }
    }

    // MARK: - RFC 5321 §4.5.3.1 limits

    /// A domain of exactly `length` octets made of 63-octet labels, ending in ".com".
    static func domain(length: Int) -> String {
        var labels: [String] = []
        var remaining = length - 4
        while remaining > 0 {
            let separator = labels.isEmpty ? 0 : 1
            var size = min(63, remaining - separator)
            if remaining - separator - size == 1 { size -= 1 }     // never leave room for a lone dot
            labels.append(String(repeating: "a", count: size))
            remaining -= size + separator
        }
        return labels.joined(separator: ".") + ".com"
    }

    @Test("local part of 64 octets is accepted, 65 refused")
    func localPartLimit() throws {
        let sixtyFour = String(repeating: "a", count: 64)
        #expect(try AddressParser.parse(sixtyFour + "@example.com").localPart == sixtyFour)
        #expect(throws: AddressError.self) { try AddressParser.parse(sixtyFour + "a@example.com") }
        do {
            _ = try AddressParser.parse(sixtyFour + "a@example.com")
        } catch {
            #expect(error.code == "local-part-too-long")
        }
        let quoted = "\"" + String(repeating: "a b", count: 20) + "\""     // 62 octets with quotes
        #expect(try AddressParser.parse(quoted + "@example.com").localPart == quoted)
    }

    @Test("label of 63 octets is accepted, 64 refused")
    func labelLimit() throws {
        let label63 = String(repeating: "b", count: 63)
        #expect(try AddressParser.parse("u@\(label63).com").domain == "\(label63).com")
        do {
            _ = try AddressParser.parse("u@\(label63)b.com")
            Issue.record("64-octet label accepted")
        } catch {
            #expect(error.code == "invalid-domain-label")
        }
    }

    @Test("whole address of 254 octets is accepted, 255 refused")
    func addressLimit() throws {
        let local = String(repeating: "l", count: 64)
        let domain189 = Self.domain(length: 189)
        let domain190 = Self.domain(length: 190)
        #expect(domain189.utf8.count == 189 && domain190.utf8.count == 190)
        let ok = try AddressParser.parse(local + "@" + domain189)
        #expect(ok.wireForm.utf8.count == 254)
        do {
            _ = try AddressParser.parse(local + "@" + domain190)
            Issue.record("255-octet address accepted")
        } catch {
            #expect(error.code == "address-too-long")
        }
    }

    @Test("domain of 255 octets passes the domain limit, 256 is domain-too-long")
    func domainLimit() {
        let domain255 = Self.domain(length: 255)
        let domain256 = Self.domain(length: 256)
        #expect(domain255.utf8.count == 255 && domain256.utf8.count == 256)
        do {
            _ = try AddressParser.parse("a@" + domain255)
            Issue.record("257-octet address accepted")
        } catch {
            #expect(error.code == "address-too-long")
        }
        do {
            _ = try AddressParser.parse("a@" + domain256)
            Issue.record("256-octet domain accepted")
        } catch {
            #expect(error.code == "domain-too-long")
        }
    }

    // MARK: - IP literals (opt-in)

    @Test("IP literals are accepted only when allowed")
    func ipLiterals() throws {
        let options = AddressOptions(allowIPLiterals: true)
        #expect(try AddressParser.parse("user@[192.0.2.1]", options: options).domain == "[192.0.2.1]")
        #expect(try AddressParser.parse("user@[ipv6:2001:DB8::1]", options: options).domain == "[IPv6:2001:db8::1]")
        #expect(try AddressParser.parse("u@[IPv6:::ffff:192.0.2.1]", options: options).isIPLiteral)
        #expect(try AddressParser.parse("u@[IPv6:1:2:3:4:5:6:7:8]", options: options).isIPLiteral)
        for bad in ["u@[999.0.0.1]", "u@[1.2.3]", "u@[01.2.3.4]", "u@[IPv6:1::2::3]", "u@[IPv6:12345::1]",
                    "u@[IPv6:1:2:3:4:5:6:7]", "u@[tag:stuff]", "u@[192.0.2.1"] {
            do {
                _ = try AddressParser.parse(bad, options: options)
                Issue.record("\(bad) accepted")
            } catch {
                #expect(error.code == "invalid-ip-literal", "\(bad): \(error)")
            }
        }
    }

    // MARK: - Normalisation and keys

    @Test("non-ASCII local parts are normalised to NFC")
    func localPartNFC() throws {
        let decomposed = try AddressParser.parse("jose\u{301}@example.com")
        #expect(Array(decomposed.localPart.unicodeScalars) == Array("jos\u{E9}".unicodeScalars))
        #expect(decomposed.needsSMTPUTF8)
    }

    @Test("recipient keys fold case unless the local part is case-sensitive")
    func keys() throws {
        let address = try AddressParser.parse("  John.Smith@Example.COM ")
        #expect(address.key() == "john.smith@example.com")
        #expect(address.key(caseSensitiveLocalPart: true) == "John.Smith@example.com")
        #expect(address.key(options: AddressOptions(caseSensitiveLocalPart: true)) == "John.Smith@example.com")
        #expect(try AddressParser.parse("JOHN@例子.广告").key() == "john@xn--fsqu00a.xn--4rr70v")
        #expect(try AddressParser.parse("ÜNÏCODE@x.com").key() == "ünïcode@x.com")
        #expect(try AddressParser.parse("\"John Smith\"@x.com").key() == "\"john smith\"@x.com")
        let a = try AddressParser.parse("USER@BÜCHER.de")
        let b = try AddressParser.parse("user@xn--bcher-kva.DE")
        #expect(a.key() == b.key())
        #expect(b.unicodeDomain == "bücher.de")
    }

    @Test("every error code is distinct and kebab-case")
    func errorCodes() {
        let codes = AddressError.Kind.allCases.map(\.code)
        #expect(Set(codes).count == codes.count)
        for code in codes {
            #expect(code.allSatisfy { $0.isLowercase || $0 == "-" })
        }
        let error = AddressError(.missingAt, "the address has no '@'")
        #expect(error.description == "missing-at: the address has no '@'")
    }
}
