// DKIMCommandTests: `edm help dkim` verbatim, and `edm dkim bench` timing a throwaway key.
import EdmTestSupport
import Testing

@Suite struct DKIMCommandTests {
    @Test("edm help dkim")
    func dkimHelp() {
        let expected = """
            OVERVIEW: Make DKIM keys and check them against DNS.

            keygen writes <selector>.<domain>.pem (mode 0600, never overwritten) and prints the DNS TXT
            record to publish at <selector>._domainkey.<domain>.
            check loads the campaign's keys, looks up each selector's TXT record (or uses --txt), and
            confirms the published key matches and that d= aligns with the From domain. Exit 0 when all
            match, 78 when a key or record is wrong, 69 when DNS cannot be reached.
            bench makes a throwaway key in memory (RSA-2048, Ed25519 or both; nothing is written), signs a
            ~5 KB sample message with it on one thread for --seconds (default 3), as a campaign send signs
            each message (body hash, header canonicalisation, signature), and prints signatures/s per key
            type. bench/dkim sets these beside openssl speed.

            USAGE: edm dkim keygen --domain <domain> --selector <name> [--type rsa|ed25519] [--bits <n>] [--out <dir>]
                   edm dkim check <campaign.toml> [--txt <record>]
                   edm dkim bench [--type rsa|ed25519|both] [--seconds <n>]

            ARGUMENTS:
              <keygen|check|bench>      What to do.

            OPTIONS:
              --domain <domain>         keygen: the signing domain (d=).
              --selector <name>         keygen: the selector (s=), e.g. s2026.
              --type <rsa|ed25519>      keygen: key type (default: rsa); bench: or both (default).
              --bits <n>                keygen: RSA size, 1024 to 4096 (default: 2048).
              --out <dir>               keygen: folder for the key (default: .).
              --txt <record>            check: the published record, instead of a DNS lookup.
              --dns-server <ip>         check: DNS server (default: from /etc/resolv.conf).
              --seconds <n>             bench: how long to sign each key type, 1 to 600 (default: 3).

            \(HelpTests.globalOptions)
            """
        let result = EdmRun.inProcess(["help", "dkim"])
        #expect(result.code == 0)
        #expect(result.stdout == expected)
        #expect(EdmRun.inProcess(["dkim", "--help"]).stdout == expected)
    }

    @Test("edm dkim bench prints signatures/s for each key type asked for")
    func bench() throws {
        let result = EdmRun.inProcess(["dkim", "bench", "--type", "ed25519", "--seconds", "1"])
        #expect(result.code == 0, "\(result.stderr)")
        // One line for whole DKIM signatures, one for the signature primitive alone.
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        for line in lines {
            let words = line.split(separator: " ")
            #expect(words.first == "Ed25519")
            #expect(words.count > 2 && words[2] == "signatures/s")
            #expect((words.count > 1 ? Double(words[1]) : nil).map { $0 > 0 } == true, "\(result.stdout)")
        }
        #expect(lines.last?.contains("signature-only") == true)
    }

    @Test("edm dkim bench refuses an unknown type and a bad duration")
    func benchUsage() {
        for arguments in [["--type", "dsa"], ["--seconds", "0"], ["--seconds", "601"]] {
            let result = EdmRun.inProcess(["dkim", "bench"] + arguments)
            #expect(result.code == 64, "\(arguments)")
            #expect(result.stdout.isEmpty, "\(arguments)")
        }
    }
}
