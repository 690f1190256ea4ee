// DKIMVerificationTests: dkimpy verifies every signed sample and relay re-folding, and rejects any tampering.
import Foundation
import Mail
import Testing

@Suite struct DKIMVerificationTests {
    typealias KeySet = DKIMFixtures.KeySet

    /// Signs every sample with every key set and canonicalisation, returning labelled messages.
    private func signedSamples(
        canonicalizations: [DKIMCanonicalization] = DKIMFixtures.canonicalizations
    ) throws -> [(label: String, keySet: KeySet, bytes: [UInt8])] {
        var signed: [(String, KeySet, [UInt8])] = []
        let now = DKIMFixtures.now
        for keySet in KeySet.allCases {
            for canonicalization in canonicalizations {
                let signer = DKIMFixtures.signer(keySet, canonicalization, expiration: 3600)
                for sample in DKIMSampleMessages.all {
                    let label = "\(sample.name) [\(keySet), \(canonicalization)]"
                    signed.append((label, keySet, try signer.sign(sample.bytes, timestamp: now)))
                }
            }
        }
        return signed
    }

    @Test("every sample verifies with dkimpy: RSA-2048, Ed25519 and both, all four canonicalisations")
    func samplesVerify() throws {
        let signed = try signedSamples()
        let verdicts = try DKIMPy.verify(signed.map(\.bytes))
        for (message, verdict) in zip(signed, verdicts) {
            #expect(verdict.passed, "\(message.label): \(verdict)")
            #expect(verdict.signatures == message.keySet.keys.count, "\(message.label): \(verdict)")
        }
    }

    @Test("relaxed/relaxed signatures survive a relay that re-folds headers and re-spaces the body")
    func relayRewriteKeepsRelaxedValid() throws {
        let relaxed = try signedSamples(canonicalizations: [.relaxed])
        let simple = try signedSamples(canonicalizations: [DKIMCanonicalization(header: .simple, body: .simple)])
        let rewritten = (relaxed + simple).map { (label: $0.label, bytes: RelayRewriter.rewrite($0.bytes)) }
        #expect(zip(rewritten, relaxed + simple).allSatisfy { $0.bytes != $1.bytes })
        let verdicts = try DKIMPy.verify(rewritten.map(\.bytes))
        for (message, verdict) in zip(rewritten.prefix(relaxed.count), verdicts) {
            #expect(verdict.passed, "\(message.label): \(verdict)")
        }
        // The same rewriting must break simple/simple, or the test would prove nothing.
        for (message, verdict) in zip(rewritten.dropFirst(relaxed.count), verdicts.dropFirst(relaxed.count)) {
            #expect(!verdict.passed, "\(message.label) should fail after rewriting: \(verdict)")
        }
    }

    // MARK: - Tampering

    /// Changes to a signed message, each of which must break every signature.
    static let tamperings: [(name: String, change: @Sendable (String) -> String)] = [
        ("Subject changed", { $0.replacingFirst("Your November newsletter", with: "Your November Newsletter") }),
        ("From display name changed", { $0.replacingFirst("\"Example News\"", with: "\"Example Newz\"") }),
        ("From address changed", { $0.replacingFirst("<news@example.com>", with: "<news@example.net>") }),
        ("To changed", { $0.replacingFirst("alice@example.org", with: "alice@example.net") }),
        ("Date changed", { $0.replacingFirst("22:13:20 +0000", with: "22:13:21 +0000") }),
        ("Message-ID changed", { $0.replacingFirst("abc123@example.com>", with: "abc124@example.com>") }),
        ("MIME-Version changed", { $0.replacingFirst("MIME-Version: 1.0", with: "MIME-Version: 1.1") }),
        ("Content-Type changed", { $0.replacingFirst("charset=utf-8", with: "charset=utf-16") }),
        ("Reply-To changed", { $0.replacingFirst("support@example.com", with: "support@evil.example") }),
        ("List-Unsubscribe changed", { $0.replacingFirst("unsubscribe/abc123", with: "unsubscribe/abc124") }),
        ("List-Unsubscribe-Post changed", { $0.replacingFirst("=One-Click", with: "=One-Klick") }),
        ("Reply-To removed", { $0.replacingFirst("Reply-To: support@example.com\r\n", with: "") }),
        ("second From on top", { $0.addingFieldOnTop("From: boss@example.com") }),
        ("second From at the bottom", { $0.addingFieldAtEnd("From: boss@example.com") }),
        ("second Subject on top", { $0.addingFieldOnTop("Subject: Act now") }),
        ("second Subject at the bottom", { $0.addingFieldAtEnd("Subject: Act now") }),
        ("body word changed", { $0.replacingFirst("This is the newsletter.", with: "This is the newsletter!") }),
        ("body line appended", { $0 + "Click here: https://evil.example/\r\n" }),
        ("body line removed", { $0.replacingFirst("Hello Alice,\r\n", with: "") }),
        ("body space inserted in a word", { $0.replacingFirst("newsletter.", with: "news letter.") }),
    ]

