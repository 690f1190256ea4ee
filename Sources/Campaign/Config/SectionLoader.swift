// SectionLoader: the schema of campaign.toml, one function per section (docs/campaign.md mirrors it).
import Foundation
import TOML

/// Walks the campaign file's tables. Each function names the keys its section takes, reads them with
/// defaults, and reports problems through the shared collector.
struct SectionLoader {
    let reader: ConfigReader
    let environment: [String: String]

    func load() -> Campaign {
        reader.rejectUnknownKeys([
            "campaign", "sender", "recipients", "message", "unsubscribe", "transport", "outbox", "smtp",
            "throttle", "retry", "suppression", "blocklist", "compliance", "dkim", "journal", "guards", "privacy",
            "notify",
        ])
        let campaignTable = reader.table("campaign", required: true)
        let identity = loadIdentity(campaignTable)
        let sender = loadSender(reader.table("sender", required: true))
        let compliance = loadCompliance(reader.table("compliance"), marketing: identity.kind == .marketing)
        let journal = loadJournal(reader.table("journal"), campaignID: identity.id)
        let campaign = Campaign(
            file: reader.sink.file,
            baseDirectory: reader.baseDirectory,
            id: identity.id,
            name: identity.name,
            notBefore: identity.notBefore,
            sendWindow: identity.sendWindow,
            testRecipients: identity.testRecipients,
            returnPath: identity.returnPath,
            messageIDDomain: identity.messageIDDomain,
            kind: identity.kind,
            maxRecipients: identity.maxRecipients,
            sender: sender,
            recipients: loadRecipients(reader.table("recipients", required: true), compliance: compliance),
            message: loadMessage(reader.table("message", required: true)),
            unsubscribe: loadUnsubscribe(reader.table("unsubscribe")),
            transport: loadTransport(),
            throttle: loadThrottle(reader.table("throttle")),
            retry: loadRetry(reader.table("retry")),
            suppression: loadSuppression(reader.table("suppression")),
            blocklist: loadBlocklist(reader.table("blocklist")),
            compliance: compliance,
            dkim: loadDKIM(reader.table("dkim")),
            journal: journal,
            guards: loadGuards(reader.table("guards")),
            privacy: PrivacySettings(maskAddresses: reader.table("privacy").map(loadPrivacy) ?? false),
            notify: loadNotify(reader.table("notify"))
        )
        checkAcrossSections(campaign)
        return campaign
    }

    // MARK: - [campaign]

    private struct Identity {
        var id = "campaign"
        var name = "campaign"
        var notBefore: TOMLDateTime?
        var sendWindow: String?
        var testRecipients: [String] = []
        var returnPath: String?
        var messageIDDomain: String?
        var kind = Campaign.Kind.marketing
        var maxRecipients: Int?
    }

    private func loadIdentity(_ table: ConfigReader?) -> Identity {
        var identity = Identity()
        guard let table else { return identity }
        table.rejectUnknownKeys([
            "id", "name", "kind", "not_before", "send_window", "test_recipients", "return_path", "message_id_domain",
            "max_recipients",
        ])
        if table.has("max_recipients") {
            identity.maxRecipients = table.integer("max_recipients", in: 1...Int(Int32.max), default: 0)
        }
        if let id = table.string("id", required: true) {
            let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-")
            if id.count > 64 || !id.allSatisfy({ allowed.contains($0) }) || id.hasPrefix(".") {
                table.sink.error(
                    "'campaign.id' must be 1 to 64 characters of a-z, 0-9, '.', '_' or '-' (it names files), "
                        + "not \"\(id)\"",
                    at: table.position("id"))
            } else {
                identity.id = id
            }
        }
        identity.name = table.string("name", required: true) ?? identity.name
        identity.kind = Campaign.Kind(rawValue: table.choice("kind", ["marketing", "transactional"], default: "marketing"))
            ?? .marketing
        identity.notBefore = table.dateTime("not_before")
        if let window = table.string("send_window") {
            if SendWindowSyntax.isValid(window) {
                identity.sendWindow = window
            } else {
                table.sink.error(
                    "'campaign.send_window' must look like \"09:00-20:00 Asia/Shanghai\" (start-end, then a time zone), "
                        + "not \"\(window)\"",
                    at: table.position("send_window"))
            }
        }
        identity.testRecipients = table.strings("test_recipients")
        for address in identity.testRecipients where !AddressSyntax.looksValid(address) {
            table.sink.error("'campaign.test_recipients' has an invalid address \"\(address)\"", at: table.position("test_recipients"))
        }
        if let returnPath = table.string("return_path") {
            let plain = returnPath.replacingOccurrences(of: "{token}", with: "token")
            if AddressSyntax.looksValid(plain) {
                identity.returnPath = returnPath
            } else {
                table.sink.error("'campaign.return_path' is not an address: \"\(returnPath)\"", at: table.position("return_path"))
            }
        }
        if let domain = table.string("message_id_domain") {
            if AddressSyntax.looksLikeDomain(domain) {
                identity.messageIDDomain = domain
            } else {
                table.sink.error("'campaign.message_id_domain' is not a domain: \"\(domain)\"", at: table.position("message_id_domain"))
            }
        }
        return identity
    }

