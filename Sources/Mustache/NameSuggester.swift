// NameSuggester: "did you mean …?" by optimal-string-alignment edit distance.

/// Picks the known name closest to a misspelt one.
enum NameSuggester {
    /// The closest candidate, or `nil` when none is close enough to be a plausible typo.
    ///
    /// Distance is Damerau–Levenshtein in its optimal-string-alignment form, over lower-cased Unicode scalars,
    /// so a swapped pair (`frist` / `first`) costs one edit and `Email` matches `email`. A candidate qualifies
    /// within `max(1, length / 3)` edits (at most 3, the rule edm's other "did you mean" messages use), and
    /// only if it does not replace the whole name; ties go to the alphabetically first candidate (the input is
    /// sorted) so messages are stable.
    static func closest(to name: String, among sortedCandidates: [String]) -> String? {
        let target = Array(name.lowercased().unicodeScalars)
        let limit = min(3, max(1, target.count / 3))
        var best: (name: String, distance: Int)?
        for candidate in sortedCandidates {
            let distance = editDistance(target, Array(candidate.lowercased().unicodeScalars))
            guard distance <= limit, distance < target.count else {
                continue
            }
            if best.map({ distance < $0.distance }) ?? true {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    /// Optimal string alignment distance (insertions, deletions, substitutions, adjacent transpositions).
    static func editDistance(_ lhs: [Unicode.Scalar], _ rhs: [Unicode.Scalar]) -> Int {
        if lhs.isEmpty {
            return rhs.count
        }
        if rhs.isEmpty {
            return lhs.count
        }
        let width = rhs.count + 1
        // Three rolling rows: two back (for transpositions), previous and current.
        var previousPrevious = [Int](repeating: 0, count: width)
        var previous = Array(0...rhs.count)
        var current = [Int](repeating: 0, count: width)
        for row in 1...lhs.count {
            current[0] = row
            for column in 1...rhs.count {
                let cost = lhs[row - 1] == rhs[column - 1] ? 0 : 1
                var value = min(previous[column] + 1, current[column - 1] + 1, previous[column - 1] + cost)
                if row > 1 && column > 1 && lhs[row - 1] == rhs[column - 2] && lhs[row - 2] == rhs[column - 1] {
                    value = min(value, previousPrevious[column - 2] + 1)
                }
                current[column] = value
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[rhs.count]
    }
}
