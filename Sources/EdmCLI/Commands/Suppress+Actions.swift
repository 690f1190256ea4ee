// edm suppress actions: each reads the list(s), changes or reports, and writes atomically under a lock.
import Campaign
import Foundation

/// Which lists `edm suppress` works on, and with which HMAC key and case rule.
struct SuppressTarget {
    var edit: (path: String, shown: String)
    var lists: [(path: String, shown: String)]
    var hmacKey: [UInt8]?
    var caseSensitive = false

    init(command: EdmCommand.Suppress, context: CommandContext) throws {
        var keySource: SecretSource?
        if let name = command.keyEnvironment { keySource = .environment(name) }
        if let path = command.keyFile { keySource = .file(context.absolutePath(path)) }
        var keyOrigin = command.keyEnvironment != nil ? "--hmac-key-env" : "--hmac-key-file"
        if let file = command.file {
            edit = (context.absolutePath(file), file)
            lists = [edit]
        } else {
            let (campaign, _) = try CampaignLoader.loadValid(
                path: command.campaign ?? "", currentDirectory: context.currentDirectory,
                environment: context.environment)
            let files = ([campaign.suppression.globalFile].compactMap { $0 } + campaign.suppression.files)
                .map { (path: $0, shown: context.displayPath($0)) }
            guard let first = campaign.suppression.files.first ?? campaign.suppression.globalFile else {
                throw CampaignFailure(category: .configuration, diagnostics: [Diagnostic(
                    .error, file: campaign.file, line: 0, column: 0,
                    message: "the campaign has no suppression list: add [suppression] files = [\"suppression.txt\"]")])
            }
            edit = (first, context.displayPath(first))
            lists = files
            caseSensitive = campaign.recipients.caseSensitiveLocalPart
            if keySource == nil {
                keySource = campaign.suppression.hmacKey
                keyOrigin = "suppression.hmac_key"
            }
        }
        if let keySource {
            do {
                hmacKey = Array(try keySource.resolve(environment: context.environment).value.utf8)
            } catch {
                throw CampaignFailure(category: .configuration, diagnostics: [
                    Diagnostic(.error, file: keyOrigin, line: 0, column: 0, message: "\(error)"),
                ])
            }
        }
        if command.hash, hmacKey == nil {
            throw UsageError("--hash needs a key: --hmac-key-env NAME or --hmac-key-file PATH",
                             usage: EdmCommand.Suppress.configuration.usageLine, commandName: "suppress")
        }
    }
}

