// Socket: a blocking TCP connection (IPv4 or IPv6) with connect, read and write timeouts.
public import EdmCrypto
#if canImport(Glibc)
import Glibc
#endif

/// A connected TCP socket. The only pointer-level network code in edm: getaddrinfo, a non-blocking connect
/// bounded by poll(2), then blocking I/O with SO_RCVTIMEO/SO_SNDTIMEO. System calls are retried on EINTR.
public final class Socket: ByteStream {
    let fileDescriptor: Int32
    /// The numeric address connected to, e.g. "127.0.0.1" or "::1".
    public let remoteAddress: String
    public let peerIsLoopback: Bool
    private var isClosed = false
    // The timeouts last set, so an unchanged one costs no setsockopt (a message's replies alternate between
    // two or three values; setting both options before every read was most of edm's system calls).
    private var readTimeout: Duration?
    private var writeTimeout: Duration?

    private init(fileDescriptor: Int32, remoteAddress: String, isLoopback: Bool) {
        self.fileDescriptor = fileDescriptor
        self.remoteAddress = remoteAddress
        self.peerIsLoopback = isLoopback
    }

    deinit { close() }

    /// Resolves `host` and connects to the first address that answers within the remaining time.
    ///
    /// - Throws: `SMTPError` with kind `.resolution`, `.timedOut` or `.network`.
    public static func connect(host: String, port: Int, timeout: Duration) throws(SMTPError) -> Socket {
        guard (1...65535).contains(port) else { throw SMTPError(.invalidArgument("port \(port) is out of range")) }
        let name = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        // No AI_ADDRCONFIG: on a host with only loopback configured it can hide "localhost" itself; an
        // unreachable address family just fails fast and the next address is tried.
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(name, String(port), &hints, &list)
        guard status == 0, let first = list else {
            let message = status == EAI_SYSTEM
                ? String(cString: strerror(errno)) : String(cString: gai_strerror(status))
            throw SMTPError(.resolution(host: host, message: message))
        }
        defer { freeaddrinfo(list) }

        let deadline = ContinuousClock.now.advanced(by: timeout)
        var lastError = SMTPError(.timedOut(operation: "connect to \(host):\(port)"))
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let info = entry {
            entry = info.pointee.ai_next
            guard let address = info.pointee.ai_addr else { continue }
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else { break }
            do throws(SMTPError) {
                let descriptor = try connectOne(
                    address, length: info.pointee.ai_addrlen, family: info.pointee.ai_family, within: remaining,
                    label: "\(host):\(port)")
                let (text, loopback) = describe(address)
                return Socket(fileDescriptor: descriptor, remoteAddress: text, isLoopback: loopback)
            } catch {
                lastError = error
            }
        }
        throw lastError
    }

    private static func connectOne(
        _ address: UnsafeMutablePointer<sockaddr>, length: socklen_t, family: Int32, within timeout: Duration,
        label: String
    ) throws(SMTPError) -> Int32 {
        let descriptor = Glibc.socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw SMTPError(.network(errno: errno, operation: "socket")) }
        var success = false
        defer { if !success { _ = Glibc.close(descriptor) } }

