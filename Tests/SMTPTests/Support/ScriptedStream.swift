// ScriptedStream: a ByteStream that replays scripted server bytes and records the dialogue (Go's `faker`).
import EdmCrypto
import SMTP

/// Plays a server from a script and records everything in order, so a test can assert the exact bytes the
/// client sent and when (interleaving shows whether the client waited for replies or pipelined).
final class ScriptedStream: ByteStream {
    enum Step {
        /// Bytes the server sends; one read returns at most one step's bytes.
        case server([UInt8])
        /// The server expects a TLS handshake here (after its 220 to STARTTLS, or first for implicit TLS).
        case tls
        /// The server closes the connection.
        case hangUp
        /// The server goes silent: the next read times out.
        case silence
    }

    private enum Record {
        case client([UInt8])
        case server([UInt8])
        case event(String)
    }

    private var steps: [Step]
    private var index = 0
    private var offset = 0
    private let chunkSize: Int
    private var records: [Record] = []
    private(set) var isClosed = false
    private(set) var tlsActive = false
    let peerIsLoopback: Bool
    /// Every timeout the client set, in order.
    private(set) var timeouts: [Duration] = []

    /// - Parameter chunkSize: the most bytes one read returns (1 delivers replies one byte at a time).
    init(_ steps: [Step], chunkSize: Int = .max, loopback: Bool = false) {
        self.steps = steps
        self.chunkSize = chunkSize
        self.peerIsLoopback = loopback
    }

    func read(upTo maxLength: Int) throws(SMTPError) -> [UInt8] {
        guard !isClosed else { throw SMTPError(.connectionClosed) }
        guard index < steps.count else { return [] }
        switch steps[index] {
        case .server(let bytes):
            let count = min(maxLength, chunkSize, bytes.count - offset)
            let chunk = Array(bytes[offset..<offset + count])
            offset += count
            if offset == bytes.count {
                index += 1
                offset = 0
            }
            append(.server(chunk))
            return chunk
        case .tls, .silence:
            // A real server waiting for a ClientHello (or silent) sends nothing: the client times out.
            throw SMTPError(.timedOut(operation: "the server's reply"))
        case .hangUp:
            return []
        }
    }

    /// The client write (counted from 0) that fails as if the connection broke; nil: none fails.
    var failingWrite: Int?
    private var writes = 0

    func write(_ bytes: [UInt8]) throws(SMTPError) {
        guard !isClosed else { throw SMTPError(.connectionClosed) }
        defer { writes += 1 }
        if writes == failingWrite { throw SMTPError(.connectionClosed) }
        append(.client(bytes))
    }

    /// Each client write as text, in order (shows what left in one write).
    var clientWrites: [String] {
        records.compactMap { record -> String? in
            if case .client(let bytes) = record { return String(decoding: bytes, as: UTF8.self) }
            return nil
        }
    }

    func setTimeout(_ timeout: Duration) throws(SMTPError) {
        timeouts.append(timeout)
    }

    func startTLS(context: TLSContext, serverName: String) throws(SMTPError) -> any ByteStream {
        // Unread plaintext would be fed into the handshake by a real TLS library, which then fails.
        guard index < steps.count, case .tls = steps[index], offset == 0 else {
            throw SMTPError(.tls(CryptoError(operation: "TLS handshake with \(serverName)",
                                             details: ["scripted server did not expect a handshake"])))
        }
        index += 1
        tlsActive = true
        records.append(.event("-- TLS --"))
        return self
    }

    var tlsSession: TLSSessionInfo? {
        guard tlsActive else { return nil }
        return TLSSessionInfo(
            protocolVersion: "TLSv1.3", cipher: "TLS_AES_256_GCM_SHA384",
            peerCertificate: CertificateInfo(subject: "CN=mx.test", issuer: "CN=Test CA", notBefore: 0,
                                             notAfter: 1_900_000_000))
    }

    func close() {
        guard !isClosed else { return }
        isClosed = true
        records.append(.event("-- closed --"))
    }

    /// Everything the client wrote, concatenated.
    var clientBytes: [UInt8] {
        records.flatMap { record -> [UInt8] in
            if case .client(let bytes) = record { return bytes }
            return []
        }
    }

    /// The dialogue as "S: …" / "C: …" lines (CRLF-split; bare CR or LF shown escaped; a last line without
    /// CRLF marked "[no CRLF]") and "-- TLS --" / "-- closed --" events.
    var transcript: String {
        var lines: [String] = []
        var pending: (prefix: String, bytes: [UInt8])?
        func flush() {
            guard let block = pending else { return }
            var rest = block.bytes[...]
            func isCRLF(_ index: Int) -> Bool {
                rest[index] == 13 && index + 1 < rest.endIndex && rest[index + 1] == 10
            }
            while let end = rest.indices.first(where: isCRLF) {
                lines.append(block.prefix + String(escapingForDisplay: rest[rest.startIndex..<end]))
                rest = rest[(end + 2)...]
            }
            if !rest.isEmpty { lines.append(block.prefix + String(escapingForDisplay: rest) + " [no CRLF]") }
            pending = nil
        }
        for record in records {
            switch record {
            case .client(let bytes), .server(let bytes):
                let prefix: String
                if case .client = record { prefix = "C: " } else { prefix = "S: " }
                if pending?.prefix == prefix {
                    pending?.bytes += bytes
                } else {
                    flush()
                    pending = (prefix, bytes)
                }
            case .event(let text):
                flush()
                lines.append(text)
            }
        }
        flush()
        return lines.joined(separator: "\n")
    }

    /// Whether every scripted server byte was read.
    var scriptFinished: Bool { index >= steps.count || (index == steps.count - 1 && isTerminal(steps[index])) }

    private func isTerminal(_ step: Step) -> Bool {
        if case .hangUp = step { return true }
        return false
    }

    private func append(_ record: Record) {
        records.append(record)
    }
}

extension ScriptedStream.Step {
    /// Server text with "\n" line ends turned into CRLF (scripts read better that way).
    static func reply(_ text: String) -> Self { .server(Array(text.replacingCRLF().utf8)) }
}

extension String {
    /// "\n" → "\r\n", for writing scripts and expected bytes readably.
    func replacingCRLF() -> String {
        var out = ""
        for character in self {
            if character == "\n" { out += "\r\n" } else { out.append(character) }
        }
        return out
    }
}