extension EdmCommand.Suppress {
    private static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date())
    }

    /// The entry for a command-line value, hashed with --hash.
    private func entry(_ value: String, target: SuppressTarget) throws -> SuppressionEntry {
        switch SuppressionEntry.classify(value, caseSensitiveLocalPart: target.caseSensitive) {
        case .failure(let error):
            throw UsageError(error.message, usage: Self.configuration.usageLine, commandName: "suppress")
        case .success(var entry):
            if hash, action != .remove, let key = target.hmacKey {
                guard entry.kind == .address else {
                    throw UsageError("--hash applies to addresses, not '\(value)'",
                                     usage: Self.configuration.usageLine, commandName: "suppress")
                }
                entry = SuppressionEntry(kind: .hash, value: SuppressionEntry.hashed(key: entry.value, hmacKey: key))
            }
            return entry
        }
    }

    func add(_ target: SuppressTarget, context: CommandContext) throws -> ExitCode {
        let entries = try values.map { try entry($0, target: target) }
        let date = Self.now()
        return try AtomicFile.withFolderLock(target.edit.path, shown: target.edit.shown, role: "suppression list") {
            var list = try SuppressionFile(
                path: target.edit.path, shown: target.edit.shown, caseSensitiveLocalPart: target.caseSensitive,
                createIfMissing: true)
            var added = 0
            for (value, var entry) in zip(values, entries) {
                if let listed = list.listed(entry, hmacKey: target.hmacKey).first {
                    context.info("\(value): already listed at \(list.shown):\(listed.line)")
                    continue
                }
                entry.reason = reason ?? "manual"
                entry.date = date
                list.append(entry)
                added += 1
            }
            if added > 0 { try list.write() }
            context.info("\(list.shown): added \(added), already listed \(entries.count - added)")
            return .success
        }
    }

    func remove(_ target: SuppressTarget, context: CommandContext) throws -> ExitCode {
        let entries = try values.map { try entry($0, target: target) }
        return try AtomicFile.withFolderLock(target.edit.path, shown: target.edit.shown, role: "suppression list") {
            var list = try SuppressionFile(
                path: target.edit.path, shown: target.edit.shown, caseSensitiveLocalPart: target.caseSensitive)
            var lines = Set<Int>()
            for (value, entry) in zip(values, entries) {
                let listed = list.listed(entry, hmacKey: target.hmacKey)
                if listed.isEmpty { context.warning("\(value) is not listed in \(list.shown)") }
                lines.formUnion(listed.map(\.line))
            }
            if !lines.isEmpty {
                list.remove(lines: lines)
                try list.write()
            }
            let removed = lines.sorted().map(String.init).joined(separator: ", ")
            context.info("\(list.shown): removed \(lines.count)" + (lines.isEmpty ? "" : " (line \(removed))"))
            return .success
        }
    }

    func list(_ target: SuppressTarget, context: CommandContext, csv: Bool) throws -> ExitCode {
        if csv { context.print("address,reason,date") }
        for file in target.lists {
            let list = try SuppressionFile(path: file.path, shown: file.shown,
                caseSensitiveLocalPart: target.caseSensitive)
            for listed in list.entries {
                if csv {
                    context.print(listed.entry.csvLine)
                } else {
                    context.print("\(list.shown):\(listed.line): \(Self.describe(listed.entry))")
                }
            }
        }
        return .success
    }

    private static func describe(_ entry: SuppressionEntry) -> String {
        let details = [entry.reason, entry.date].filter { !$0.isEmpty }
        return entry.text + (details.isEmpty ? "" : " (\(details.joined(separator: ", ")))")
    }

    func check(_ target: SuppressTarget, context: CommandContext) throws -> ExitCode {
        let value = values[0]
        guard case .success(let entry) = SuppressionEntry.classify(value, caseSensitiveLocalPart: target.caseSensitive),
              entry.kind == .address
        else {
            throw UsageError("'\(value)' is not an address", usage: Self.configuration.usageLine,
                commandName: "suppress")
        }
        var lists = SuppressionList(caseSensitiveLocalPart: target.caseSensitive, hmacKey: target.hmacKey)
        for file in target.lists { try lists.load(path: file.path, displayPath: file.shown) }
        let domain = String(entry.value.split(separator: "@").last ?? "")
        guard let source = lists.match(key: entry.value, domain: domain) else {
            context.print("\(entry.value) is not suppressed (\(lists.count) entries in \(target.lists.count) "
                + "list\(target.lists.count == 1 ? "" : "s"))")
            return .failure
        }
        let file = target.lists.first { $0.shown == source.file }
        let listed = try file.map { try SuppressionFile(path: $0.path, shown: $0.shown,
            caseSensitiveLocalPart: target.caseSensitive) }?
            .entries.first { $0.line == source.line }
        let shownEntry = listed.map { Self.describe($0.entry) } ?? "line \(source.line)"
        context.print("\(entry.value) is suppressed by \(source.file):\(source.line): \(shownEntry)")
        return .success
    }

    func importFile(_ target: SuppressTarget, context: CommandContext) throws -> ExitCode {
        let shown = values[0]
        var source = try SuppressionImport(
            path: context.absolutePath(shown), shown: shown, caseSensitiveLocalPart: target.caseSensitive,
            defaultReason: reason ?? "import", date: Self.now())
        if !source.problems.isEmpty, !skipInvalid {
            throw CampaignFailure(category: .badData, diagnostics: source.problems)
        }
        if hash, let key = target.hmacKey {
            var hashed: [SuppressionImport.Row] = []
            for var row in source.rows where row.entry.kind == .address {
                row.entry.value = SuppressionEntry.hashed(key: row.entry.value, hmacKey: key)
                row.entry.kind = .hash
                hashed.append(row)
            }
            let notAddresses = source.rows.count - hashed.count
            if notAddresses > 0 {
                context.warning("\(notAddresses) domain entries were not imported: --hash applies to addresses")
            }
            source = source.replacingRows(hashed)
        }
        return try AtomicFile.withFolderLock(target.edit.path, shown: target.edit.shown, role: "suppression list") {
            var list = try SuppressionFile(
                path: target.edit.path, shown: target.edit.shown, caseSensitiveLocalPart: target.caseSensitive,
                createIfMissing: true)
            var added = 0, duplicates = 0
            for row in source.rows {
                if !list.listed(row.entry, hmacKey: target.hmacKey).isEmpty {
                    duplicates += 1
                    continue
                }
                list.append(row.entry)
                added += 1
            }
            if added > 0 { try list.write() }
            var summary = "\(list.shown): imported \(shown): \(added) added, \(duplicates) already listed"
            if skipInvalid { summary += ", \(source.problems.count) invalid skipped" }
            context.info(summary)
            return .success
        }
    }
}
