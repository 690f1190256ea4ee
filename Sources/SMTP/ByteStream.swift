// ByteStream: the only thing SMTPClient talks to (a socket, TLS over it, or a scripted stream in tests).
public import EdmCrypto

/// A connected, blocking byte stream. `SMTPClient` knows nothing else about the network, so its protocol
/// logic can be tested against scripted transcripts byte for byte (Go's net/smtp `faker`).
public protocol ByteStream: AnyObject {
    /// Blocks until at least one byte arrives; returns an empty array when the peer has closed.
    func read(upTo maxLength: Int) throws(SMTPError) -> [UInt8]
    /// Writes all of `bytes`.
    func write(_ bytes: [UInt8]) throws(SMTPError)
    /// Sets the timeout for each later read and write.
    func setTimeout(_ timeout: Duration) throws(SMTPError)
    /// Sets the timeout for later reads only (each reply has its own, RFC 5321 §4.5.3.2).
    func setReadTimeout(_ timeout: Duration) throws(SMTPError)
    /// Sets the timeout for later writes only (§4.5.3.2.5: each block of message data).
    func setWriteTimeout(_ timeout: Duration) throws(SMTPError)
    /// Starts TLS on this stream (STARTTLS or implicit TLS) and returns the encrypted stream to use from now
    /// on. The caller must have discarded any bytes it buffered before (RFC 3207 §4.2).
    func startTLS(context: TLSContext, serverName: String) throws(SMTPError) -> any ByteStream
    /// What TLS negotiated; nil for a plaintext stream.
    var tlsSession: TLSSessionInfo? { get }
    /// True when the peer is a loopback address (127.0.0.0/8, ::1), the only place plaintext AUTH may go.
    var peerIsLoopback: Bool { get }
    /// Closes the stream (sending TLS close_notify first where there is one). Idempotent.
    func close()
}

extension ByteStream {
    /// Streams without separate read and write timeouts (scripted ones in tests) set both.
    public func setReadTimeout(_ timeout: Duration) throws(SMTPError) { try setTimeout(timeout) }
    public func setWriteTimeout(_ timeout: Duration) throws(SMTPError) { try setTimeout(timeout) }
}
