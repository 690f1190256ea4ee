// Tests of the outbox transport: whole messages appear only in new/, names are unique, errors are clear.
import Foundation
import Testing

@testable import Campaign

@Suite struct OutboxWriterTests {
    static func message(_ number: Int) -> [UInt8] {
        Array("Message-ID: <\(number)@example.com>\r\nSubject: test \(number)\r\n\r\n".utf8)
            + [UInt8](repeating: UInt8(ascii: "x"), count: 1000 + number % 3000) + Array("\r\n".utf8)
    }

    static func names(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    @Test("a message lands complete in new/ under a recognisable name; tmp/ is left empty")
    func writesIntoNew() throws {
        let directory = JournalTemporaryDirectory()
        let root = directory.file("outbox")
        let outbox = try OutboxWriter(directory: root)
        let path = try outbox.write(Self.message(1), messageID: "<abc.123/../x@example.com>")
        #expect(path.hasPrefix(root + "/new/"))
        #expect(path.hasSuffix(".abc.123_.._x_example.com.eml"))
        #expect(path.contains("P\(getpid())Q1."))
        #expect(JournalFixtures.bytes(path) == Self.message(1))
        #expect(Self.names(root) == ["cur", "new", "tmp"])
        #expect(Self.names(root + "/tmp").isEmpty)
        #expect(Self.names(root + "/cur").isEmpty)
        #expect(outbox.statistics == .init(messages: 1, directorySyncs: 1))
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test("concurrent writers: unique names, complete files, shared directory fsyncs")
    func concurrentWriters() throws {
        let directory = JournalTemporaryDirectory()
        let root = directory.file("outbox")
        let outbox = try OutboxWriter(directory: root)
        let threads = 16
        let perThread = 25
        let count = threads * perThread
        JournalFixtures.runOnThreads(threads) { thread in
            for number in stride(from: thread, to: count, by: threads) {
                do {
                    _ = try outbox.write(Self.message(number), messageID: "<same@example.com>")
                } catch {
                    Issue.record("write failed: \(error)")
                }
            }
        }
        let names = Self.names(root + "/new")
        #expect(names.count == count)
        #expect(Set(names).count == count)
        #expect(Self.names(root + "/tmp").isEmpty)
        var bodies = Set<[UInt8]>()
        for name in names { bodies.insert(JournalFixtures.bytes(root + "/new/" + name)) }
        #expect(bodies == Set((0..<count).map(Self.message)))
        let statistics = outbox.statistics
        #expect(statistics.messages == count)
        #expect(statistics.directorySyncs <= count)
    }

    @Test("an outbox path that is a file is refused")
    func refusesFile() throws {
        let directory = JournalTemporaryDirectory()
        let file = directory.file("outbox")
        JournalFixtures.write([1], to: file)
        #expect(throws: JournalError(.notADirectory, path: file)) { try OutboxWriter(directory: file) }
        try FileManager.default.createDirectory(atPath: directory.file("box"), withIntermediateDirectories: true)
        JournalFixtures.write([1], to: directory.file("box/new"))
        let error = #expect(throws: JournalError.self) { try OutboxWriter(directory: directory.file("box")) }
        #expect(error?.description == "'\(directory.file("box/new"))' exists and is not a directory")
    }

    @Test("a message that cannot be created is reported with errno text")
    func cannotCreateMessage() throws {
        let directory = JournalTemporaryDirectory()
        let root = directory.file("outbox")
        let outbox = try OutboxWriter(directory: root)
        try FileManager.default.removeItem(atPath: root + "/tmp")  // works as root too, unlike chmod
        let error = #expect(throws: JournalError.self) { try outbox.write(Self.message(1)) }
        #expect(error?.kind == .cannotCreate(reason: "no such file or directory"))
        #expect(error?.description.hasPrefix("cannot create '\(root)/tmp/") == true)
        #expect(Self.names(root + "/new").isEmpty)
    }
}