    // MARK: - [sender]

    private func loadSender(_ table: ConfigReader?) -> SenderSettings {
        var sender = SenderSettings(name: nil, email: "sender@invalid", replyTo: nil, postalAddress: nil)
        guard let table else { return sender }
        table.rejectUnknownKeys(["name", "email", "reply_to", "postal_address"])
        sender.name = table.string("name")
        if let email = table.string("email", required: true) {
            if AddressSyntax.looksValid(email) {
                sender.email = email
            } else {
                table.sink.error("'sender.email' is not an email address: \"\(email)\"", at: table.position("email"))
            }
        }
        if let replyTo = table.string("reply_to") {
            if AddressSyntax.looksValid(replyTo) {
                sender.replyTo = replyTo
            } else {
                table.sink.error("'sender.reply_to' is not an email address: \"\(replyTo)\"", at: table.position("reply_to"))
            }
        }
        sender.postalAddress = table.string("postal_address")
        return sender
    }

    // MARK: - [recipients]

    private func loadRecipients(_ table: ConfigReader?, compliance: ComplianceSettings) -> RecipientSettings {
        var settings = RecipientSettings(
            file: "", encoding: "utf-8", delimiter: nil, emailColumn: "email", nameColumn: nil, consentColumn: nil,
            consentValues: ConsentDefaults.truthy, caseSensitiveLocalPart: false, maxFieldBytes: 65536,
            maxColumns: 1000)
        guard let table else { return settings }
        table.rejectUnknownKeys([
            "file", "encoding", "delimiter", "email_column", "name_column", "consent_column", "consent_values",
            "case_sensitive_local_part", "max_field_bytes", "max_columns",
        ])
        settings.file = table.path("file", required: true, mustExist: true) ?? ""
        settings.encoding = table.choice(
            "encoding", ["utf-8", "gb18030", "gbk", "gb2312", "big5", "latin1", "iso-8859-1", "windows-1252", "utf-16",
                         "shift_jis", "euc-kr"],
            default: "utf-8")
        if let delimiter = table.string("delimiter", allowEmpty: true) {
            if [",", ";", "\t", "|"].contains(delimiter) {
                settings.delimiter = delimiter
            } else {
                table.sink.error("'recipients.delimiter' must be \",\", \";\", \"\\t\" or \"|\"", at: table.position("delimiter"))
            }
        }
        settings.emailColumn = table.string("email_column") ?? "email"
        settings.nameColumn = table.string("name_column")
        settings.consentColumn = table.string("consent_column")
        if table.has("consent_values") {
            settings.consentValues = table.strings("consent_values").map { $0.lowercased() }
        }
        if compliance.requireConsent, settings.consentColumn == nil {
            table.sink.error(
                "compliance requires consent (jurisdiction \(compliance.jurisdictions.map(\.rawValue).joined(separator: ", ")) "
                    + "or 'compliance.require_consent'), so set 'recipients.consent_column'",
                at: table.table.position)
        }
        settings.caseSensitiveLocalPart = table.bool("case_sensitive_local_part", default: false)
        settings.maxFieldBytes = table.integer("max_field_bytes", in: 64...(16 << 20), default: 65536) ?? 65536
        settings.maxColumns = table.integer("max_columns", in: 1...100_000, default: 1000) ?? 1000
        return settings
    }

    // MARK: - [message]

