// TLSByteStream: a ByteStream that encrypts with EdmCrypto's TLSStream over a Socket.
import EdmCrypto

/// TLS over a connected `Socket`; owns both, so the socket outlives the TLS session using it.
final class TLSByteStream: ByteStream {
    private let socket: Socket
    private let tls: TLSStream
    let tlsSession: TLSSessionInfo?

    init(socket: Socket, tls: TLSStream) {
        self.socket = socket
        self.tls = tls
        self.tlsSession = tls.session
    }

    var peerIsLoopback: Bool { socket.peerIsLoopback }

    func read(upTo maxLength: Int) throws(SMTPError) -> [UInt8] {
        do throws(CryptoError) {
            return try tls.read(upTo: maxLength)
        } catch {
            throw Self.map(error, operation: "the server's reply")
        }
    }

    func write(_ bytes: [UInt8]) throws(SMTPError) {
        do throws(CryptoError) {
            try tls.write(bytes)
        } catch {
            throw Self.map(error, operation: "the server to accept data")
        }
    }

    func setTimeout(_ timeout: Duration) throws(SMTPError) {
        try socket.setTimeout(timeout)
    }

    func setReadTimeout(_ timeout: Duration) throws(SMTPError) {
        try socket.setReadTimeout(timeout)
    }

    func setWriteTimeout(_ timeout: Duration) throws(SMTPError) {
        try socket.setWriteTimeout(timeout)
    }

    func startTLS(context: TLSContext, serverName: String) throws(SMTPError) -> any ByteStream {
        // RFC 3207 §4.2: STARTTLS is never issued twice; the client already prevents it.
        throw SMTPError(.invalidArgument("TLS is already active on this connection"), command: "STARTTLS")
    }

    func close() {
        tls.shutdown()
        socket.close()
    }

    private static func map(_ error: CryptoError, operation: String) -> SMTPError {
        switch error.kind {
        case .timedOut: SMTPError(.timedOut(operation: operation))
        case .connectionClosed: SMTPError(.connectionClosed)
        case .io(let code): SMTPError(.network(errno: code, operation: operation))
        default: SMTPError(.tls(error))
        }
    }
}
