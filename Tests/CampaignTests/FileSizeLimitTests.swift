// FileSizeLimitTests: whole-file reads (campaign, templates, attachments, keys, mail) stop at their bound
// (docs/limits.md): a file at the limit is read, one byte more is refused; fifos and folders never opened.
import Campaign
import EdmTestSupport
import Foundation
import Testing

@Suite struct FileSizeLimitTests {
    @Test("readSmallFile reads a file of exactly `limit` bytes and refuses one byte more")
    func sizeBound() throws {
        let folder = TemporaryDirectory()
        let limit = 4096
        let atLimit = folder.write("ok", bytes: [UInt8](repeating: 0x61, count: limit))
        #expect(try FileError.readSmallFile(atLimit, role: "template", limit: limit).count == limit)
        let over = folder.write("over", bytes: [UInt8](repeating: 0x61, count: limit + 1))
        #expect(throws: FileError(.tooLarge(limit: limit), path: over, role: "template")) {
            try FileError.readSmallFile(over, role: "template", limit: limit)
        }
        #expect(FileError(.tooLarge(limit: limit), path: "m.txt", role: "template").description
                == "template 'm.txt' is larger than 4096 bytes; is it the right file?")
    }

    @Test("a fifo is refused without opening it (opening would wait for a writer), a folder as a folder")
    func notRegularFiles() throws {
        let folder = TemporaryDirectory()
        let fifo = folder.file("fifo")
        try #require(mkfifo(fifo, 0o644) == 0)
        #expect(throws: FileError(.notRegularFile, path: fifo, role: "campaign file")) {
            try FileError.readSmallFile(fifo, role: "campaign file")
        }
        #expect(throws: FileError(.isDirectory, path: folder.path, role: "campaign file")) {
            try FileError.readSmallFile(folder.path, role: "campaign file")
        }
    }

    @Test("bounce import: a 20 MiB message is read, one byte more is skipped with a reason")
    func bounceMessageBound() {
        let folder = TemporaryDirectory()
        let header = Array("Subject: x\r\n\r\n".utf8)
        let limit = BounceInputs.maximumMessageBytes
        let atLimit = folder.write("ok.eml", bytes: header + [UInt8](repeating: 0x61, count: limit - header.count))
        let read = BounceInputs.read(atLimit, display: "ok.eml")
        #expect(read.count == 1 && read.first?.problem == nil && read.first?.bytes.count == limit)
        let over = folder.write("big.eml", bytes: header + [UInt8](repeating: 0x61, count: limit - header.count + 1))
        let skipped = BounceInputs.read(over, display: "big.eml")
        #expect(skipped.first?.problem == "larger than 20 MiB and not an mbox file; skipped")
        #expect(skipped.first?.bytes.isEmpty == true)
    }
}
