// PunycodeTests: RFC 3492 §7.1 sample strings and IDNA conversions (RFC 5891).
import Mail
import Testing

@Suite struct PunycodeTests {
    struct Sample: CustomTestStringConvertible, Sendable {
        var name: String
        var codePoints: [UInt32]
        var punycode: String
        var testDescription: String { name }
        var unicode: String {
            var scalars = String.UnicodeScalarView()
            for value in codePoints { if let scalar = Unicode.Scalar(value) { scalars.append(scalar) } }
            return String(scalars)
        }
    }

    // RFC 3492 §7.1, code points as listed there (mixed-case annotations dropped, as the RFC allows).
    static let samples: [Sample] = [
        Sample(name: "(A) Arabic (Egyptian)", codePoints: [
            0x0644, 0x064A, 0x0647, 0x0645, 0x0627, 0x0628, 0x062A, 0x0643, 0x0644, 0x0645, 0x0648, 0x0634,
            0x0639, 0x0631, 0x0628, 0x064A, 0x061F,
        ], punycode: "egbpdaj6bu4bxfgehfvwxn"),
        Sample(name: "(B) Chinese (simplified)", codePoints: [
            0x4ED6, 0x4EEC, 0x4E3A, 0x4EC0, 0x4E48, 0x4E0D, 0x8BF4, 0x4E2D, 0x6587,
        ], punycode: "ihqwcrb4cv8a8dqg056pqjye"),
        Sample(name: "(C) Chinese (traditional)", codePoints: [
            0x4ED6, 0x5011, 0x7232, 0x4EC0, 0x9EBD, 0x4E0D, 0x8AAA, 0x4E2D, 0x6587,
        ], punycode: "ihqwctvzc91f659drss3x8bo0yb"),
        Sample(name: "(D) Czech", codePoints: [
            0x0050, 0x0072, 0x006F, 0x010D, 0x0070, 0x0072, 0x006F, 0x0073, 0x0074, 0x011B, 0x006E, 0x0065,
            0x006D, 0x006C, 0x0075, 0x0076, 0x00ED, 0x010D, 0x0065, 0x0073, 0x006B, 0x0079,
        ], punycode: "Proprostnemluvesky-uyb24dma41a"),
        Sample(name: "(E) Hebrew", codePoints: [
            0x05DC, 0x05DE, 0x05D4, 0x05D4, 0x05DD, 0x05E4, 0x05E9, 0x05D5, 0x05D8, 0x05DC, 0x05D0, 0x05DE,
            0x05D3, 0x05D1, 0x05E8, 0x05D9, 0x05DD, 0x05E2, 0x05D1, 0x05E8, 0x05D9, 0x05EA,
        ], punycode: "4dbcagdahymbxekheh6e0a7fei0b"),
        Sample(name: "(G) Japanese (kanji and hiragana)", codePoints: [
            0x306A, 0x305C, 0x307F, 0x3093, 0x306A, 0x65E5, 0x672C, 0x8A9E, 0x3092, 0x8A71, 0x3057, 0x3066,
            0x304F, 0x308C, 0x306A, 0x3044, 0x306E, 0x304B,
        ], punycode: "n8jok5ay5dzabd5bym9f0cm5685rrjetr6pdxa"),
        Sample(name: "(J) Spanish", codePoints: [
            0x0050, 0x006F, 0x0072, 0x0071, 0x0075, 0x00E9, 0x006E, 0x006F, 0x0070, 0x0075, 0x0065, 0x0064,
            0x0065, 0x006E, 0x0073, 0x0069, 0x006D, 0x0070, 0x006C, 0x0065, 0x006D, 0x0065, 0x006E, 0x0074,
            0x0065, 0x0068, 0x0061, 0x0062, 0x006C, 0x0061, 0x0072, 0x0065, 0x006E, 0x0045, 0x0073, 0x0070,
            0x0061, 0x00F1, 0x006F, 0x006C,
        ], punycode: "PorqunopuedensimplementehablarenEspaol-fmd56a"),
        Sample(name: "(L) 3<nen>B<gumi><kinpachi><sensei>", codePoints: [
            0x0033, 0x5E74, 0x0042, 0x7D44, 0x91D1, 0x516B, 0x5148, 0x751F,
        ], punycode: "3B-ww4c5e180e575a65lsy2b"),
        Sample(name: "(M) <amuro><namie>-with-SUPER-MONKEYS", codePoints: [
            0x5B89, 0x5BA4, 0x5948, 0x7F8E, 0x6075, 0x002D, 0x0077, 0x0069, 0x0074, 0x0068, 0x002D, 0x0053,
            0x0055, 0x0050, 0x0045, 0x0052, 0x002D, 0x004D, 0x004F, 0x004E, 0x004B, 0x0045, 0x0059, 0x0053,
        ], punycode: "-with-SUPER-MONKEYS-pc58ag80a8qai00g7n9n"),
        Sample(name: "(N) Hello-Another-Way-<sorezore><no><basho>", codePoints: [
            0x0048, 0x0065, 0x006C, 0x006C, 0x006F, 0x002D, 0x0041, 0x006E, 0x006F, 0x0074, 0x0068, 0x0065,
            0x0072, 0x002D, 0x0057, 0x0061, 0x0079, 0x002D, 0x305D, 0x308C, 0x305E, 0x308C, 0x306E, 0x5834,
            0x6240,
        ], punycode: "Hello-Another-Way--fc4qua05auwb3674vfr0b"),
        Sample(name: "(P) Maji<de>Koi<suru>5<byou><mae>", codePoints: [
            0x004D, 0x0061, 0x006A, 0x0069, 0x3067, 0x004B, 0x006F, 0x0069, 0x3059, 0x308B, 0x0035, 0x79D2,
            0x524D,
        ], punycode: "MajiKoi5-783gue6qz075azm5e"),
        Sample(name: "(Q) <pafii>de<runba>", codePoints: [
            0x30D1, 0x30D5, 0x30A3, 0x30FC, 0x0064, 0x0065, 0x30EB, 0x30F3, 0x30D0,
        ], punycode: "de-jg4avhby1noc0d"),
        Sample(name: "(R) <sono><supiido><de>", codePoints: [
            0x305D, 0x306E, 0x30B9, 0x30D4, 0x30FC, 0x30C9, 0x3067,
        ], punycode: "d9juau41awczczp"),
        Sample(name: "(S) -> $1.00 <-", codePoints: [
            0x002D, 0x003E, 0x0020, 0x0024, 0x0031, 0x002E, 0x0030, 0x0030, 0x0020, 0x003C, 0x002D,
        ], punycode: "-> $1.00 <--"),
    ]

