// SuppressionFile: editing a list keeps comments, never duplicates an entry, and writes atomically.
import Campaign
import EdmTestSupport
import Foundation
import Testing

@Suite struct SuppressionFileTests {
    func entry(_ text: String) throws -> SuppressionEntry {
        try SuppressionEntry.classify(text).get()
    }

    @Test("append, find by normalised form, remove, write: comments and other lines survive")
    func edit() throws {
        let folder = TemporaryDirectory()
        let path = folder.write("s.txt", "# keep me\nAnn@Example.com\n@spam.example.net # domain\n", mode: 0o640)
        var list = try SuppressionFile(path: path, shown: "s.txt")
        #expect(list.entries.map(\.line) == [2, 3])
        #expect(list.listed(try entry("ann@EXAMPLE.com"), hmacKey: nil).map(\.line) == [2])
        var bob = try entry("bob@example.com")
        bob.reason = "complaint"
        bob.date = "2026-03-20T09:00:00Z"
        list.append(bob)
        list.remove(lines: [2])
        #expect(list.entries.map(\.line) == [2, 3])
        try list.write()
        #expect(folder.read("s.txt") == "# keep me\n@spam.example.net # domain\nbob@example.com,complaint,2026-03-20T09:00:00Z\n")
        var info = stat()
        stat(path, &info)
        #expect(info.st_mode & 0o777 == 0o640, "the file keeps its mode")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(leftovers == ["s.txt"], "no temporary file is left behind")
    }

    @Test("a new list starts with the format comment and is created with mode 0600")
    func newFile() throws {
        let folder = TemporaryDirectory()
        var list = try SuppressionFile(path: folder.file("new.txt"), shown: "new.txt", createIfMissing: true)
        #expect(!list.existed)
        list.append(try entry("*.example.org"))
        try list.write()
        #expect(folder.read("new.txt") == SuppressionFile.newFileHeader + "\n*.example.org,,\n")
        var info = stat()
        stat(folder.file("new.txt"), &info)
        #expect(info.st_mode & 0o777 == 0o600)
    }

    @Test("a missing list is an error unless it may be created; a malformed one is never rewritten")
    func failClosed() {
        let folder = TemporaryDirectory()
        #expect(throws: FileError.self) { try SuppressionFile(path: folder.file("none.txt"), shown: "none.txt") }
        folder.write("bad.txt", "ok@example.com\nnope\n")
        #expect {
            try SuppressionFile(path: folder.file("bad.txt"), shown: "bad.txt", createIfMissing: true)
        } throws: { error in
            (error as? CampaignFailure)?.diagnostics.map(\.line) == [2]
        }
    }

    @Test("an address finds its keyed hash when the key is known")
    func hashedLookup() throws {
        let folder = TemporaryDirectory()
        let hex = EdmTestSupportHMAC.hex(key: "k", message: "zed@example.com")
        let path = folder.write("s.txt", "hmac-sha256:\(hex),unsubscribed,2026-03-20\n")
        let list = try SuppressionFile(path: path, shown: "s.txt")
        #expect(list.listed(try entry("Zed@example.com"), hmacKey: Array("k".utf8)).map(\.line) == [1])
        #expect(list.listed(try entry("zed@example.com"), hmacKey: nil).isEmpty)
        #expect(SuppressionEntry.hashed(key: "zed@example.com", hmacKey: Array("k".utf8)) == hex)
    }
}