    private func loadMessage(_ table: ConfigReader?) -> MessageSettings {
        var message = MessageSettings(
            subject: "", preheader: nil, html: nil, text: nil, partials: nil, strict: true, headers: [], attachments: [],
            listID: nil)
        guard let table else { return message }
        table.rejectUnknownKeys(["subject", "preheader", "html", "text", "partials", "strict", "headers", "attachments", "list_id"])
        message.subject = table.string("subject", required: true) ?? ""
        message.preheader = table.string("preheader")
        message.html = table.path("html", mustExist: true)
        message.text = table.path("text", mustExist: true)
        if message.html == nil, message.text == nil, !table.has("html"), !table.has("text") {
            table.sink.error("[message] needs 'html', 'text' or both (template files)", at: table.table.position)
        }
        message.partials = table.path("partials", mustExist: true, directory: true)
        message.strict = table.bool("strict", default: true)
        if let headers = table.table("headers") {
            for key in headers.table.keys {
                guard HeaderNameSyntax.isValid(key) else {
                    table.sink.error(
                        "'message.headers': \"\(key)\" is not a valid header name (RFC 5322 §3.6.8: printable ASCII, no ':' or space)",
                        at: headers.table.keyPosition(key))
                    continue
                }
                if HeaderNameSyntax.reserved.contains(key.lowercased()) {
                    table.sink.error(
                        "'message.headers': edm writes \(key) itself; set it through the campaign keys instead",
                        at: headers.table.keyPosition(key))
                    continue
                }
                if let value = headers.string(key) { message.headers.append((key, value)) }
            }
        }
        message.attachments = table.paths("attachments", mustExist: true)
        if let listID = table.string("list_id") {
            // RFC 2919 §3: List-Id is a dot-atom of printable ASCII; edm adds the angle brackets.
            if AddressSyntax.looksLikeDomain(listID) {
                message.listID = listID
            } else {
                table.sink.error("'message.list_id' must look like a domain, e.g. \"spring.news.example.com\"", at: table.position("list_id"))
            }
        }
        return message
    }

    // MARK: - [unsubscribe]

    private func loadUnsubscribe(_ table: ConfigReader?) -> UnsubscribeSettings {
        var settings = UnsubscribeSettings(url: nil, mailto: nil, oneClick: true, secret: nil)
        guard let table else { return settings }
        table.rejectUnknownKeys(["url", "mailto", "one_click", "secret_env", "secret_file", "secret_command", "secret"])
        if let url = table.string("url") {
            if url.hasPrefix("https://") {
                settings.url = url
            } else {
                table.sink.error("'unsubscribe.url' must be an https:// URL (RFC 8058 §3.1)", at: table.position("url"))
            }
        }
        if let mailto = table.string("mailto") {
            if AddressSyntax.looksValid(mailto) {
                settings.mailto = mailto
            } else {
                table.sink.error("'unsubscribe.mailto' is not an email address: \"\(mailto)\"", at: table.position("mailto"))
            }
        }
        settings.oneClick = table.bool("one_click", default: true)
        settings.secret = table.secret("secret", environment: environment)
        if settings.url?.contains("{token}") == true, settings.secret == nil {
            table.sink.error(
                "'unsubscribe.url' uses {token}, which needs a key: set 'secret_env', 'secret_file' or 'secret_command'",
                at: table.position("url"))
        }
        return settings
    }

    // MARK: - [transport], [outbox], [smtp]

    private func loadTransport() -> TransportSettings {
        let transportTable = reader.table("transport")
        transportTable?.rejectUnknownKeys(["kind"])
        let defaultKind = reader.has("smtp") ? "smtp" : "outbox"
        let kindName = transportTable?.choice("kind", ["outbox", "smtp"], default: defaultKind) ?? defaultKind
        let kind = TransportSettings.Kind(rawValue: kindName) ?? .outbox
        let outboxTable = reader.table("outbox")
        outboxTable?.rejectUnknownKeys(["dir"])
        let outboxDirectory = outboxTable?.path("dir") ?? (reader.baseDirectory as NSString).appendingPathComponent("outbox")
        let smtp = reader.table("smtp").map(loadSMTP)
        if kind == .smtp, smtp?.relays.isEmpty ?? true {
            reader.sink.error(
                "the smtp transport needs at least one [[smtp.relay]] with a host",
                at: reader.table.keyPosition("smtp") ?? transportTable?.position("kind"))
        }
        return TransportSettings(kind: kind, outboxDirectory: outboxDirectory, smtp: smtp)
    }

