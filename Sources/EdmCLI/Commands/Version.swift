// edm version: edm's version and the OpenSSL it runs with.
import EdmCrypto

extension EdmCommand {
    /// Prints edm's version and the OpenSSL library versions, for bug reports.
    struct Version: Command {
        static let configuration = CommandConfiguration(
            name: "version",
            abstract: "Show edm's version and the OpenSSL it runs with.",
            usage: "version"
        )

        init(arguments: inout ArgumentList) throws {}

        func run(_ context: CommandContext) throws -> ExitCode {
            context.print("edm \(EdmVersion.current)")
            context.print("\(OpenSSLVersion.runtime) (built with \(OpenSSLVersion.compiledAgainst))")
            return .success
        }
    }
}

/// edm's own version; bump with each release (README "Install").
public enum EdmVersion {
    public static let current = "0.1.0"
}
