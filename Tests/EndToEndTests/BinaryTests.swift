// The built edm binary, run as a user runs it: real process, real pipes, real exit codes.
import EdmTestSupport
import Foundation
import Testing

@Suite struct BinaryTests {
    @Test("edm version runs and reports the OpenSSL it is linked with")
    func version() throws {
        let result = try EdmRun.binary(["version"])
        #expect(result.code == 0)
        #expect(result.stdout.hasPrefix("edm 0.1.0\nOpenSSL 3."))
    }

    @Test("README's first command: the example campaign checks clean")
    func readmeFirstCommand() throws {
        let result = try EdmRun.binary(["check", "examples/spring-sale/campaign.toml"], in: EdmRun.packageRoot)
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stdout.contains("ok: campaign 'spring-sale-2026'"))
    }

    @Test("init then check from a fresh folder, as the README shows")
    func initThenCheck() throws {
        let folder = TemporaryDirectory()
        let created = try EdmRun.binary(["init", "my-campaign", "--template", "event-zh"], in: folder.path)
        #expect(created.code == 0, "\(created.stderr)")
        let checked = try EdmRun.binary(["check", "my-campaign/campaign.toml"], in: folder.path)
        #expect(checked.code == 0, "\(checked.stderr)")
        let again = try EdmRun.binary(["init", "my-campaign"], in: folder.path)
        #expect(again.code == 73)
    }

    @Test("usage errors exit 64 from the real binary, with nothing on stdout")
    func usageExit() throws {
        let result = try EdmRun.binary(["send-it"])
        #expect(result.code == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("edm: error: unknown command 'send-it'"))
    }

    @Test("an invalid campaign exits 78 from the real binary")
    func configExit() throws {
        let folder = TemporaryDirectory()
        folder.write("c.toml", "[campaign]\nid = 5\n")
        let result = try EdmRun.binary(["check", "c.toml"], in: folder.path)
        #expect(result.code == 78)
        #expect(result.stderr.contains("c.toml:2:6: error: 'campaign.id' must be a string, not an integer"))
    }
}
