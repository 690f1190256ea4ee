// Project rules checked over the source tree (STYLE.md F.1, E.5).
import EdmTestSupport
import Foundation
import Testing

@Suite struct CodeOrganizationTests {
    static func swiftFiles(under folder: String) -> [String] {
        let root = EdmRun.packageRoot + "/" + folder
        let enumerator = FileManager.default.enumerator(atPath: root)
        var files: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".swift") { files.append(folder + "/" + path) }
        }
        return files.sorted()
    }

    static func contents(_ relative: String) -> String {
        (try? String(contentsOfFile: EdmRun.packageRoot + "/" + relative, encoding: .utf8)) ?? ""
    }

    // Why: OpenSSL's unsafe pointers and error model stay in one small module that can be audited alone.
    @Test("only Sources/EdmCrypto imports COpenSSL or holds OpaquePointer")
    func openSSLConfined() {
        let files = Self.swiftFiles(under: "Sources")
        #expect(files.count > 20)
        for file in files where !file.hasPrefix("Sources/EdmCrypto/") {
            let text = Self.contents(file)
            #expect(!text.contains("import COpenSSL"), "\(file) imports COpenSSL")
            #expect(!text.contains("OpaquePointer"), "\(file) uses OpaquePointer")
        }
        for file in files where file.hasPrefix("Sources/EdmCrypto/") && Self.contents(file).contains("import COpenSSL") {
            #expect(Self.contents(file).contains("internal import COpenSSL"), "\(file): use internal import")
        }
    }

    // Why: a crash mid-campaign loses the run's state; every failure must be an error with a message.
    @Test("no try!, fatalError or force-unwrapped casts in Sources")
    func noTraps() {
        for file in Self.swiftFiles(under: "Sources") {
            let text = Self.contents(file)
            #expect(!text.contains("try!"), "\(file) uses try!")
            #expect(!text.contains("fatalError("), "\(file) uses fatalError")
            #expect(!text.contains("as! "), "\(file) uses as!")
        }
    }

    // Why: the design allows no package dependencies (toolchain and system libraries only).
    @Test("Package.swift declares no package dependency")
    func noDependencies() {
        #expect(!Self.contents("Package.swift").contains(".package("))
    }
}
