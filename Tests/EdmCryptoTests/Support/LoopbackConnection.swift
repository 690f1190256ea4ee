// LoopbackConnection: a plain TCP connection to 127.0.0.1 for TLSStream to run over.
import Foundation

/// A blocking TCP connection to 127.0.0.1, closed when released.
final class LoopbackConnection {
    let fileDescriptor: Int32

    init(port: Int) throws {
        fileDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fileDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else { throw PeerError(description: "connect to 127.0.0.1:\(port) failed: errno \(errno)") }
    }

    deinit { close(fileDescriptor) }
}
