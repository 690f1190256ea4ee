// edm dkim: make DKIM keys, check a campaign's key against its published DNS record, and time signing.
import Campaign
import EdmCrypto
import Foundation
import Mail

extension EdmCommand {
    /// `edm dkim keygen`, `edm dkim check` and `edm dkim bench`.
    struct DKIM: Command {
        static let configuration = CommandConfiguration(
            name: "dkim",
            abstract: "Make DKIM keys and check them against DNS.",
            usage: "dkim keygen --domain <domain> --selector <name> [--type rsa|ed25519] [--bits <n>] [--out <dir>]\n"
                + "       edm dkim check <campaign.toml> [--txt <record>]\n"
                + "       edm dkim bench [--type rsa|ed25519|both] [--seconds <n>]",
            discussion: """
                keygen writes <selector>.<domain>.pem (mode 0600, never overwritten) and prints the DNS TXT
                record to publish at <selector>._domainkey.<domain>.
                check loads the campaign's keys, looks up each selector's TXT record (or uses --txt), and
                confirms the published key matches and that d= aligns with the From domain. Exit 0 when all
                match, 78 when a key or record is wrong, 69 when DNS cannot be reached.
                bench makes a throwaway key in memory (RSA-2048, Ed25519 or both; nothing is written), signs a
                ~5 KB sample message with it on one thread for --seconds (default 3), as a campaign send signs
                each message (body hash, header canonicalisation, signature), and prints signatures/s per key
                type. bench/dkim sets these beside openssl speed.
                """,
            arguments: [ArgumentSpec("keygen|check|bench", help: "What to do.")],
            options: [
                OptionSpec("--domain", value: "domain", help: "keygen: the signing domain (d=)."),
                OptionSpec("--selector", value: "name", help: "keygen: the selector (s=), e.g. s2026."),
                OptionSpec("--type", value: "rsa|ed25519", help: "keygen: key type (default: rsa); bench: or both (default)."),
                OptionSpec("--bits", value: "n", help: "keygen: RSA size, 1024 to 4096 (default: 2048)."),
                OptionSpec("--out", value: "dir", help: "keygen: folder for the key (default: .)."),
                OptionSpec("--txt", value: "record", help: "check: the published record, instead of a DNS lookup."),
                OptionSpec("--dns-server", value: "ip", help: "check: DNS server (default: from /etc/resolv.conf)."),
                OptionSpec("--seconds", value: "n", help: "bench: how long to sign each key type, 1 to 600 (default: 3)."),
            ]
        )

        enum Action { case keygen(domain: String, selector: String, type: String, bits: Int, out: String)
                      case check(campaign: String, txt: String?, server: String?)
                      case bench(types: [String], seconds: Int) }
        var action: Action

        init(arguments: inout ArgumentList) throws {
            let verb = try arguments.positional("keygen|check|bench")
            let domain = try arguments.option("--domain")
            let selector = try arguments.option("--selector")
            let typeOption = try arguments.option("--type")
            let type = typeOption ?? "rsa"
            let seconds = try arguments.option("--seconds", in: 1...600) ?? 3
            let bits = try arguments.option("--bits", in: KeyGenerator.rsaBitRange) ?? 2048
            let out = try arguments.option("--out") ?? "."
            let txt = try arguments.option("--txt")
            let server = try arguments.option("--dns-server")
            switch verb {
            case "keygen":
                guard let domain else { throw arguments.usageError("keygen needs --domain") }
                guard let selector else { throw arguments.usageError("keygen needs --selector") }
                guard ["rsa", "ed25519"].contains(type) else { throw arguments.usageError("--type must be rsa or ed25519") }
                action = .keygen(domain: domain, selector: selector, type: type, bits: bits, out: out)
            case "check":
                action = .check(campaign: try arguments.positional("campaign.toml"), txt: txt, server: server)
            case "bench":
                switch typeOption ?? "both" {
                case "rsa": action = .bench(types: ["rsa"], seconds: seconds)
                case "ed25519": action = .bench(types: ["ed25519"], seconds: seconds)
                case "both": action = .bench(types: ["rsa", "ed25519"], seconds: seconds)
                default: throw arguments.usageError("--type must be rsa, ed25519 or both")
                }
            default:
                var message = "unknown dkim action '\(verb)'"
                if let suggestion = Suggestion.closest(to: verb, in: ["keygen", "check", "bench"]) { message += " (did you mean '\(suggestion)'?)" }
                throw arguments.usageError(message)
            }
        }

