// DuplicateIndex: first occurrence wins, later ones report the first line, across regrowth.
import Campaign
import Testing

@Suite struct DuplicateIndexTests {
    @Test("a new key returns nil, a repeated key returns its first line")
    func firstWins() {
        var index = DuplicateIndex()
        #expect(index.insert("a@example.com", line: 2) == nil)
        #expect(index.insert("b@example.com", line: 3) == nil)
        #expect(index.insert("a@example.com", line: 9) == 2)
        #expect(index.insert("a@example.com", line: 12) == 2)
        #expect(index.count == 2)
        #expect(index.contains("b@example.com"))
        #expect(!index.contains("c@example.com"))
    }

    @Test("100,000 distinct keys survive regrowth and are all found again")
    func manyKeys() {
        var index = DuplicateIndex(expectedCount: 10)
        for n in 0..<100_000 {
            #expect(index.insert("user\(n)@example.com", line: n + 2) == nil)
        }
        #expect(index.count == 100_000)
        for n in stride(from: 0, to: 100_000, by: 997) {
            #expect(index.insert("user\(n)@example.com", line: 1) == n + 2)
        }
    }
}
