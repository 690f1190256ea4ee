// Every usage error path: its exact message, usage line and exit code 64.
import EdmTestSupport
import Testing

@Suite struct UsageErrorTests {
    @Test("an unknown command suggests the closest one")
    func unknownCommand() {
        let result = EdmRun.inProcess(["chek", "campaign.toml"])
        #expect(result.code == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == """
            edm: error: unknown command 'chek' (did you mean 'check'?)
            Usage: edm <command> [options]
            See 'edm help'.

            """)
    }

    @Test("an unknown command with nothing close gets no suggestion")
    func unknownCommandNoSuggestion() {
        #expect(EdmRun.inProcess(["frobnicate"]).stderr.hasPrefix("edm: error: unknown command 'frobnicate'\n"))
    }

    @Test("an unknown option suggests the closest declared option")
    func unknownOption() {
        let result = EdmRun.inProcess(["init", "--templat", "newsletter"])
        #expect(result.code == 64)
        #expect(result.stderr == """
            edm: error: unknown option '--templat' (did you mean '--template'?)
            Usage: edm init [<dir>] [--template <name>] [--list]
            See 'edm help init'.

            """)
    }

    @Test("an unknown global option before the command suggests a global option")
    func unknownGlobalOption() {
        let result = EdmRun.inProcess(["--quite", "check", "x.toml"])
        #expect(result.code == 64)
        #expect(result.stderr.hasPrefix("edm: error: unknown option '--quite' (did you mean '--quiet'?)\n"))
    }

    @Test("a missing argument names the placeholder")
    func missingArgument() {
        let result = EdmRun.inProcess(["check"])
        #expect(result.code == 64)
        #expect(result.stderr == """
            edm: error: missing argument <campaign.toml>
            Usage: edm check <campaign.toml> [--json] [--spamassassin] [--smtp] [--trace-smtp <file>]
            See 'edm help check'.

            """)
    }

    @Test("an extra argument is refused")
    func extraArgument() {
        let result = EdmRun.inProcess(["check", "a.toml", "b.toml"])
        #expect(result.code == 64)
        #expect(result.stderr.hasPrefix("edm: error: unexpected argument 'b.toml'\n"))
    }

    @Test("an option that needs a value says so")
    func optionNeedsValue() {
        let result = EdmRun.inProcess(["init", "--template"])
        #expect(result.code == 64)
        #expect(result.stderr.hasPrefix("edm: error: option '--template' needs a value\n"))
    }

    @Test("a flag given a value is refused")
    func flagWithValue() {
        let result = EdmRun.inProcess(["init", "--list=yes"])
        #expect(result.code == 64)
        #expect(result.stderr.hasPrefix("edm: error: option '--list' takes no value\n"))
    }

    @Test("help for an unknown command is a usage error")
    func helpUnknownCommand() {
        let result = EdmRun.inProcess(["help", "chek"])
        #expect(result.code == 64)
        #expect(result.stderr == """
            edm: error: unknown command 'chek' (did you mean 'check'?)
            Usage: edm help [<command>]
            See 'edm help help'.

            """)
    }

    @Test("an unknown template suggests a known one")
    func unknownTemplate() {
        let result = EdmRun.inProcess(["init", "x", "--template", "newsleter"])
        #expect(result.code == 64)
        #expect(result.stderr.hasPrefix(
            "edm: error: unknown template 'newsleter' (did you mean 'newsletter'?); see 'edm init --list'\n"))
    }

    @Test("options may come before or after positionals, with = or a separate value")
    func optionForms() {
        let folder = TemporaryDirectory()
        #expect(EdmRun.inProcess(["init", "--template=announcement", "a"], in: folder.path).code == 0)
        #expect(EdmRun.inProcess(["init", "b", "-t", "event-zh", "--quiet"], in: folder.path).code == 0)
        #expect(folder.read("a/campaign.toml")?.contains("id = \"announcement\"") == true)
        #expect(folder.read("b/campaign.toml")?.contains("id = \"event-invitation\"") == true)
    }
}
