// DNSTXTResolver: a minimal DNS client for TXT records (RFC 1035), for `edm dkim check`.
import Foundation

/// Looks up TXT records over UDP from the resolver in /etc/resolv.conf (or a given server).
///
/// Why our own: glibc's `res_query` needs libresolv and its header macros; a TXT query is one small UDP
/// exchange (RFC 1035 §4.1), and keeping it here keeps `edm` free of extra system libraries.
public enum DNSTXTResolver {
    public struct LookupError: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The first `nameserver` of /etc/resolv.conf.
    public static func systemServer() -> String? {
        guard let text = try? String(contentsOfFile: "/etc/resolv.conf", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") {
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if parts.count >= 2, parts[0] == "nameserver", !parts[1].contains(":") { return String(parts[1]) }
        }
        return nil
    }

    /// Every TXT record of `name`, each with its character-strings joined (RFC 7208 §3.3 style, as DKIM
    /// records longer than 255 bytes are split).
    public static func lookup(_ name: String, server: String, port: UInt16 = 53, timeout: Double = 5) throws -> [String] {
        let id = UInt16.random(in: 0...UInt16.max)
        var query: [UInt8] = [UInt8(id >> 8), UInt8(id & 0xFF), 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]  // RD=1, QDCOUNT=1
        for label in name.split(separator: ".") {
            let bytes = Array(label.utf8)
            guard !bytes.isEmpty, bytes.count < 64 else { throw LookupError(message: "invalid DNS name '\(name)'") }
            query.append(UInt8(bytes.count))
            query += bytes
        }
        query += [0, 0, 16, 0, 1]  // root, QTYPE=TXT (16), QCLASS=IN
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw LookupError(message: "cannot open a UDP socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var tv = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        guard inet_pton(AF_INET, server, &address.sin_addr) == 1 else {
            throw LookupError(message: "'\(server)' is not an IPv4 address")
        }
        let sent = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                sendto(fd, query, query.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard sent == query.count else { throw LookupError(message: "cannot send the DNS query to \(server)") }
        var reply = [UInt8](repeating: 0, count: 4096)
        let count = recv(fd, &reply, reply.count, 0)
        guard count > 12 else { throw LookupError(message: "no answer from the DNS server \(server)") }
        return try parse(Array(reply[0..<count]), id: id, name: name)
    }

    /// Parses a DNS response (RFC 1035 §4.1), returning the TXT answers.
    static func parse(_ message: [UInt8], id: UInt16, name: String) throws -> [String] {
        func u16(_ at: Int) -> Int { at + 1 < message.count ? Int(message[at]) << 8 | Int(message[at + 1]) : 0 }
        guard u16(0) == Int(id) else { throw LookupError(message: "DNS reply does not match the query") }
        let rcode = message[3] & 0x0F
        if rcode == 3 { throw LookupError(message: "\(name): no such name (NXDOMAIN)") }
        guard rcode == 0 else { throw LookupError(message: "\(name): DNS error code \(rcode)") }
        let questions = u16(4), answers = u16(6)
        var offset = 12
        func skipName() throws {
            var hops = 0
            while offset < message.count {
                let length = Int(message[offset])
                if length & 0xC0 == 0xC0 { offset += 2; return }  // compression pointer ends the name
                offset += 1 + length
                if length == 0 { return }
                hops += 1
                if hops > 128 { break }
            }
            throw LookupError(message: "malformed DNS reply")
        }
        for _ in 0..<questions { try skipName(); offset += 4 }
        var records: [String] = []
        for _ in 0..<answers {
            try skipName()
            let type = u16(offset), length = u16(offset + 8)
            offset += 10
            guard offset + length <= message.count else { throw LookupError(message: "truncated DNS reply") }
            if type == 16 {
                var text: [UInt8] = []
                var position = offset
                while position < offset + length {
                    let size = Int(message[position])
                    position += 1
                    text += message[position..<min(position + size, offset + length)]
                    position += size
                }
                records.append(String(decoding: text, as: UTF8.self))
            }
            offset += length
        }
        return records
    }
}