    private func loadSMTP(_ table: ConfigReader) -> SMTPSettings {
        table.rejectUnknownKeys(["helo_name", "relay", "timeouts"])
        var settings = SMTPSettings(heloName: nil, relays: [], timeouts: RelayTimeouts())
        if let helo = table.string("helo_name") {
            if AddressSyntax.looksLikeDomain(helo) {
                settings.heloName = helo
            } else {
                table.sink.error("'smtp.helo_name' must be a fully qualified domain name (RFC 5321 §4.1.1.1)", at: table.position("helo_name"))
            }
        }
        settings.relays = table.tables("relay").map(loadRelay)
        if let timeouts = table.table("timeouts") {
            timeouts.rejectUnknownKeys(["connect", "greeting", "mail", "rcpt", "data_init", "data_block", "data_end"])
            var values = RelayTimeouts()
            values.connect = timeouts.duration("connect", default: values.connect)
            values.greeting = timeouts.duration("greeting", default: values.greeting)
            values.mail = timeouts.duration("mail", default: values.mail)
            values.rcpt = timeouts.duration("rcpt", default: values.rcpt)
            values.dataInit = timeouts.duration("data_init", default: values.dataInit)
            values.dataBlock = timeouts.duration("data_block", default: values.dataBlock)
            values.dataEnd = timeouts.duration("data_end", default: values.dataEnd)
            settings.timeouts = values
        }
        return settings
    }

    private func loadRelay(_ table: ConfigReader) -> RelaySettings {
        table.rejectUnknownKeys([
            "host", "port", "tls", "tls_server_name", "ca_file", "client_certificate_file", "client_key_file",
            "insecure_skip_verify", "username", "password", "password_env", "password_file", "password_command",
            "oauth_token", "oauth_token_env", "oauth_token_file", "oauth_token_command", "auth",
            "insecure_auth_over_plaintext", "weight", "max_connections", "messages_per_connection", "rate",
        ])
        let host = table.string("host", required: true) ?? "invalid"
        let tlsName = table.choice("tls", ["starttls", "implicit", "insecure-plaintext"], default: "starttls")
        let tls = TLSMode(rawValue: tlsName) ?? .starttls
        let port = table.integer("port", in: 1...65535, default: tls == .implicit ? 465 : 587) ?? 587
        let relay = RelaySettings(
            host: host,
            port: port,
            tls: tls,
            tlsServerName: table.string("tls_server_name"),
            caFile: table.path("ca_file", mustExist: true),
            clientCertificateFile: table.path("client_certificate_file", mustExist: true),
            clientKeyFile: table.path("client_key_file", mustExist: true),
            insecureSkipVerify: table.bool("insecure_skip_verify", default: false),
            username: table.string("username"),
            password: table.secret("password", environment: environment),
            oauthToken: table.secret("oauth_token", environment: environment),
            auth: table.choice("auth", ["auto", "plain", "login", "xoauth2"], default: "auto"),
            insecureAuthOverPlaintext: table.bool("insecure_auth_over_plaintext", default: false),
            weight: table.integer("weight", in: 1...1000, default: 1) ?? 1,
            maxConnections: table.integer("max_connections", in: 1...256, default: 4) ?? 4,
            messagesPerConnection: table.integer("messages_per_connection", in: 1...1_000_000, default: 100) ?? 100,
            rate: table.rate("rate")
        )
        if relay.username != nil, relay.password == nil, relay.oauthToken == nil {
            table.sink.error(
                "'\(table.qualified("username"))' needs a password: set 'password_env', 'password_file' or 'password_command'",
                at: table.position("username"))
        }
        if relay.tls == .insecurePlaintext, relay.username != nil, !relay.insecureAuthOverPlaintext {
            table.sink.error(
                "credentials are never sent without TLS; use tls = \"starttls\" or, for a loopback relay only, "
                    + "insecure_auth_over_plaintext = true",
                at: table.position("tls"))
        }
        return relay
    }

    // MARK: - [throttle], [retry]

