// SuppressionEntry: one line of a suppression list (plain or CSV with reason and date), parsed and normalised.
import EdmCrypto
import Foundation
import Mail

/// One entry of a suppression list, in the normalised form used for matching and for finding duplicates.
///
/// A line is either a plain entry (`ann@example.com`, optionally followed by ` # comment`) or a CSV record
/// `entry,reason,date` (RFC 4180 quoting within the line; reason and date may be empty). docs/suppression.md
/// describes the format; `edm suppress` writes the CSV form.
public struct SuppressionEntry: Sendable, Equatable {
    public enum Kind: UInt8, Sendable {
        /// A normalised recipient key.
        case address = 0x61
        /// `@domain`: exactly that domain (A-labels).
        case domain = 0x64
        /// `*.domain`: the domain and all its subdomains.
        case subdomains = 0x73
        /// `hmac-sha256:<hex>`: HMAC-SHA256(key, normalised address), lower-case hex.
        case hash = 0x68
    }

    public var kind: Kind
    /// The key, domain or hex digest (without `@`, `*.` or `hmac-sha256:`).
    public var value: String
    public var reason: String
    public var date: String

    public init(kind: Kind, value: String, reason: String = "", date: String = "") {
        self.kind = kind
        self.value = value
        self.reason = reason
        self.date = date
    }

    /// The entry as written in a list: `ann@example.com`, `@example.com`, `*.example.com`, `hmac-sha256:…`.
    public var text: String {
        switch kind {
        case .address: value
        case .domain: "@" + value
        case .subdomains: "*." + value
        case .hash: "hmac-sha256:" + value
        }
    }

    /// The CSV record `entry,reason,date` as `edm suppress` writes it.
    public var csvLine: String {
        [text, reason, date].map(Self.csvField).joined(separator: ",")
    }

    static func csvField(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "#" })
            || field != field.trimmingCharacters(in: .whitespaces)
        else {
            return field
        }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Turns the entry text (first field of a line) into an entry.
    /// - Returns: the entry, or a message saying why the text is not one.
    public static func classify(
        _ entry: String, caseSensitiveLocalPart: Bool = false
    ) -> Result<SuppressionEntry, SuppressionLineError> {
        let first = entry.utf8.first
        // Most entries are plain addresses: only lower-case the ones that may be a hash or domain entry.
        let lowered = first == 0x68 || first == 0x48 || first == 0x40 || first == 0x2A ? entry.lowercased() : ""
        if lowered.hasPrefix("hmac-sha256:") {
            let hex = String(lowered.dropFirst("hmac-sha256:".count))
            guard hex.utf8.count == 64, hex.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61
                && $0 <= 0x66) })
            else {
                return .failure(SuppressionLineError(
                    "'\(entry)' is not hmac-sha256: followed by 64 hexadecimal digits"))
            }
            return .success(SuppressionEntry(kind: .hash, value: hex))
        }
        if lowered.hasPrefix("*.") || lowered.hasPrefix("@") {
            let isSuffix = lowered.hasPrefix("*.")
            let domainText = String(lowered.dropFirst(isSuffix ? 2 : 1))
            guard let domain = try? IDNA.toASCII(domainText), domain.contains("."), !domain.hasPrefix(".") else {
                return .failure(SuppressionLineError(
                    "'\(entry)' is not a domain entry (write @example.com or *.example.com)"))
            }
            return .success(SuppressionEntry(kind: isSuffix ? .subdomains : .domain, value: domain))
        }
        do {
            let address = try AddressParser.parse(entry)
            return .success(SuppressionEntry(kind: .address,
                value: address.key(caseSensitiveLocalPart: caseSensitiveLocalPart)))
        } catch {
            return .failure(SuppressionLineError(
                "'\(entry)' is not an address, @domain, *.domain or hmac-sha256: entry (\(error.message))"))
        }
    }

    /// The keyed-hash entry for a normalised recipient key.
    public static func hashed(key: String, hmacKey: [UInt8]) -> String {
        Hex.encode(HMACSHA256.authenticate(Array(key.utf8), key: hmacKey))
    }

    /// `T`, `:`, `Z`, `+`, `-`, `.`, space: what may follow the date in ISO 8601 forms.
    private static func isDateSeparator(_ byte: UInt8) -> Bool {
        byte == 0x54 || byte == 0x3A || byte == 0x5A || byte == 0x2B || byte == 0x2D || byte == 0x2E || byte == 0x20
    }

    /// Whether `date` is empty or starts like ISO 8601 (`2026-03-20` or `2026-03-20T09:00:00Z`).
    static func isValidDate(_ date: String) -> Bool {
        var date = date
        return date.withUTF8 { bytes in
            if bytes.isEmpty { return true }
            guard bytes.count >= 10, bytes.count <= 40, bytes[4] == 0x2D, bytes[7] == 0x2D else { return false }
            for (position, byte) in bytes.enumerated() where position != 4 && position != 7 {
                let isDigit = byte >= 0x30 && byte <= 0x39
                guard isDigit || (position >= 10 && isDateSeparator(byte)) else { return false }
            }
            return true
        }
    }
}

/// Why a line of a suppression list is not an entry.
public struct SuppressionLineError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    init(_ message: String) { self.message = message }
    public var description: String { message }
}