        func run(_ context: CommandContext) throws -> ExitCode {
            switch action {
            case .keygen(let domain, let selector, let type, let bits, let out):
                return try keygen(domain: domain, selector: selector, type: type, bits: bits, out: out, context: context)
            case .check(let campaign, let txt, let server):
                return try check(campaignPath: campaign, txt: txt, server: server, context: context)
            case .bench(let types, let seconds):
                return bench(types: types, seconds: seconds, context: context)
            }
        }

        /// Signs a ~5 KB message repeatedly with a throwaway key, one thread, and prints signatures/s.
        ///
        /// Each round is what a send does per message: body canonicalisation and hash, header selection and
        /// canonicalisation, the signature (RFC 6376 §5). The key never leaves memory.
        private func bench(types: [String], seconds: Int, context: CommandContext) -> ExitCode {
            let message = Self.benchMessage()
            for type in types {
                let signer: DKIMSigner
                let signingKey: SigningKey
                let label: String
                do {
                    let pem = type == "ed25519" ? try KeyGenerator.ed25519() : try KeyGenerator.rsa(bits: 2048)
                    let key = try SigningKey(pem: pem)
                    signingKey = key
                    label = key.algorithm.description
                    signer = try DKIMSigner(
                        domain: "example.com", keys: [try DKIMKey(selector: "bench", signingKey: key)])
                } catch {
                    context.error("cannot make a \(type) key: \(error)")
                    return .software
                }
                // Whole DKIM signatures of the sample message (canonicalisation, body hash, signature), then the
                // signature primitive alone over the 32-byte header hash, which is what `openssl speed` times.
                guard let whole = Self.rate(seconds: seconds, { _ = try signer.signatureFields(for: message, timestamp: 1_700_000_000) }),
                      let primitive = Self.rate(seconds: seconds, { _ = try signingKey.sign(Self.headerHash) })
                else {
                    context.error("signing failed")
                    return .software
                }
                context.print("\(label) \(String(format: "%.1f", whole)) signatures/s"
                    + " (whole DKIM-Signature over a \(message.count)-byte message, one thread)")
                context.print("\(label) \(String(format: "%.1f", primitive)) signatures/s signature-only"
                    + " (the signing primitive over a 32-byte hash, as openssl speed measures)")
            }
            return .success
        }

        /// A multipart newsletter of about 5 KB, CRLF line ends, with the headers a campaign message carries.
        /// A fixed 32-byte input, the size of the SHA-256 header hash a DKIM signature signs.
        static let headerHash = [UInt8](repeating: 0x5A, count: 32)

        /// Runs `body` for `seconds` on this thread; nil if it throws.
        static func rate(seconds: Int, _ body: () throws -> Void) -> Double? {
            var count = 0
            let start = DispatchTime.now().uptimeNanoseconds
            let limit = start + UInt64(seconds) * 1_000_000_000
            var now = start
            do {
                while now < limit {
                    try body()
                    count += 1
                    now = DispatchTime.now().uptimeNanoseconds
                }
            } catch {
                return nil
            }
            return Double(count) / (Double(now - start) / 1e9)
        }

        static func benchMessage() -> [UInt8] {
            let line = "Spring arrivals are here: 20% off everything, free shipping over 299. Shop at example.com."
            let text = Array(repeating: line, count: 24).joined(separator: "\r\n")
            let html = Array(repeating: "<p>\(line)</p>", count: 24).joined(separator: "\r\n")
            let message = [
                "From: \"Example Shop\" <news@example.com>", "To: Alice Example <alice@example.org>",
                "Subject: Spring arrivals, Alice", "Date: Tue, 14 Nov 2023 22:13:20 +0000",
                "Message-ID: <20231114221320.bench@example.com>", "MIME-Version: 1.0",
                "List-Unsubscribe: <https://example.com/u/abc123>, <mailto:u@example.com?subject=abc123>",
                "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
                "Content-Type: multipart/alternative; boundary=\"b1\"", "", "--b1",
                "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit", "",
                "Hello Alice,", "", text, "", "--b1", "Content-Type: text/html; charset=utf-8",
                "Content-Transfer-Encoding: 8bit", "", "<p>Hello Alice,</p>", html, "--b1--", "",
            ].joined(separator: "\r\n")
            return Array(message.utf8)
        }

