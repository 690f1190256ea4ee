// PostfixPeer: a private Postfix instance (scripts/peers/postfix-smtpd.sh) on a free loopback port.
import Foundation

/// Postfix with its own config, queue and log in a temporary folder; every accepted message is held in
/// DIR/queue/hold for the test to read with postcat. Stopped with `postfix stop` when released.
public final class PostfixPeer: @unchecked Sendable {
    public let directory: String
    public let port: Int

    public init() throws {
        guard getuid() == 0 else {
            throw PeerError(description: "the Postfix tests start a private Postfix instance and need root")
        }
        let certificates = try TestCertificates.get()
        directory = NSTemporaryDirectory() + "edm-postfix-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        port = try Self.freePort()
        let script = PeerProcess.scriptsDirectory + "/postfix-smtpd.sh"
        let (status, output) = Self.run(
            "/bin/bash", [script, "start", directory, String(port), certificates.pem("good"), certificates.key("good")])
        guard status == 0 else {
            Self.run("/bin/bash", [PeerProcess.scriptsDirectory + "/postfix-smtpd.sh", "stop", directory])
            throw PeerError(
                description: "Postfix did not start (\(output.suffix(600))) -- run scripts/install-test-deps")
        }
        // master binds the port itself; wait until smtpd answers.
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, !Self.accepts(port: port) { usleep(50_000) }
    }

    deinit {
        Self.run("/bin/bash", [PeerProcess.scriptsDirectory + "/postfix-smtpd.sh", "stop", directory])
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The queue files of held messages.
    public var heldMessages: [String] {
        let hold = directory + "/queue/hold"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: hold)) ?? []
        return names.sorted().map { hold + "/" + $0 }
    }

    /// `postcat -e -h -b` of one queue file: envelope ("sender: …", "recipient: …"), headers and body.
    public func postcat(_ file: String) -> String {
        Self.run("/usr/sbin/postcat", ["-c", directory + "/etc", "-e", "-h", "-b", file]).1
    }

    /// The log, for failure messages.
    public var log: String { (try? String(contentsOfFile: directory + "/maillog", encoding: .utf8)) ?? "" }

    @discardableResult
    public static func run(_ executable: String, _ arguments: [String]) -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return (-1, "\(executable): \(error)")
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// A port the kernel just handed out on 127.0.0.1 (and took back).
    public static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard ok else { throw PeerError(description: "no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func accepts(port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
