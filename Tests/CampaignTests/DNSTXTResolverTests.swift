// DNSTXTResolver against a real UDP DNS responder on loopback (a few lines of Python), started by the test.
import Campaign
import Foundation
import Testing

@Suite struct DNSTXTResolverTests {
    /// Answers every query with two TXT records, the first split into two character-strings (as long DKIM
    /// keys are), using a compression pointer for the answer name; "nx." names get NXDOMAIN.
    static let server = #"""
        import socket, struct, sys
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0))
        print(s.getsockname()[1], flush=True)
        for _ in range(int(sys.argv[1])):
            q, addr = s.recvfrom(512)
            qid = q[:2]; end = q.index(b"\0", 12) + 5; question = q[12:end]
            nx = question[1:3] == b"nx"
            header = qid + struct.pack(">HHHHH", 0x8183 if nx else 0x8180, 1, 0 if nx else 2, 0, 0)
            def txt(*parts):
                data = b"".join(bytes([len(p)]) + p for p in parts)
                return b"\xc0\x0c" + struct.pack(">HHIH", 16, 1, 60, len(data)) + data
            body = b"" if nx else txt(b"v=DKIM1; k=rsa; ", b"p=ABC") + txt(b"other")
            s.sendto(header + question + body, addr)
        """#

    @Test("TXT answers are parsed, character-strings joined; NXDOMAIN is a clear error")
    func lookup() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.server, "2"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        defer { process.terminate() }
        var portLine = Data()
        while !portLine.contains(0x0A) {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            portLine.append(chunk)
        }
        let port = try #require(UInt16(String(decoding: portLine, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))
        let records = try DNSTXTResolver.lookup("s1._domainkey.example.com", server: "127.0.0.1", port: port)
        #expect(records == ["v=DKIM1; k=rsa; p=ABC", "other"])
        #expect {
            _ = try DNSTXTResolver.lookup("nx.example.com", server: "127.0.0.1", port: port)
        } throws: { "\($0)" == "nx.example.com: no such name (NXDOMAIN)" }
    }
}
