// DomainValidator: checks the domain of an address (RFC 5321 §4.1.2, RFC 1035 §2.3.1, RFC 5890 LDH labels).

/// Validates and normalises the part of an address after the `@`.
enum DomainValidator {
    // RFC 1035 §2.3.4: labels are 63 octets or less.
    static let maxLabelLength = 63

    /// Validates `bytes` (the text after `@`) and returns the ASCII (A-label) and Unicode forms.
    static func validate(
        _ bytes: UnsafeBufferPointer<UInt8>, allowIPLiterals: Bool
    ) -> Result<(ascii: String, unicode: String), AddressError> {
        if bytes.first == ASCII.leftBracket {
            // RFC 5321 §4.1.3 address literal; refused by default because bulk mail to IPs is a data error.
            guard allowIPLiterals else {
                return .failure(AddressError(.ipLiteralNotAllowed, "IP address literals are not allowed"))
            }
            return AddressLiteral.validate(bytes).map { ($0, $0) }
        }
        if bytes.contains(where: { $0 >= 0x80 }) {
            do throws(AddressError) {
                let ascii = try IDNA.toASCII(String(decoding: bytes, as: UTF8.self))
                return .success((ascii, IDNA.toUnicode(ascii)))
            } catch {
                return .failure(error)
            }
        }
        var failure: AddressError?
        var hasALabel = false
        let ascii = String(unsafeUninitializedCapacity: bytes.count) { out in
            for index in 0..<bytes.count { out[index] = ASCII.lowercased(bytes[index]) }
            switch checkLabels(UnsafeBufferPointer(out)) {
            case .success(let sawALabel): hasALabel = sawALabel
            case .failure(let error): failure = error
            }
            return bytes.count
        }
        if let failure { return .failure(failure) }
        guard hasALabel else { return .success((ascii, ascii)) }
        if let error = IDNA.checkALabels(ascii) { return .failure(error) }
        return .success((ascii, IDNA.toUnicode(ascii)))
    }

    /// Checks lower-cased ASCII domain bytes: total length, LDH labels of 1–63 octets that neither start
    /// nor end with a hyphen, at least two labels, and a top-level label that is not all digits
    /// (RFC 3696 §2, so `user@10.0.0.1` is not taken for a name). Returns whether any label is `xn--`.
    static func checkLabels(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Bool, AddressError> {
        if bytes.count > AddressParser.maxDomainLength {
            let limit = AddressParser.maxDomainLength
            return .failure(AddressError(
                .domainTooLong, "the domain is \(bytes.count) octets; the limit is \(limit) (RFC 5321 §4.5.3.1.2)"))
        }
        var labelStart = 0
        var labelCount = 0
        var hasALabel = false
        var lastLabelAllDigits = true
        var index = 0
        while index <= bytes.count {
            if index == bytes.count || bytes[index] == ASCII.dot {
                let length = index - labelStart
                if length == 0 {
                    return .failure(AddressError(.invalidDomainLabel, "the domain has an empty label"))
                }
                if length > maxLabelLength {
                    return .failure(AddressError(
                        .invalidDomainLabel, "a domain label is \(length) octets; the limit is \(maxLabelLength)"))
                }
                if bytes[labelStart] == ASCII.hyphen || bytes[index - 1] == ASCII.hyphen {
                    return .failure(AddressError(
                        .invalidDomainLabel, "a domain label starts or ends with a hyphen"))
                }
                if length >= 4, bytes[labelStart] == 0x78, bytes[labelStart + 1] == 0x6E,
                    bytes[labelStart + 2] == ASCII.hyphen, bytes[labelStart + 3] == ASCII.hyphen {
                    hasALabel = true   // "xn--"
                }
                lastLabelAllDigits = true
                for position in labelStart..<index where !ASCII.isDigit(bytes[position]) {
                    lastLabelAllDigits = false
                    break
                }
                labelCount += 1
                labelStart = index + 1
            } else if !ASCII.isLDH(bytes[index]) {
                return .failure(AddressParser.invalidCharacter(bytes[index], "in the domain"))
            }
            index += 1
        }
        if labelCount < 2 {
            return .failure(AddressError(.singleLabelDomain, "the domain needs at least two labels, as in example.com"))
        }
        if lastLabelAllDigits {
            return .failure(AddressError(.invalidDomainLabel, "the top-level domain is all digits"))
        }
        return .success(hasALabel)
    }
}
