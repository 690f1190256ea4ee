// RelayEndpoint: one [[smtp.relay]] turned into what the SMTP client needs: configuration, TLS context, secrets.
import EdmCrypto
import Foundation
import SMTP

/// A relay ready to connect to. The TLS context (`SSL_CTX`) is built once and shared by every connection.
public struct RelayEndpoint: Sendable {
    public let settings: RelaySettings
    public let configuration: SMTPConfiguration
    public let tlsContext: TLSContext?

    /// "host:port", for messages and the journal.
    public var name: String { "\(settings.host):\(settings.port)" }

    /// Resolves the relay's secrets and builds its TLS context.
    /// - Throws: `CampaignFailure` (configuration, exit 78) naming the relay and what is wrong; the secret's
    ///   value never appears in it.
    public init(settings: RelaySettings, smtp: SMTPSettings, environment: [String: String], file: String) throws {
        self.settings = settings
        func failure(_ message: String) -> CampaignFailure {
            CampaignFailure(category: .configuration, diagnostics: [
                Diagnostic(.error, file: file, line: 0, column: 0, message: "relay \(settings.host):\(settings.port): \(message)"),
            ])
        }
        var credentials: Credentials?
        if let username = settings.username {
            do {
                if let token = settings.oauthToken {
                    credentials = .oauth2(user: username, accessToken: try token.resolve(environment: environment).value)
                } else if let password = settings.password {
                    credentials = .password(user: username, password: try password.resolve(environment: environment).value)
                }
            } catch {
                throw failure("\(error)")
            }
        }
        var tls = TLSConfiguration()
        if let caFile = settings.caFile { tls.trustRoots = .file(caFile) }
        if settings.insecureSkipVerify { tls.verification = .dangerousNone }
        if let certificate = settings.clientCertificateFile, let key = settings.clientKeyFile {
            tls.clientCertificate = .init(chainFile: certificate, privateKeyFile: key)
        }
        let policy: TLSPolicy = switch settings.tls {
        case .starttls: .required
        case .implicit: .implicit
        case .insecurePlaintext: .dangerousPlaintext
        }
        let mechanism: AuthMechanism? = switch settings.auth {
        case "plain": .plain
        case "login": .login
        case "xoauth2": .xoauth2
        default: nil
        }
        let timeouts = smtp.timeouts
        func duration(_ value: ConfigDuration) -> Duration { .milliseconds(Int(value.seconds * 1000)) }
        configuration = SMTPConfiguration(
            host: settings.host, port: settings.port, tlsPolicy: policy, tlsServerName: settings.tlsServerName,
            tls: tls, credentials: credentials, authMechanism: mechanism,
            clientName: smtp.heloName ?? Self.hostName(),
            timeouts: SMTPTimeouts(
                connect: duration(timeouts.connect), greeting: duration(timeouts.greeting),
                mail: duration(timeouts.mail), recipient: duration(timeouts.rcpt),
                dataInitiation: duration(timeouts.dataInit), dataBlock: duration(timeouts.dataBlock),
                dataTermination: duration(timeouts.dataEnd)),
            insecureAllowPlaintextAuthToLoopback: settings.insecureAuthOverPlaintext)
        if policy == .dangerousPlaintext {
            tlsContext = nil
        } else {
            do {
                tlsContext = try TLSContext(configuration: tls)
            } catch {
                throw failure("cannot set up TLS: \(error)")
            }
        }
    }

    /// Warnings to print on every run for settings that weaken security (DESIGN.md invariant 4).
    public var insecurityWarnings: [String] {
        var warnings: [String] = []
        if settings.insecureSkipVerify {
            warnings.append("relay \(name): insecure_skip_verify is set: the relay's certificate is NOT verified; anyone on the path can read and change this mail")
        }
        if settings.tls == .insecurePlaintext {
            warnings.append("relay \(name): tls = \"insecure-plaintext\": mail and any credentials travel unencrypted")
        }
        return warnings
    }

    /// This machine's name for EHLO (RFC 5321 §4.1.1.1 wants the FQDN); "localhost" if it cannot be found.
    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "localhost" : name
    }
}