    @Test("any change to a signed field or the body breaks every signature")
    func tamperingFails() throws {
        var labels: [String] = []
        var messages: [[UInt8]] = []
        let now = DKIMFixtures.now
        let canonicalizations = [DKIMCanonicalization.relaxed, DKIMCanonicalization(header: .simple, body: .simple)]
        for keySet in KeySet.allCases {
            for canonicalization in canonicalizations {
                let signer = DKIMFixtures.signer(keySet, canonicalization)
                let bytes = try signer.sign(DKIMSampleMessages.all[0].bytes, timestamp: now)
                let signed = String(decoding: bytes, as: UTF8.self)
                for tampering in Self.tamperings {
                    let changed = tampering.change(signed)
                    #expect(changed != signed, "\(tampering.name) changed nothing")
                    labels.append("\(tampering.name) [\(keySet), \(canonicalization)]")
                    messages.append(Array(changed.utf8))
                }
                // Controls: the untouched message, and one with an unsigned field added, must still verify.
                labels.append("control [\(keySet), \(canonicalization)]")
                messages.append(Array(signed.utf8))
                labels.append("unsigned field added [\(keySet), \(canonicalization)]")
                messages.append(Array(signed.addingFieldAtEnd("X-Mailer: relay 1.0").utf8))
            }
        }
        let verdicts = try DKIMPy.verify(messages)
        for (label, verdict) in zip(labels, verdicts) {
            let isControl = label.hasPrefix("control") || label.hasPrefix("unsigned field added")
            #expect(verdict.passed == isControl, "\(label): \(verdict)")
        }
    }
}

/// Rewrites a message the way relays legitimately may: unfold and re-fold header fields, change header name
/// case and whitespace, add trace fields above and below, and re-space the body. RFC 6376 §3.4.2 and §3.4.4
/// make all of this invisible to relaxed canonicalisation.
enum RelayRewriter {
    static func rewrite(_ message: [UInt8]) -> [UInt8] {
        // ISO 8859-1 maps every byte to one character and back, so 8-bit and UTF-8 content survive untouched.
        let text = String(data: Data(message), encoding: .isoLatin1) ?? ""
        let split = text.range(of: "\r\n\r\n")
        let header = split.map { String(text[..<$0.lowerBound]) + "\r\n" } ?? text
        let body = split.map { String(text[$0.upperBound...]) }
        // Unfold, then treat each field.
        let fields = header.replacingOccurrences(of: "\r\n ", with: " ")
            .replacingOccurrences(of: "\r\n\t", with: "\t")
            .components(separatedBy: "\r\n").filter { !$0.isEmpty }
        var out = ["Received: from relay.example.net by mx.example.org; Tue, 14 Nov 2023 22:13:21 +0000"]
        for field in fields {
            guard let colon = field.firstIndex(of: ":") else { continue }
            let name = field[..<colon].uppercased()
            var value = field[field.index(after: colon)...].replacingOccurrences(of: " ", with: " \t ")
            // Fold again at the first space past column 30.
            if value.count > 40, let space = value.dropFirst(30).firstIndex(of: " ") {
                value.replaceSubrange(space...space, with: "\r\n\t")
            }
            out.append("\(name):\(value)  ")
        }
        out.append("X-Relay-Scanned: yes")
        var rewritten = out.joined(separator: "\r\n") + "\r\n"
        if let body {
            let lines = body.components(separatedBy: "\r\n").map {
                $0.replacingOccurrences(of: " ", with: "  ") + " \t"
            }
            rewritten += "\r\n" + lines.joined(separator: "\r\n") + "\r\n\r\n"
        }
        return Array(rewritten.data(using: .isoLatin1) ?? Data())
    }
}

extension String {
    fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }

    /// Adds a header field just above the original first field (below the DKIM-Signature fields).
    fileprivate func addingFieldOnTop(_ field: String) -> String {
        replacingFirst("From: \"Example", with: "\(field)\r\nFrom: \"Example")
    }

    /// Adds a header field just before the empty line that ends the header section.
    fileprivate func addingFieldAtEnd(_ field: String) -> String {
        replacingFirst("\r\n\r\n", with: "\r\n\(field)\r\n\r\n")
    }
}
