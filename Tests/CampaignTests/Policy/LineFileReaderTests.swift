// LineFileReaderTests: the suppression list line bound (docs/limits.md): at the limit read, one byte more refused.
@testable import Campaign
import EdmTestSupport
import Foundation
import Testing

@Suite struct LineFileReaderTests {
    @Test("a line of exactly 64 KiB is read; one byte more is refused naming file, line and column")
    func lineBound() throws {
        let folder = TemporaryDirectory()
        let limit = LineFileReader.maximumLineLength
        let atLimit = folder.write("ok.txt", bytes: Array("first\n".utf8) + [UInt8](repeating: 0x61, count: limit) + [0x0A])
        var lengths: [Int] = []
        try LineFileReader.forEachLine(path: atLimit, shown: "ok.txt", role: "suppression list") { line, _ in
            lengths.append(line.count)
        }
        #expect(lengths == [5, limit])

        // Also without a final newline, where the reader would otherwise hold the whole file.
        for tail in [[0x0A], []] as [[UInt8]] {
            let over = folder.write("over.txt", bytes: Array("first\n".utf8) + [UInt8](repeating: 0x61, count: limit + 1) + tail)
            let failure = #expect(throws: CampaignFailure.self) {
                try LineFileReader.forEachLine(path: over, shown: "over.txt", role: "suppression list") { _, _ in }
            }
            #expect(failure?.category == .badData)
            #expect(failure?.diagnostics.first?.line == 2)
            #expect(failure?.diagnostics.first?.column == limit + 1)
            #expect(failure?.diagnostics.first?.message == "line longer than 65536 bytes; is this file really a suppression list?")
        }
    }

    @Test("lines split across 1 MiB reads come out whole and numbered")
    func linesAcrossReads() throws {
        let folder = TemporaryDirectory()
        let line = String(repeating: "x", count: 999) + "\n"
        let path = folder.write("many.txt", String(repeating: line, count: 3000))
        var count = 0
        try LineFileReader.forEachLine(path: path, shown: "many.txt", role: "suppression list") { bytes, number in
            count += 1
            #expect(bytes.count == 999 && number == count)
        }
        #expect(count == 3000)
    }

    @Test("a suppression list of bad lines reports 20, then counts the rest")
    func problemCap() throws {
        let folder = TemporaryDirectory()
        let path = folder.write("s.txt", String(repeating: "not an address\n", count: 50))
        var list = SuppressionList()
        let failure = #expect(throws: CampaignFailure.self) { try list.load(path: path, displayPath: "s.txt") }
        #expect(failure?.diagnostics.count == SuppressionList.maximumReportedProblems + 1)
        #expect(failure?.diagnostics.last?.message == "30 more lines like these; is this file really a suppression list?")
    }
}
