// Punycode: the Bootstring encoding of Unicode labels for IDNA (RFC 3492 §5–§6).

/// RFC 3492 Punycode, without the `xn--` prefix and without mixed-case annotation.
public enum Punycode {
    // RFC 3492 §5: parameter values for Punycode.
    private static let base = 36
    private static let tMin = 1
    private static let tMax = 26
    private static let skew = 38
    private static let damp = 700
    private static let initialBias = 72
    private static let initialN = 0x80
    private static let delimiter: UInt8 = 0x2D
    // RFC 3492 §6.4: overflow is detected against the largest value the implementation handles; 32 bits
    // is what other implementations use, so every valid label round-trips everywhere.
    private static let maxInt = Int(UInt32.max)

    /// Encodes a label, for example `他们为什么不说中文` → `ihqwcrb4cv8a8dqg056pqjye`.
    ///
    /// Basic (ASCII) code points are copied as given, including their case (RFC 3492 §6.3).
    /// - Returns: the encoded label, or nil on arithmetic overflow (labels far beyond DNS limits).
    public static func encode(_ label: String) -> String? {
        let input = label.unicodeScalars.map { Int($0.value) }
        var output: [UInt8] = []
        output.reserveCapacity(input.count * 2)
        for codePoint in input where codePoint < initialN { output.append(UInt8(codePoint)) }
        let basicCount = output.count
        var handled = basicCount
        if basicCount > 0 { output.append(delimiter) }
        var n = initialN
        var delta = 0
        var bias = initialBias
        while handled < input.count {
            // The smallest code point not yet handled that is >= n.
            var next = Int.max
            for codePoint in input where codePoint >= n && codePoint < next { next = codePoint }
            guard next - n <= (maxInt - delta) / (handled + 1) else { return nil }
            delta += (next - n) * (handled + 1)
            n = next
            for codePoint in input {
                if codePoint < n {
                    delta += 1
                    guard delta <= maxInt else { return nil }
                }
                guard codePoint == n else { continue }
                var q = delta
                var k = base
                while true {
                    let t = threshold(k, bias)
                    if q < t { break }
                    output.append(digit(t + (q - t) % (base - t)))
                    q = (q - t) / (base - t)
                    k += base
                }
                output.append(digit(q))
                bias = adapt(delta: delta, count: handled + 1, first: handled == basicCount)
                delta = 0
                handled += 1
            }
            delta += 1
            n += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes a label, for example `ihqwcrb4cv8a8dqg056pqjye` → `他们为什么不说中文`.
    ///
    /// Digits are accepted in either case (RFC 3492 §5).
    /// - Returns: the decoded label, or nil when the input is not valid Punycode.
    public static func decode(_ label: String) -> String? {
        let input = Array(label.utf8)
        guard input.allSatisfy({ $0 < 0x80 }) else { return nil }
        var output: [Int] = []
        var position = 0
        // RFC 3492 §6.2: copy everything before the last delimiter; consume the delimiter only when
        // something preceded it.
        if let lastDelimiter = input.lastIndex(of: delimiter) {
            output = input[..<lastDelimiter].map { Int($0) }
            position = lastDelimiter > 0 ? lastDelimiter + 1 : 0
        }
        var n = initialN
        var i = 0
        var bias = initialBias
        while position < input.count {
            let oldI = i
            var weight = 1
            var k = base
            while true {
                guard position < input.count, let value = digitValue(input[position]) else { return nil }
                position += 1
                guard value <= (maxInt - i) / weight else { return nil }
                i += value * weight
                let t = threshold(k, bias)
                if value < t { break }
                guard weight <= maxInt / (base - t) else { return nil }
                weight *= base - t
                k += base
            }
            let count = output.count + 1
            bias = adapt(delta: i - oldI, count: count, first: oldI == 0)
            guard i / count <= maxInt - n else { return nil }
            n += i / count
            i %= count
            // A decoded basic code point or a surrogate means the input was not produced by an encoder.
            guard n >= initialN, Unicode.Scalar(UInt32(n)) != nil else { return nil }
            output.insert(n, at: i)
            i += 1
        }
        var scalars = String.UnicodeScalarView()
        for value in output {
            guard let scalar = Unicode.Scalar(UInt32(value)) else { return nil }
            scalars.append(scalar)
        }
        return String(scalars)
    }

    // RFC 3492 §6.1: bias adaptation.
    private static func adapt(delta: Int, count: Int, first: Bool) -> Int {
        var delta = first ? delta / damp : delta / 2
        delta += delta / count
        var k = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }

    private static func threshold(_ k: Int, _ bias: Int) -> Int {
        if k <= bias { return tMin }
        if k >= bias + tMax { return tMax }
        return k - bias
    }

    // RFC 3492 §5: digit values 0–25 are a–z, 26–35 are 0–9 (lower case on output).
    private static func digit(_ value: Int) -> UInt8 {
        value < 26 ? UInt8(0x61 + value) : UInt8(0x30 + value - 26)
    }

    private static func digitValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: return Int(byte) - 0x30 + 26
        case 0x41...0x5A: return Int(byte) - 0x41
        case 0x61...0x7A: return Int(byte) - 0x61
        default: return nil
        }
    }
}
