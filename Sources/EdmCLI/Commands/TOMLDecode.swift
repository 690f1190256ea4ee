// edm toml-decode: toml-test's decoder interface, so anyone can run the upstream conformance runner.
import TOML

extension EdmCommand {
    /// Reads TOML on standard input and writes toml-test's tagged JSON (exit 0), or a message (exit 1).
    struct TOMLDecode: Command {
        static let configuration = CommandConfiguration(
            name: "toml-decode",
            abstract: "Decode TOML from stdin to toml-test's tagged JSON.",
            usage: "toml-decode",
            discussion: """
                Implements the decoder interface of toml-test (github.com/toml-lang/toml-test): TOML on standard
                input; tagged JSON on standard output and exit 0, or an error on standard error and exit 1.
                Example: toml-test -- edm toml-decode
                """
        )

        init(arguments: inout ArgumentList) throws {}

        func run(_ context: CommandContext) throws -> ExitCode {
            let bytes = context.readStandardInput()
            do {
                let table = try TOMLParser.parse(bytes: bytes)
                context.print(TOMLTaggedJSON.encode(table))
                return .success
            } catch {
                context.output.writeErr(error.formatted(file: "<stdin>") + "\n")
                return .failure
            }
        }
    }
}
