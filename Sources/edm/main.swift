// The edm executable: hand the arguments to EdmCLI and exit with its code.
import EdmCLI
import Foundation

exit(EdmCommand.main(Array(CommandLine.arguments.dropFirst())).rawValue)
