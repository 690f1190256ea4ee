// ConfigDuration: a length of time written in the campaign file as "30s", "5m", "2h", "3d" or "1h30m".

/// A duration from the campaign file. Units: ms, s, m (or min), h, d; parts may be combined ("1h30m").
public struct ConfigDuration: Sendable, Equatable, CustomStringConvertible {
    public var seconds: Double

    public init(seconds: Double) { self.seconds = seconds }

    /// Parses "30s", "5m", "1h30m", "250ms", "3d"; nil for anything else (no bare numbers: units are
    /// required so that "5" is never silently five seconds when five minutes were meant).
    public init?(parsing text: String) {
        var total = 0.0
        var digits = ""
        var unit = ""
        var sawPart = false
        func flush() -> Bool {
            guard let number = Double(digits), !unit.isEmpty else { return false }
            let scale: Double
            switch unit {
            case "ms": scale = 0.001
            case "s", "sec": scale = 1
            case "m", "min": scale = 60
            case "h": scale = 3600
            case "d": scale = 86400
            default: return false
            }
            total += number * scale
            digits = ""
            unit = ""
            sawPart = true
            return true
        }
        for character in text.trimmingCharacters(in: .whitespaces) {
            if character.isASCII, character.isNumber || character == "." {
                if !unit.isEmpty, !flush() { return nil }
                digits.append(character)
            } else if character.isASCII, character.isLetter {
                guard !digits.isEmpty else { return nil }
                unit.append(character)
            } else {
                return nil
            }
        }
        guard flush(), sawPart else { return nil }
        seconds = total
    }

    public var description: String {
        if seconds >= 86400, seconds.truncatingRemainder(dividingBy: 86400) == 0 { return "\(Int(seconds / 86400))d" }
        if seconds >= 3600, seconds.truncatingRemainder(dividingBy: 3600) == 0 { return "\(Int(seconds / 3600))h" }
        if seconds >= 60, seconds.truncatingRemainder(dividingBy: 60) == 0 { return "\(Int(seconds / 60))m" }
        if seconds >= 1, seconds.truncatingRemainder(dividingBy: 1) == 0 { return "\(Int(seconds))s" }
        return "\(Int((seconds * 1000).rounded()))ms"
    }
}
