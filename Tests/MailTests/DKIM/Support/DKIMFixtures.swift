// DKIMFixtures: the fixture keys and signer set-ups the DKIM tests share, found beside the tests via #filePath.
import EdmCrypto
import Foundation
import Mail

/// Fixture keys (made once with the openssl CLI) and the signers built from them.
enum DKIMFixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    static let domain = "example.com"
    static let rsaSelector = "rsa2048"
    static let ed25519Selector = "ed2023"

    static func text(_ name: String) -> String {
        // Tests may trap: a missing fixture is a broken checkout.
        try! String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    static let rsaKey = try! SigningKey(pem: text("rsa2048.pem"))
    static let ed25519Key = try! SigningKey(pem: text("ed25519.pem"))

    /// Which keys a signer uses.
    enum KeySet: String, CaseIterable, CustomStringConvertible {
        case rsa, ed25519, both

        var keys: [DKIMKey] {
            let rsa = try! DKIMKey(selector: DKIMFixtures.rsaSelector, signingKey: DKIMFixtures.rsaKey)
            let ed25519 = try! DKIMKey(selector: DKIMFixtures.ed25519Selector, signingKey: DKIMFixtures.ed25519Key)
            switch self {
            case .rsa: return [rsa]
            case .ed25519: return [ed25519]
            case .both: return [rsa, ed25519]
            }
        }

        var description: String { rawValue }
    }

    static func signer(
        _ keySet: KeySet, _ canonicalization: DKIMCanonicalization = .relaxed, expiration: Int? = nil
    ) -> DKIMSigner {
        try! DKIMSigner(domain: domain, keys: keySet.keys, canonicalization: canonicalization, expiration: expiration)
    }

    /// The DNS TXT records a verifier would find for the fixture keys.
    static var records: [String: String] {
        [
            "\(rsaSelector)._domainkey.\(domain)": DKIMRecord.txt(for: rsaKey),
            "\(ed25519Selector)._domainkey.\(domain)": DKIMRecord.txt(for: ed25519Key),
        ]
    }

    /// All four `c=` combinations.
    static let canonicalizations: [DKIMCanonicalization] = DKIMCanonicalization.Algorithm.allCases.flatMap { header in
        DKIMCanonicalization.Algorithm.allCases.map { DKIMCanonicalization(header: header, body: $0) }
    }

    /// Now, for `t=`: dkimpy refuses signatures made in the future.
    static var now: Int { Int(Date().timeIntervalSince1970) }
}
