// Tests of the campaign lock: one holder at a time, the holder's PID in the error, crashed holders forgotten.
import Foundation
import Testing

@testable import Campaign

@Suite struct CampaignLockTests {
    @Test("a second lock in the same process fails at once with this process's PID")
    func secondLockSameProcess() throws {
        let directory = JournalTemporaryDirectory()
        let path = directory.file("c.journal.lock")
        let first = try CampaignLock(path: path)
        #expect(first.isHeld)
        #expect(throws: JournalError(.locked(holderPID: getpid()), path: path)) { try CampaignLock(path: path) }
        first.release()
        #expect(!first.isHeld)
        let second = try CampaignLock(path: path)
        #expect(second.isHeld)
        #expect(JournalFixtures.text(path) == "\(getpid())\n")
    }

    @Test("deinit releases the lock")
    func deinitReleases() throws {
        let directory = JournalTemporaryDirectory()
        let path = directory.file("c.lock")
        do {
            let lock = try CampaignLock(path: path)
            _ = lock
        }
        _ = try CampaignLock(path: path)
    }

    @Test("a second Journal.open on the same journal is refused while the first is open")
    func journalOpenLocks() throws {
        let directory = JournalTemporaryDirectory()
        let path = directory.file("c.journal")
        let journal = try Journal.open(path: path, header: JournalFixtures.header)
        let error = #expect(throws: JournalError.self) { try Journal.open(path: path, header: JournalFixtures.header) }
        #expect(error?.kind == .locked(holderPID: getpid()))
        #expect(error?.path == path + ".lock")
        #expect(error?.description.contains("is held by process \(getpid())") == true)
        try journal.close()
        try Journal.open(path: path, header: JournalFixtures.header).close()
    }

    @Test("a child process holding the lock blocks acquisition; killing it with -9 frees the lock")
    func childProcessHolder() throws {
        let directory = JournalTemporaryDirectory()
        let path = directory.file("c.journal.lock")
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/sh")
        // Lock fd 9 with flock(1), write our PID like edm does, then become `sleep` (same PID, fd 9 inherited).
        let script = #"exec 9>>"$1"; flock -n 9 || exit 1; echo $$ > "$1"; echo locked; exec sleep 60"#
        child.arguments = ["-c", script, "sh", path]
        let output = Pipe()
        child.standardOutput = output
        try child.run()
        let ready = output.fileHandleForReading.readData(ofLength: 7)
        try #require(String(decoding: ready, as: UTF8.self) == "locked\n")

        #expect(throws: JournalError(.locked(holderPID: child.processIdentifier), path: path)) {
            try CampaignLock(path: path)
        }
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        let lock = try CampaignLock(path: path)
        #expect(lock.isHeld)
    }

    @Test("an unreadable location is a clear create error")
    func cannotCreate() {
        let error = #expect(throws: JournalError.self) { try CampaignLock(path: "/nonexistent-dir/c.lock") }
        #expect(error?.kind == .cannotCreate(reason: "no such file or directory"))
    }
}