    private func loadThrottle(_ table: ConfigReader?) -> ThrottleSettings {
        var settings = ThrottleSettings(rate: nil, maxConnections: 4, domains: [])
        guard let table else { return settings }
        table.rejectUnknownKeys(["rate", "max_connections", "domains"])
        settings.rate = table.rate("rate")
        settings.maxConnections = table.integer("max_connections", in: 1...1024, default: 4) ?? 4
        if let domains = table.table("domains") {
            for domain in domains.table.keys {
                guard AddressSyntax.looksLikeDomain(domain) else {
                    table.sink.error("'throttle.domains': \"\(domain)\" is not a domain", at: domains.table.keyPosition(domain))
                    continue
                }
                if case .string? = domains.table[domain] {
                    settings.domains.append(DomainThrottle(domain: domain.lowercased(), rate: domains.rate(domain), maxConnections: nil))
                } else if let entry = domains.table(domain) {
                    entry.rejectUnknownKeys(["rate", "max_connections"])
                    settings.domains.append(
                        DomainThrottle(
                            domain: domain.lowercased(), rate: entry.rate("rate"),
                            maxConnections: entry.integer("max_connections", in: 1...1024, default: nil)))
                } else {
                    table.sink.error(
                        "'throttle.domains.\(domain)' must be a rate like \"5/s\" or a table { rate = \"5/s\", max_connections = 2 }",
                        at: domains.position(domain))
                }
            }
        }
        return settings
    }

    private func loadRetry(_ table: ConfigReader?) -> RetrySettings {
        var settings = RetrySettings(
            maxAttempts: 3, initialBackoff: ConfigDuration(seconds: 30), maxBackoff: ConfigDuration(seconds: 600),
            maxAge: ConfigDuration(seconds: 3 * 86400))
        guard let table else { return settings }
        table.rejectUnknownKeys(["max_attempts", "initial_backoff", "max_backoff", "max_age"])
        settings.maxAttempts = table.integer("max_attempts", in: 1...100, default: 3) ?? 3
        settings.initialBackoff = table.duration("initial_backoff", default: settings.initialBackoff)
        settings.maxBackoff = table.duration("max_backoff", default: settings.maxBackoff)
        settings.maxAge = table.duration("max_age", default: settings.maxAge)
        if settings.maxBackoff.seconds < settings.initialBackoff.seconds {
            table.sink.error("'retry.max_backoff' is shorter than 'retry.initial_backoff'", at: table.position("max_backoff"))
        }
        return settings
    }

    // MARK: - [suppression], [blocklist], [compliance]

    private func loadSuppression(_ table: ConfigReader?) -> SuppressionSettings {
        var settings = SuppressionSettings(files: [], globalFile: nil, hmacKey: nil, autoAddHardBounces: true)
        guard let table else { return settings }
        table.rejectUnknownKeys(["files", "global_file", "hmac_key_env", "hmac_key_file", "hmac_key_command", "hmac_key", "auto_add_hard_bounces"])
        // Fail closed (DESIGN.md invariant 2): a configured list that does not exist is an error, never "empty".
        settings.files = table.paths("files", mustExist: true)
        settings.globalFile = table.path("global_file", mustExist: true)
        settings.hmacKey = table.secret("hmac_key", environment: environment)
        settings.autoAddHardBounces = table.bool("auto_add_hard_bounces", default: true)
        return settings
    }

    private func loadBlocklist(_ table: ConfigReader?) -> BlocklistSettings {
        var settings = BlocklistSettings(domains: [], allowDomains: [], roleAccounts: false, disposableDomainsFile: nil)
        guard let table else { return settings }
        table.rejectUnknownKeys(["domains", "allow_domains", "role_accounts", "disposable_domains_file"])
        settings.domains = table.strings("domains").map { $0.lowercased() }
        settings.allowDomains = table.strings("allow_domains").map { $0.lowercased() }
        for domain in settings.domains + settings.allowDomains where !AddressSyntax.looksLikeDomain(domain.trimmingCharacters(in: CharacterSet(charactersIn: "*."))) {
            table.sink.error("[blocklist] has an entry that is not a domain: \"\(domain)\"", at: table.table.position)
        }
        settings.roleAccounts = table.bool("role_accounts", default: false)
        settings.disposableDomainsFile = table.path("disposable_domains_file", mustExist: true)
        return settings
    }

