// libFuzzer target for SMTP reply parsing (Sources/SMTP): ReplyReader, EHLO capabilities, enhanced status
// codes, and the client's whole dialogue against a server that says whatever the input says. Built by
// scripts/fuzz with -enable-testing, for the internal ReplyReader.
import EdmCrypto
@testable import SMTP

/// Plays the input as the server's bytes, at most `chunkSize` per read; accepts every write; refuses TLS.
private final class FuzzedServer: ByteStream {
    private let bytes: [UInt8]
    private let chunkSize: Int
    private var offset = 0
    private(set) var written: [UInt8] = []

    init(_ bytes: [UInt8], chunkSize: Int) {
        self.bytes = bytes
        self.chunkSize = chunkSize
    }

    func read(upTo maxLength: Int) throws(SMTPError) -> [UInt8] {
        let count = min(maxLength, chunkSize, bytes.count - offset)
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    func write(_ bytes: [UInt8]) throws(SMTPError) {
        written.append(contentsOf: bytes)
    }

    func setTimeout(_ timeout: Duration) throws(SMTPError) {}

    func startTLS(context: TLSContext, serverName: String) throws(SMTPError) -> any ByteStream {
        throw SMTPError(.connectionClosed)
    }

    var tlsSession: TLSSessionInfo? { nil }
    var peerIsLoopback: Bool { true }
    func close() {}
}

/// The first byte picks the read size and the client's setup; the rest is what the server sends.
/// Properties checked: reply reading ends (every read consumes input or throws); each reply has a code in
/// 200...599 and at most `maximumLines` lines; the client never puts server text into its commands, so
/// everything it writes is CRLF-terminated lines without bare CR or LF.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSMTPReply(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let flags = data[0]
    let input = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let chunkSize = flags & 0x0F == 0 ? Int.max : Int(flags & 0x0F)

    // 1. The reader alone, reply after reply until the input runs out.
    let stream = FuzzedServer(input, chunkSize: chunkSize)
    var reader = ReplyReader()
    while let (reply, raw) = try? reader.readReply(from: stream) {
        check((200...599).contains(reply.code.rawValue), "a reply code outside 200...599")
        check(!reply.lines.isEmpty && reply.lines.count <= ReplyReader.maximumLines, "bad line count")
        check(raw.count == reply.lines.count, "raw and parsed lines differ in number")
        let capabilities = ServerCapabilities(ehloReply: reply)
        _ = (capabilities.maximumMessageSize, capabilities.authMechanisms, capabilities.startTLS)
        for line in reply.lines {
            _ = EnhancedStatusCode(prefixOf: Substring(line))
        }
        _ = reply.description
    }

    // 2. The client: greeting, EHLO/HELO, AUTH (when chosen), one transaction, QUIT.
    let server = FuzzedServer(input, chunkSize: chunkSize)
    let configuration = SMTPConfiguration(
        host: "relay.test", tlsPolicy: .dangerousPlaintext,
        credentials: flags & 0x10 != 0 ? .password(user: "user", password: "secret") : nil,
        authMechanism: flags & 0x20 != 0 ? .login : nil,
        clientName: "client.test", insecureAllowPlaintextAuthToLoopback: true)
    let client = SMTPClient(stream: server, configuration: configuration)
    if (try? client.start()) != nil {
        let message = Array("Subject: hi\r\n\r\n.dot\r\nbody\r\n".utf8)
        let envelope = Envelope(sender: "a@example.com", recipients: ["b@example.com", "c@example.com"])
        _ = try? client.send(message, envelope: envelope)
        _ = try? client.send(message, envelope: envelope)
    }
    client.quit()
    let lines = server.written.split(separator: 0x0A, omittingEmptySubsequences: false)
    check(lines.last?.isEmpty ?? true, "the client's last write is not a complete line")
    for line in lines.dropLast() {
        check(line.last == 0x0D && !line.dropLast().contains(0x0D), "a bare CR or LF on the wire")
    }
    return 0
}
