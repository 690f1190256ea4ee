// DKIMSetup: loads the campaign's DKIM keys once and builds the signer every message shares.
import EdmCrypto
import Foundation
import Mail

/// The signer for a campaign's `[dkim]` section, with the problems found while loading keys.
public enum DKIMSetup {
    /// Loads each key file (refusing group- or world-readable ones, RSA under 1024 bits, and a key whose type
    /// differs from the configured algorithm) and returns the signer plus warnings (RSA under 2048 bits).
    /// - Throws: `CampaignFailure` (configuration, exit 78) naming the key file at fault.
    public static func signer(for campaign: Campaign) throws -> (DKIMSigner, [Diagnostic])? {
        guard let settings = campaign.dkim else { return nil }
        var keys: [DKIMKey] = []
        var warnings: [Diagnostic] = []
        func failure(_ message: String) -> CampaignFailure {
            CampaignFailure(category: .configuration, diagnostics: [
                Diagnostic(.error, file: campaign.file, line: 0, column: 0, message: message),
            ])
        }
        for keySettings in settings.keys {
            if let problem = SecretSource.checkPermissions(keySettings.keyFile) { throw failure("DKIM key: \(problem)") }
            let bytes = try FileError.readSmallFile(keySettings.keyFile, role: "DKIM key", limit: 1 << 20)
            let signingKey: SigningKey
            do {
                signingKey = try SigningKey(pem: String(decoding: bytes, as: UTF8.self))
            } catch {
                throw failure("DKIM key '\(keySettings.keyFile)' cannot be loaded: \(error)")
            }
            if case .rsa(let bits) = signingKey.algorithm, bits < 2048 {
                warnings.append(Diagnostic(
                    .warning, file: campaign.file, line: 0, column: 0,
                    message: "DKIM key '\(keySettings.keyFile)' is RSA-\(bits); use 2048 bits or more (RFC 8301 §3.2)"))
            }
            do {
                let key = try DKIMKey(selector: keySettings.selector, signingKey: signingKey)
                guard key.algorithmName == keySettings.algorithm else {
                    throw failure("DKIM key '\(keySettings.keyFile)' is \(key.algorithmName), but the campaign says algorithm = \"\(keySettings.algorithm)\"")
                }
                keys.append(key)
            } catch let error as DKIMError {
                throw failure("DKIM key '\(keySettings.keyFile)': \(error)")
            }
        }
        guard let canonicalization = DKIMCanonicalization(settings.canonicalization) else {
            throw failure("unknown DKIM canonicalization \(settings.canonicalization)")
        }
        do {
            let signer = try DKIMSigner(
                domain: settings.domain, keys: keys, canonicalization: canonicalization,
                extraHeaders: settings.extraHeaders, expiration: settings.expire.map { Int($0.seconds) })
            return (signer, warnings)
        } catch {
            throw failure("[dkim]: \(error)")
        }
    }

    /// Whether the From domain aligns with `d=` (DMARC relaxed alignment, RFC 7489 §3.1.1: the same
    /// organisational domain; approximated here as equal or a subdomain).
    public static func aligns(fromDomain: String, signingDomain: String) -> Bool {
        let from = fromDomain.lowercased()
        let signing = signingDomain.lowercased()
        return from == signing || from.hasSuffix("." + signing) || signing.hasSuffix("." + from)
    }
}