    /// Transactional mail (receipts, password resets) is not commercial: no unsubscribe or postal address is
    /// required by default (CAN-SPAM 15 U.S.C. 7702(17) "transactional or relationship message").
    private func loadCompliance(_ table: ConfigReader?, marketing: Bool) -> ComplianceSettings {
        var settings = ComplianceSettings(
            jurisdictions: [], requireConsent: false, requireUnsubscribe: marketing, requirePostalAddress: marketing,
            subjectLabel: nil)
        guard let table else { return settings }
        table.rejectUnknownKeys(["jurisdictions", "require_consent", "require_unsubscribe", "require_postal_address", "subject_label"])
        for name in table.strings("jurisdictions") {
            if let jurisdiction = ComplianceSettings.Jurisdiction(rawValue: name.lowercased()) {
                settings.jurisdictions.append(jurisdiction)
            } else {
                table.sink.error(
                    "'compliance.jurisdictions': unknown jurisdiction \"\(name)\" (edm knows \"us\", \"eu\", \"cn\")",
                    at: table.position("jurisdictions"))
            }
        }
        // GDPR art. 6/7 and China's rules for commercial email need recorded consent; CAN-SPAM is opt-out.
        let consentByDefault = settings.jurisdictions.contains(.eu) || settings.jurisdictions.contains(.cn)
        settings.requireConsent = table.bool("require_consent", default: consentByDefault)
        settings.requireUnsubscribe = table.bool("require_unsubscribe", default: marketing)
        settings.requirePostalAddress = table.bool("require_postal_address", default: marketing)
        settings.subjectLabel = table.string("subject_label")
        return settings
    }

    // MARK: - [dkim], [journal], [guards], [privacy]

    private func loadDKIM(_ table: ConfigReader?) -> DKIMSettings? {
        guard let table else { return nil }
        table.rejectUnknownKeys(["domain", "selector", "key_file", "algorithm", "key", "canonicalization", "headers", "expire"])
        var keys: [DKIMSettings.Key] = []
        func readKey(_ source: ConfigReader) -> DKIMSettings.Key? {
            let selector = source.string("selector", required: true)
            let keyFile = source.path("key_file", required: true, mustExist: true)
            let algorithm = source.choice("algorithm", ["rsa-sha256", "ed25519-sha256"], default: "rsa-sha256")
            if let keyFile, let problem = SecretSource.checkPermissions(keyFile) {
                source.sink.error("'\(source.qualified("key_file"))': \(problem)", at: source.position("key_file"))
            }
            guard let selector, let keyFile else { return nil }
            return DKIMSettings.Key(selector: selector, keyFile: keyFile, algorithm: algorithm)
        }
        if table.has("selector") || table.has("key_file") {
            readKey(table).map { keys.append($0) }
        }
        for keyTable in table.tables("key") {
            keyTable.rejectUnknownKeys(["selector", "key_file", "algorithm"])
            readKey(keyTable).map { keys.append($0) }
        }
        if keys.isEmpty {
            table.sink.error("[dkim] needs a key: 'selector' and 'key_file', or one or two [[dkim.key]] tables", at: table.table.position)
        }
        let domain = table.string("domain", required: true) ?? "invalid"
        return DKIMSettings(
            domain: domain,
            keys: keys,
            canonicalization: table.choice(
                "canonicalization", ["relaxed/relaxed", "relaxed/simple", "simple/relaxed", "simple/simple"],
                default: "relaxed/relaxed"),
            extraHeaders: table.strings("headers"),
            expire: table.has("expire") ? table.duration("expire", default: ConfigDuration(seconds: 0)) : nil
        )
    }

    private func loadJournal(_ table: ConfigReader?, campaignID: String) -> JournalSettings {
        let defaultPath = (reader.baseDirectory as NSString).appendingPathComponent(".edm/\(campaignID).journal")
        var settings = JournalSettings(
            path: defaultPath, hashAddresses: false, hashKey: nil, commitInterval: ConfigDuration(seconds: 0.05),
            commitRecords: 256)
        guard let table else { return settings }
        table.rejectUnknownKeys(["path", "hash_addresses", "hash_key_env", "hash_key_file", "hash_key_command", "hash_key", "commit_interval", "commit_records"])
        settings.path = table.path("path") ?? defaultPath
        settings.hashAddresses = table.bool("hash_addresses", default: false)
        settings.hashKey = table.secret("hash_key", environment: environment)
        if settings.hashAddresses, settings.hashKey == nil {
            table.sink.error("'journal.hash_addresses' needs a key: set 'hash_key_env', 'hash_key_file' or 'hash_key_command'", at: table.position("hash_addresses"))
        }
        settings.commitInterval = table.duration("commit_interval", default: settings.commitInterval)
        settings.commitRecords = table.integer("commit_records", in: 1...100_000, default: 256) ?? 256
        return settings
    }