        let flags = fcntl(descriptor, F_GETFL)
        _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
        if Glibc.connect(descriptor, address, length) != 0 {
            guard errno == EINPROGRESS || errno == EINTR else {
                throw SMTPError(.network(errno: errno, operation: "connect to \(label)"))
            }
            var pollfd = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
            let milliseconds = Int32(clamping: timeout.components.seconds * 1000
                                     + timeout.components.attoseconds / 1_000_000_000_000_000)
            var ready: Int32
            repeat { ready = poll(&pollfd, 1, max(1, milliseconds)) } while ready < 0 && errno == EINTR
            guard ready > 0 else { throw SMTPError(.timedOut(operation: "connect to \(label)")) }
            var socketError: Int32 = 0
            var size = socklen_t(MemoryLayout<Int32>.size)
            _ = getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &socketError, &size)
            guard socketError == 0 else {
                throw SMTPError(.network(errno: socketError, operation: "connect to \(label)"))
            }
        }
        _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK)
        // Commands are written whole; Nagle's algorithm would only hold back the tail of a TLS write until the
        // server's delayed ACK.
        var one: Int32 = 1
        _ = setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        success = true
        return descriptor
    }

    private static func describe(_ address: UnsafeMutablePointer<sockaddr>) -> (String, Bool) {
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        let length = socklen_t(address.pointee.sa_family == sa_family_t(AF_INET6)
                               ? MemoryLayout<sockaddr_in6>.size : MemoryLayout<sockaddr_in>.size)
        _ = getnameinfo(address, length, &host, socklen_t(host.count), nil, 0, NI_NUMERICHOST)
        let text = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let loopback = text.hasPrefix("127.") || text == "::1" || text.hasPrefix("::ffff:127.")
        return (text, loopback)
    }

    public func read(upTo maxLength: Int) throws(SMTPError) -> [UInt8] {
        guard !isClosed else { throw SMTPError(.connectionClosed) }
        var bytes = [UInt8](repeating: 0, count: maxLength)
        let descriptor = fileDescriptor
        var count: Int
        repeat {
            count = bytes.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        } while count < 0 && errno == EINTR
        guard count >= 0 else {
            if errno == EAGAIN || errno == EWOULDBLOCK { throw SMTPError(.timedOut(operation: "the server's reply")) }
            if errno == ECONNRESET { throw SMTPError(.connectionClosed) }
            throw SMTPError(.network(errno: errno, operation: "recv"))
        }
        bytes.removeSubrange(count...)
        return bytes
    }

    public func write(_ bytes: [UInt8]) throws(SMTPError) {
        guard !isClosed else { throw SMTPError(.connectionClosed) }
        let descriptor = fileDescriptor
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { raw in
                raw.baseAddress.map { send(descriptor, $0 + offset, raw.count - offset, Int32(MSG_NOSIGNAL)) } ?? 0
            }
            if count < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK {
                    throw SMTPError(.timedOut(operation: "the server to accept data"))
                }
                if errno == EPIPE || errno == ECONNRESET { throw SMTPError(.connectionClosed) }
                throw SMTPError(.network(errno: errno, operation: "send"))
            }
            offset += count
        }
    }

    public func setTimeout(_ timeout: Duration) throws(SMTPError) {
        try setReadTimeout(timeout)
        try setWriteTimeout(timeout)
    }

    public func setReadTimeout(_ timeout: Duration) throws(SMTPError) {
        guard timeout != readTimeout else { return }
        try setOption(SO_RCVTIMEO, timeout)
        readTimeout = timeout
    }

    public func setWriteTimeout(_ timeout: Duration) throws(SMTPError) {
        guard timeout != writeTimeout else { return }
        try setOption(SO_SNDTIMEO, timeout)
        writeTimeout = timeout
    }

    private func setOption(_ option: Int32, _ timeout: Duration) throws(SMTPError) {
        let (seconds, attoseconds) = timeout.components
        // A zero timeval means "wait forever" to setsockopt; the shortest real timeout is 1 µs.
        let microseconds = max(seconds == 0 ? 1 : 0, Int(attoseconds / 1_000_000_000_000))
        var value = timeval(tv_sec: Int(max(0, seconds)), tv_usec: microseconds)
        guard setsockopt(fileDescriptor, SOL_SOCKET, option, &value, socklen_t(MemoryLayout<timeval>.size)) == 0
        else { throw SMTPError(.network(errno: errno, operation: "setsockopt")) }
    }

    public func startTLS(context: TLSContext, serverName: String) throws(SMTPError) -> any ByteStream {
        guard !isClosed else { throw SMTPError(.connectionClosed) }
        do throws(CryptoError) {
            let tls = try TLSStream(fileDescriptor: fileDescriptor, serverName: serverName, context: context)
            return TLSByteStream(socket: self, tls: tls)
        } catch {
            throw SMTPError(.tls(error))
        }
    }

    public var tlsSession: TLSSessionInfo? { nil }

    public func close() {
        guard !isClosed else { return }
        isClosed = true
        _ = Glibc.close(fileDescriptor)
    }
}