    @Test("RFC 3492 §7.1 samples encode exactly", arguments: samples)
    func encode(_ sample: Sample) {
        #expect(Punycode.encode(sample.unicode) == sample.punycode)
    }

    @Test("RFC 3492 §7.1 samples decode exactly", arguments: samples)
    func decode(_ sample: Sample) {
        let decoded = Punycode.decode(sample.punycode)
        #expect(decoded.map { Array($0.unicodeScalars) } == Array(sample.unicode.unicodeScalars))
    }

    @Test("digits decode in either case; malformed input is refused")
    func decodeEdgeCases() {
        #expect(Punycode.decode("IHQWCRB4CV8A8DQG056PQJYE") == "他们为什么不说中文")
        #expect(Punycode.decode("bcher-kva9") == nil)          // ends inside a variable-length integer
        #expect(Punycode.decode("ab$c") == nil)
        #expect(Punycode.decode("中文") == nil)
        #expect(Punycode.decode("99999999999999999999") == nil)   // overflow
        #expect(Punycode.decode("-abc") == nil)
        #expect(Punycode.encode("") == "")
        #expect(Punycode.decode("") == "")
    }

    @Test("IDNA toASCII maps case and NFC, then encodes each label")
    func toASCII() throws {
        #expect(try IDNA.toASCII("例子.广告") == "xn--fsqu00a.xn--4rr70v")
        #expect(try IDNA.toASCII("Bücher.DE") == "xn--bcher-kva.de")
        #expect(try IDNA.toASCII("Bu\u{308}cher.de") == "xn--bcher-kva.de")      // NFC first
        #expect(try IDNA.toASCII("例子．广告") == "xn--fsqu00a.xn--4rr70v")       // U+FF0E full stop
        #expect(try IDNA.toASCII("straße.de") == "xn--strae-oqa.de")            // ß is PVALID (RFC 5892)
        #expect(try IDNA.toASCII("Example.COM") == "example.com")
        // The issue text gave xn--3lr804guic for 广告, but that label is 卷筒纸; 广告 is xn--4rr70v
        // (checked against Python's punycode codec).
        #expect(try IDNA.toASCII("例子.卷筒纸") == "xn--fsqu00a.xn--3lr804guic")
        for bad in ["😀.com", "a\u{2063}b.com", "ab--c中.com", "-中.com", "中-.com", "例子", "a..com"] {
            #expect(throws: AddressError.self, "\(bad)") { try IDNA.toASCII(bad) }
        }
    }

    @Test("IDNA toUnicode decodes A-labels and keeps anything else")
    func toUnicode() {
        #expect(IDNA.toUnicode("xn--fsqu00a.xn--4rr70v") == "例子.广告")
        #expect(IDNA.toUnicode("mail.XN--BCHER-KVA.de") == "mail.bücher.de")
        #expect(IDNA.toUnicode("xn--bcher-kva9.de") == "xn--bcher-kva9.de")
        #expect(IDNA.toUnicode("example.com") == "example.com")
    }

    @Test("the brief's example: 用户@例子.广告")
    func chineseAddress() throws {
        let address = try AddressParser.parse("用户@例子.广告")
        #expect(address.domain == "xn--fsqu00a.xn--4rr70v")
        #expect(address.unicodeDomain == "例子.广告")
        #expect(address.localPart == "用户")
        #expect(address.needsSMTPUTF8)
    }
}