    private func loadGuards(_ table: ConfigReader?) -> GuardSettings {
        var settings = GuardSettings()
        guard let table else { return settings }
        table.rejectUnknownKeys([
            "max_hard_bounce_rate", "max_block_rate", "max_deferral_rate", "window", "min_sample",
            "max_connection_failures", "confirm_above",
        ])
        settings.maxHardBounceRate = table.fraction("max_hard_bounce_rate", in: 0...1, default: settings.maxHardBounceRate)
        settings.maxBlockRate = table.fraction("max_block_rate", in: 0...1, default: settings.maxBlockRate)
        settings.maxDeferralRate = table.fraction("max_deferral_rate", in: 0...1, default: settings.maxDeferralRate)
        settings.window = table.integer("window", in: 10...1_000_000, default: 1000) ?? 1000
        settings.minSample = table.integer("min_sample", in: 1...1_000_000, default: 200) ?? 200
        if settings.minSample > settings.window {
            table.sink.error(
                "'guards.min_sample' (\(settings.minSample)) must not exceed 'guards.window' (\(settings.window)): "
                    + "the rate guards could never trip",
                at: table.position("min_sample"))
        }
        settings.maxConnectionFailures = table.integer("max_connection_failures", in: 1...1_000_000, default: 10) ?? 10
        settings.confirmAbove = table.integer("confirm_above", in: 0...Int(Int32.max), default: 10_000) ?? 10_000
        return settings
    }

    private func loadNotify(_ table: ConfigReader?) -> NotifySettings? {
        guard let table else { return nil }
        table.rejectUnknownKeys(["command", "timeout"])
        guard let command = table.string("command", required: true) else { return nil }
        return NotifySettings(command: command, timeout: table.duration("timeout", default: ConfigDuration(seconds: 30)))
    }

    private func loadPrivacy(_ table: ConfigReader) -> Bool {
        table.rejectUnknownKeys(["mask_addresses"])
        return table.bool("mask_addresses", default: false)
    }
}

// MARK: - Rules across sections

extension SectionLoader {
    /// Checks that need more than one section: the compliance minimum every marketing message must meet.
    /// The full lint (template content, ad labels in rendered subjects) runs in `edm check` on the rendered rows.
    func checkAcrossSections(_ campaign: Campaign) {
        let sink = reader.sink
        let compliance = campaign.compliance
        if compliance.requirePostalAddress, campaign.sender.postalAddress == nil, reader.has("sender") {
            sink.error(
                "'sender.postal_address' is required: commercial mail must carry the sender's postal address "
                    + "(CAN-SPAM 15 U.S.C. 7704(a)(5)); set it, or compliance.require_postal_address = false",
                at: reader.table("sender")?.table.position)
        }
        if compliance.requireUnsubscribe, campaign.unsubscribe.url == nil, campaign.unsubscribe.mailto == nil {
            sink.error(
                "an unsubscribe method is required: set 'unsubscribe.url' (one-click, RFC 8058) and/or 'unsubscribe.mailto'; "
                    + "bulk senders must offer it (Gmail and Yahoo sender rules, CAN-SPAM)",
                at: reader.table.keyPosition("unsubscribe") ?? reader.table("message")?.table.position)
        }
        if compliance.jurisdictions.contains(.cn), compliance.subjectLabel == nil {
            sink.error(
                "China's rules on commercial email require a label such as \"广告\" or \"AD\" at the start of the subject: "
                    + "set 'compliance.subject_label'",
                at: reader.table.keyPosition("compliance"))
        }
        if let dkim = campaign.dkim, let fromDomain = campaign.sender.email.split(separator: "@").last,
           !DKIMSetup.aligns(fromDomain: String(fromDomain), signingDomain: dkim.domain) {
            sink.warning(
                "'dkim.domain' \(dkim.domain) does not align with the From domain \(fromDomain): DMARC will not pass "
                    + "on this signature (RFC 7489 §3.1.1)",
                at: reader.table("dkim")?.position("domain"))
        }
        if let label = compliance.subjectLabel, !campaign.message.subject.hasPrefix(label) {
            sink.error(
                "'message.subject' must start with the subject label \"\(label)\" ('compliance.subject_label')",
                at: reader.table("message")?.position("subject"))
        }
    }
}