        private func keygen(domain: String, selector: String, type: String, bits: Int, out: String,
                            context: CommandContext) throws -> ExitCode {
            let pem: String
            do {
                pem = type == "ed25519" ? try KeyGenerator.ed25519() : try KeyGenerator.rsa(bits: bits)
            } catch {
                context.error("cannot generate the key: \(error)")
                return .software
            }
            let folder = context.absolutePath(out)
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let shown = out == "." ? "\(selector).\(domain).pem" : (out as NSString).appendingPathComponent("\(selector).\(domain).pem")
            let path = (folder as NSString).appendingPathComponent("\(selector).\(domain).pem")
            // O_EXCL and mode 0600 from the first byte: the private key is never readable by others, never clobbered.
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard fd >= 0 else {
                if errno == EEXIST { throw FileError(.alreadyExists, path: shown, role: "key file") }
                throw FileError(.cannotWrite(reason: String(cString: strerror(errno))), path: shown, role: "key file")
            }
            let bytes = Array(pem.utf8)
            let written = write(fd, bytes, bytes.count)
            fsync(fd)
            close(fd)
            guard written == bytes.count else { throw FileError(.cannotWrite(reason: "short write"), path: shown, role: "key file") }
            let key = try SigningKey(pem: pem)
            context.info("wrote \(shown) (mode 0600)")
            context.info("publish this TXT record at \(selector)._domainkey.\(domain):")
            context.print(DKIMRecord.zoneFileValue(for: key))
            context.info("then add to campaign.toml:\n[dkim]\ndomain = \"\(domain)\"\nselector = \"\(selector)\"\nkey_file = \"\(shown)\""
                + (type == "ed25519" ? "\nalgorithm = \"ed25519-sha256\"" : ""))
            return .success
        }

        private func check(campaignPath: String, txt: String?, server: String?, context: CommandContext) throws -> ExitCode {
            let (campaign, _) = try CampaignLoader.loadValid(
                path: campaignPath, currentDirectory: context.currentDirectory, environment: context.environment)
            guard let settings = campaign.dkim else {
                context.error("\(campaignPath) has no [dkim] section; see 'edm help dkim' to make a key")
                return .config
            }
            guard let (signer, warnings) = try DKIMSetup.signer(for: campaign) else { return .config }
            warnings.forEach { context.output.writeErr(DiagnosticPrinter.render($0, context: context)) }
            var problems = 0
            let fromDomain = campaign.sender.email.split(separator: "@").last.map(String.init) ?? ""
            if !DKIMSetup.aligns(fromDomain: fromDomain, signingDomain: settings.domain) {
                context.error("d=\(settings.domain) does not align with the From domain \(fromDomain) (DMARC would fail)")
                problems += 1
            }
            for key in signer.keys {
                let name = "\(key.selector)._domainkey.\(settings.domain)"
                let records: [String]
                if let txt {
                    records = [txt]
                } else {
                    guard let dnsServer = server ?? DNSTXTResolver.systemServer() else {
                        context.error("no DNS server configured; pass the record with --txt")
                        return .unavailable
                    }
                    do {
                        records = try DNSTXTResolver.lookup(name, server: dnsServer)
                    } catch {
                        context.error("\(name): \(error)")
                        return .unavailable
                    }
                }
                guard let recordText = records.first(where: { $0.contains("p=") }) else {
                    context.error("\(name): no DKIM record published")
                    problems += 1
                    continue
                }
                do {
                    let record = try DKIMRecord(txt: recordText)
                    let mismatches = record.mismatches(with: key.signingKey)
                    if mismatches.isEmpty {
                        context.info("\(name): ok (\(key.algorithmName))")
                    } else {
                        for mismatch in mismatches { context.error("\(name): \(mismatch)") }
                        problems += 1
                    }
                } catch {
                    context.error("\(name): \(error)")
                    problems += 1
                }
            }
            return problems == 0 ? .success : .config
        }
    }
}
